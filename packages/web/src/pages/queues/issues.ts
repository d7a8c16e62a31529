/**
 * Maps a `request.invalid` answer of POST/PATCH /api/queues onto the drawer form's fields.
 *
 * The server reports three shapes:
 * - request schema failures: `details.issues[].path` like `body.settings.serviceLevel.percent`;
 * - the queue-set check, which validates the tenant's other queues plus the candidate (last):
 *   `details.issues[].path` like `5.overflow.queueId`, where 5 is the candidate's index in that set;
 * - single-field refusals: `details.field` (`businessLineId`, `settings.channel`, `code`).
 */
export type FieldName = (string | number)[];

export interface FieldIssue {
  name: FieldName;
  message: string;
}

export interface MappedIssues {
  fields: FieldIssue[];
  /** Issues no form field matches (or about another queue): shown above the form. */
  general: string[];
}

const QUEUE_TOP_LEVEL = ['code', 'name', 'businessLineId'];

function segments(path: string): FieldName {
  return path
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const key = (name: FieldName) => name.join('.');

/** The registered field the path names, or the closest one (a parent path picks its first field, a deeper path its field). */
export function matchField(path: FieldName, known: FieldName[]): FieldName | null {
  const wanted = key(path);
  const keys = known.map(key);
  const exact = keys.indexOf(wanted);
  if (exact >= 0) return known[exact]!;
  const child = keys.findIndex((k) => k.startsWith(`${wanted}.`));
  if (child >= 0) return known[child]!;
  let best: FieldName | null = null;
  for (const [index, name] of known.entries()) {
    if (wanted.startsWith(`${keys[index]}.`) && (!best || name.length > best.length)) best = name;
  }
  return best;
}

/**
 * @param known the form's registered field names (`form.getFieldsError().map((f) => f.name)`)
 * @param candidateIndex the edited queue's index in the server's queue-set check (the tenant's other queues come first)
 */
export function mapQueueIssues(details: unknown, known: FieldName[], candidateIndex: number | null): MappedIssues {
  const out: MappedIssues = { fields: [], general: [] };
  if (typeof details !== 'object' || details === null) return out;
  const record = details as { issues?: unknown; field?: unknown; reason?: unknown };
  const raw: { path: string; message: string }[] = [];
  if (Array.isArray(record.issues)) {
    for (const issue of record.issues) {
      if (typeof issue !== 'object' || issue === null) continue;
      const { path, message } = issue as { path?: unknown; message?: unknown };
      raw.push({ path: typeof path === 'string' ? path : Array.isArray(path) ? path.join('.') : '', message: typeof message === 'string' ? message : '' });
    }
  }
  if (typeof record.field === 'string') raw.push({ path: record.field, message: typeof record.reason === 'string' ? record.reason : '' });

  for (const issue of raw) {
    let path = segments(issue.path);
    if (path[0] === 'body') path = path.slice(1);
    if (typeof path[0] === 'number') {
      // The queue-set check: only the candidate's issues belong to this form.
      if (candidateIndex === null || path[0] !== candidateIndex) {
        out.general.push(issue.message || issue.path);
        continue;
      }
      path = path.slice(1);
      if (!QUEUE_TOP_LEVEL.includes(String(path[0]))) path = ['settings', ...path];
    } else if (path.length > 0 && !QUEUE_TOP_LEVEL.includes(String(path[0])) && path[0] !== 'settings') {
      path = ['settings', ...path];
    }
    const field = path.length > 0 ? matchField(path, known) : null;
    if (field) out.fields.push({ name: field, message: issue.message });
    else out.general.push(issue.message ? `${issue.path}: ${issue.message}` : issue.path);
  }
  return out;
}
