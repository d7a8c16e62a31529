/**
 * Adherence, conformance and break management.
 *
 * - Adherence: the share of scheduled time (activities other than "off") in which the agent's
 *   actual state matched the scheduled activity.
 * - Conformance: time actually worked (on the queue, in training or a meeting) over time scheduled
 *   to work, over the whole window; it can exceed 100% with overtime.
 * - Out of adherence: a stretch where actual ≠ scheduled, including working while scheduled off.
 *   It raises an alert once it has lasted the grace period.
 * - Break queue: at most `maxOnBreak` agents of a team on break at once; requests beyond that wait
 *   and are granted first come, first served as breaks end.
 * Times are epoch milliseconds (from the injected clock); nothing here reads the time itself.
 */
import { isFiniteNumber, requireInput } from './errors';

export type ActivityKind = 'work' | 'break' | 'meal' | 'training' | 'meeting' | 'off';

/** Activities that count as working time for conformance. */
const WORKING: ReadonlySet<ActivityKind> = new Set(['work', 'training', 'meeting']);

export interface ScheduledActivity {
  agentId: string;
  kind: ActivityKind;
  start: number;
  end: number;
}

export interface StateInterval {
  agentId: string;
  /** The agent state as the ACD reports it, e.g. ready, busy, wrap, break, offline. */
  state: string;
  start: number;
  /** Absent while the agent is still in this state. */
  end?: number;
}

/** How ACD states map to activities; a state mapped to null (e.g. not_ready) never adheres. */
export const DEFAULT_STATE_ACTIVITY: Readonly<Record<string, ActivityKind | null>> = {
  ready: 'work',
  busy: 'work',
  wrap: 'work',
  break: 'break',
  meal: 'meal',
  training: 'training',
  meeting: 'meeting',
  offline: 'off',
  not_ready: null,
};

export interface AdherenceOptions {
  /** Window start and end (epoch ms). Open states end at `to`, which is "now" for a live view. */
  from: number;
  to: number;
  /** Out-of-adherence stretches shorter than this raise no alert; default 5 minutes. */
  graceMs?: number;
  stateActivity?: Readonly<Record<string, ActivityKind | null>>;
  /** agentId → teamId, for team totals. */
  teams?: Readonly<Record<string, string>>;
}

export interface AdherenceTotals {
  scheduledMs: number;
  adherentMs: number;
  /** adherentMs / scheduledMs; null when nothing was scheduled. */
  adherence: number | null;
  scheduledWorkMs: number;
  workedMs: number;
  /** workedMs / scheduledWorkMs; null when no work was scheduled. */
  conformance: number | null;
}

export interface OutOfAdherence {
  agentId: string;
  start: number;
  end: number;
  /** Still going at the end of the window. */
  ongoing: boolean;
  /** What was scheduled and what the agent did when the stretch began. */
  scheduled: ActivityKind;
  actual: ActivityKind | null;
  /** When the grace period ran out: the moment to alert. */
  alertAt: number;
}

export interface AdherenceReport {
  agents: (AdherenceTotals & { agentId: string })[];
  teams: (AdherenceTotals & { teamId: string })[];
  /** Stretches that outlasted the grace period, by start time. */
  alerts: OutOfAdherence[];
}

interface Segment {
  start: number;
  end: number;
  scheduled: ActivityKind;
  actual: ActivityKind | null;
}

function validateIntervals(
  items: readonly { agentId: string; start: number; end?: number }[],
  field: string,
  openEnd: number,
): void {
  items.forEach((item, index) => {
    requireInput(typeof item.agentId === 'string' && item.agentId.length > 0, `${field}[${index}].agentId`, 'must be a non-empty string');
    requireInput(isFiniteNumber(item.start), `${field}[${index}].start`, 'must be a time in epoch milliseconds');
    const end = item.end ?? openEnd;
    requireInput(isFiniteNumber(end) && end > item.start, `${field}[${index}].end`, 'must be after start');
  });
  const byAgent = new Map<string, { start: number; end: number; index: number }[]>();
  items.forEach((item, index) => {
    const list = byAgent.get(item.agentId) ?? [];
    list.push({ start: item.start, end: item.end ?? openEnd, index });
    byAgent.set(item.agentId, list);
  });
  for (const list of byAgent.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      const previous = list[i - 1];
      const current = list[i];
      if (previous && current && current.start < previous.end) {
        requireInput(false, `${field}[${current.index}]`, 'overlaps another interval of the same agent');
      }
    }
  }
}

/** Splits [from, to) at every boundary of the agent's schedule and states. */
function segmentsOf(
  activities: readonly ScheduledActivity[],
  states: readonly StateInterval[],
  from: number,
  to: number,
  stateActivity: Readonly<Record<string, ActivityKind | null>>,
): Segment[] {
  const cuts = new Set<number>([from, to]);
  for (const item of [...activities, ...states]) {
    for (const edge of [item.start, item.end ?? to]) if (edge > from && edge < to) cuts.add(edge);
  }
  const edges = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const start = edges[i] as number;
    const end = edges[i + 1] as number;
    const activity = activities.find((item) => item.start <= start && item.end > start);
    const state = states.find((item) => item.start <= start && (item.end ?? to) > start);
    const actual = state === undefined ? 'off' : (stateActivity[state.state] ?? null);
    segments.push({ start, end, scheduled: activity?.kind ?? 'off', actual });
  }
  return segments;
}

function totalsOf(segments: readonly Segment[]): AdherenceTotals {
  let scheduledMs = 0;
  let adherentMs = 0;
  let scheduledWorkMs = 0;
  let workedMs = 0;
  for (const segment of segments) {
    const length = segment.end - segment.start;
    if (segment.scheduled !== 'off') scheduledMs += length;
    if (segment.scheduled !== 'off' && segment.actual === segment.scheduled) adherentMs += length;
    if (WORKING.has(segment.scheduled)) scheduledWorkMs += length;
    if (segment.actual !== null && WORKING.has(segment.actual)) workedMs += length;
  }
  return withRatios({ scheduledMs, adherentMs, scheduledWorkMs, workedMs });
}

function withRatios(sums: Omit<AdherenceTotals, 'adherence' | 'conformance'>): AdherenceTotals {
  return {
    ...sums,
    adherence: sums.scheduledMs > 0 ? sums.adherentMs / sums.scheduledMs : null,
    conformance: sums.scheduledWorkMs > 0 ? sums.workedMs / sums.scheduledWorkMs : null,
  };
}

function outOfAdherence(agentId: string, segments: readonly Segment[], to: number, graceMs: number): OutOfAdherence[] {
  const alerts: OutOfAdherence[] = [];
  let stretch: Segment[] = [];
  const close = () => {
    const first = stretch[0];
    const last = stretch[stretch.length - 1];
    if (first && last && last.end - first.start >= graceMs) {
      alerts.push({
        agentId,
        start: first.start,
        end: last.end,
        ongoing: last.end === to,
        scheduled: first.scheduled,
        actual: first.actual,
        alertAt: first.start + graceMs,
      });
    }
    stretch = [];
  };
  for (const segment of segments) {
    if (segment.actual === segment.scheduled) close();
    else stretch.push(segment);
  }
  close();
  return alerts;
}

/** Adherence and conformance per agent and team over [from, to), with out-of-adherence alerts. */
export function adherenceReport(
  activities: readonly ScheduledActivity[],
  states: readonly StateInterval[],
  options: AdherenceOptions,
): AdherenceReport {
  requireInput(isFiniteNumber(options.from), 'from', 'must be a time in epoch milliseconds');
  requireInput(isFiniteNumber(options.to) && options.to > options.from, 'to', 'must be after from');
  const graceMs = options.graceMs ?? 5 * 60_000;
  requireInput(isFiniteNumber(graceMs) && graceMs >= 0, 'graceMs', 'must be ≥ 0');
  validateIntervals(activities, 'activities', options.to);
  validateIntervals(states, 'states', options.to);
  const stateActivity = options.stateActivity ?? DEFAULT_STATE_ACTIVITY;

  const agentIds = [...new Set([...activities.map((item) => item.agentId), ...states.map((item) => item.agentId)])].sort();
  const agents: AdherenceReport['agents'] = [];
  const alerts: OutOfAdherence[] = [];
  const teamSums = new Map<string, Omit<AdherenceTotals, 'adherence' | 'conformance'>>();
  for (const agentId of agentIds) {
    const segments = segmentsOf(
      activities.filter((item) => item.agentId === agentId),
      states.filter((item) => item.agentId === agentId),
      options.from,
      options.to,
      stateActivity,
    );
    const totals = totalsOf(segments);
    agents.push({ agentId, ...totals });
    alerts.push(...outOfAdherence(agentId, segments, options.to, graceMs));
    const teamId = options.teams?.[agentId];
    if (teamId !== undefined) {
      const sums = teamSums.get(teamId) ?? { scheduledMs: 0, adherentMs: 0, scheduledWorkMs: 0, workedMs: 0 };
      sums.scheduledMs += totals.scheduledMs;
      sums.adherentMs += totals.adherentMs;
      sums.scheduledWorkMs += totals.scheduledWorkMs;
      sums.workedMs += totals.workedMs;
      teamSums.set(teamId, sums);
    }
  }
  return {
    agents,
    teams: [...teamSums.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([teamId, sums]) => ({ teamId, ...withRatios(sums) })),
    alerts: alerts.sort((a, b) => a.start - b.start || a.agentId.localeCompare(b.agentId)),
  };
}

// ---------------------------------------------------------------------------------------------
// Break management
// ---------------------------------------------------------------------------------------------

export interface BreakQueue {
  /** Most agents of the team on break at once. */
  maxOnBreak: number;
  onBreak: readonly { agentId: string; since: number }[];
  /** First come, first served. */
  waiting: readonly { agentId: string; requestedAt: number }[];
}

export type BreakRequestOutcome = 'granted' | 'queued' | 'already_on_break' | 'already_waiting';

export interface BreakGrant {
  agentId: string;
  at: number;
}

export function createBreakQueue(maxOnBreak: number): BreakQueue {
  requireInput(Number.isInteger(maxOnBreak) && maxOnBreak >= 0, 'maxOnBreak', 'must be an integer ≥ 0');
  return { maxOnBreak, onBreak: [], waiting: [] };
}

/** An agent asks for a break: granted if the team is under its limit and nobody waits, else queued. */
export function requestBreak(
  queue: BreakQueue,
  agentId: string,
  at: number,
): { queue: BreakQueue; outcome: BreakRequestOutcome; position?: number } {
  if (queue.onBreak.some((item) => item.agentId === agentId)) return { queue, outcome: 'already_on_break' };
  const waitingIndex = queue.waiting.findIndex((item) => item.agentId === agentId);
  if (waitingIndex >= 0) return { queue, outcome: 'already_waiting', position: waitingIndex + 1 };
  if (queue.waiting.length === 0 && queue.onBreak.length < queue.maxOnBreak) {
    return { queue: { ...queue, onBreak: [...queue.onBreak, { agentId, since: at }] }, outcome: 'granted' };
  }
  const waiting = [...queue.waiting, { agentId, requestedAt: at }];
  return { queue: { ...queue, waiting }, outcome: 'queued', position: waiting.length };
}

/** Grants waiting requests in order while the team is under its limit. */
function grantWaiting(queue: BreakQueue, at: number): { queue: BreakQueue; granted: BreakGrant[] } {
  const onBreak = [...queue.onBreak];
  const waiting = [...queue.waiting];
  const granted: BreakGrant[] = [];
  while (waiting.length > 0 && onBreak.length < queue.maxOnBreak) {
    const next = waiting.shift();
    if (!next) break;
    onBreak.push({ agentId: next.agentId, since: at });
    granted.push({ agentId: next.agentId, at });
  }
  return { queue: { ...queue, onBreak, waiting }, granted };
}

/** An agent's break ends; the longest-waiting requests take the freed places. */
export function endBreak(queue: BreakQueue, agentId: string, at: number): { queue: BreakQueue; granted: BreakGrant[] } {
  return grantWaiting({ ...queue, onBreak: queue.onBreak.filter((item) => item.agentId !== agentId) }, at);
}

/** An agent withdraws a waiting request. */
export function cancelBreakRequest(queue: BreakQueue, agentId: string): BreakQueue {
  return { ...queue, waiting: queue.waiting.filter((item) => item.agentId !== agentId) };
}

/** A supervisor changes the limit; raising it grants waiting requests at once, lowering it ends no break. */
export function setMaxOnBreak(queue: BreakQueue, maxOnBreak: number, at: number): { queue: BreakQueue; granted: BreakGrant[] } {
  requireInput(Number.isInteger(maxOnBreak) && maxOnBreak >= 0, 'maxOnBreak', 'must be an integer ≥ 0');
  return grantWaiting({ ...queue, maxOnBreak }, at);
}
