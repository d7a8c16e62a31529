/** The only path from interaction rows to JSON, and the place where personal data is masked. */
import type { CustomerRow } from '../crm/repository.ts';
import type { InteractionRow } from './repository.ts';

/** 13812345678 → 138****5678; short or non-numeric identities keep only their first and last character. */
export function maskPhone(value: string | null): string | null {
  if (!value) return value;
  const digits = value.replace(/^\+86/, '');
  if (/^\d{7,}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return value.length <= 2 ? '*'.repeat(value.length) : `${value[0]}${'*'.repeat(Math.min(6, value.length - 2))}${value.at(-1)}`;
}

/** Keeps the community name and masks building, unit and room: 悦居·锦城 3 栋… → 悦居·锦城 ****. */
export function maskAddress(value: string | null): string | null {
  if (!value) return value;
  const keep = value.search(/\d/);
  return `${keep > 0 ? value.slice(0, keep).trimEnd() : value.slice(0, 2)} ****`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : '');

export interface ExportNames {
  queues: Map<string, string>;
  agents: Map<string, string>;
}

/** The export's columns; the first sixteen names are a published contract that external checks read. */
export const EXPORT_COLUMNS = [
  'id', 'channel', 'direction', 'queue', 'agent', 'customerId', 'arrivedAt', 'queuedAt', 'offeredAt', 'answeredAt',
  'endedAt', 'wrapUpEndedAt', 'abandonedAt', 'holdSeconds', 'transferred', 'disposition',
  'ivrEnteredAt', 'ivrExitedAt', 'ivrPath', 'abandonedIn', 'endedBy', 'outcome', 'hotline', 'address', 'simulated',
] as const;
export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | boolean>;

/** ISO-8601 timestamps, empty when the step did not happen. `queuedAt` is when the customer first started waiting. */
export function presentExportRow(row: InteractionRow, names: ExportNames, unmasked: boolean): ExportRow {
  return {
    id: row.id,
    channel: row.channel,
    direction: row.direction,
    queue: row.queueId ? names.queues.get(row.queueId) ?? row.queueId : '',
    agent: row.agentId ? names.agents.get(row.agentId) ?? row.agentId : '',
    customerId: row.customerId ?? '',
    arrivedAt: iso(row.arrivedAt),
    queuedAt: iso(row.enqueuedAt),
    offeredAt: iso(row.offeredAt),
    answeredAt: iso(row.answeredAt),
    endedAt: iso(row.endedAt),
    wrapUpEndedAt: iso(row.wrapUpEndedAt),
    abandonedAt: iso(row.abandonedAt),
    holdSeconds: row.holdSeconds,
    transferred: row.transferred,
    disposition: row.disposition ?? '',
    ivrEnteredAt: iso(row.ivrEnteredAt),
    ivrExitedAt: iso(row.ivrExitedAt),
    ivrPath: row.ivrPath.join('>'),
    abandonedIn: row.abandonedIn ?? '',
    endedBy: row.endedBy ?? '',
    outcome: row.outcome ?? '',
    hotline: row.hotline ?? '',
    address: unmasked ? (row.address ?? '') : (maskPhone(row.address) ?? ''),
    simulated: row.simulated,
  };
}

export function toCsv(rows: ExportRow[]): string {
  const escape = (value: unknown) => {
    const text = String(value ?? '');
    return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return [EXPORT_COLUMNS.join(','), ...rows.map((row) => EXPORT_COLUMNS.map((c) => escape(row[c])).join(','))].join('\n') + '\n';
}

export function presentInteraction(
  row: InteractionRow,
  events: { type: string; at: Date; agentId: string | null; queueId: string | null; data: Record<string, unknown> }[],
  messages: { sender: string; body: string; at: Date; agentId: string | null }[],
  customer: CustomerRow | null,
  history: { id: string; channel: string; arrivedAt: Date; disposition: string | null; outcome: string | null; queueId: string | null }[],
  unmasked: boolean,
) {
  return {
    id: row.id,
    channel: row.channel,
    direction: row.direction,
    status: row.status,
    address: unmasked ? row.address : maskPhone(row.address),
    hotline: row.hotline,
    customerId: row.customerId,
    queueId: row.queueId,
    agentId: row.agentId,
    priority: row.priority,
    ivrPath: row.ivrPath,
    arrivedAt: row.arrivedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
    holdSeconds: row.holdSeconds,
    onHold: row.heldAt !== null,
    transferred: row.transferred,
    disposition: row.disposition,
    notes: row.notes,
    events: events.map((e) => ({ type: e.type, at: e.at.toISOString(), agentId: e.agentId, queueId: e.queueId, data: e.data })),
    messages: messages.map((m) => ({ sender: m.sender, body: m.body, at: m.at.toISOString(), agentId: m.agentId })),
    customer: customer && {
      id: customer.id,
      name: customer.name,
      vip: customer.vip,
      phones: customer.phones.map((p) => (unmasked ? p : maskPhone(p))),
      address: unmasked ? customer.address : maskAddress(customer.address),
      recent: history.map((h) => ({ id: h.id, channel: h.channel, arrivedAt: h.arrivedAt.toISOString(), disposition: h.disposition, outcome: h.outcome, queueId: h.queueId })),
    },
  };
}

/**
 * Service level so far: contacts answered within the queue's target seconds over contacts answered
 * or abandoned in the queue (docs/METRICS.md, "Floor service level"); null before any contact.
 */
export function serviceLevelSoFar(outcomes: { waitSeconds: number | null; abandoned: boolean }[], targetSeconds: number): number | null {
  if (outcomes.length === 0) return null;
  const withinTarget = outcomes.filter((o) => o.waitSeconds !== null && o.waitSeconds <= targetSeconds).length;
  return withinTarget / outcomes.length;
}
