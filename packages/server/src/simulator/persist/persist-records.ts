/**
 * Leaves a simulated day behind as ordinary interaction records: one `interactions` row per call of
 * a `runSimulation` result and the `interaction_events` rows the live contact center would have
 * written for its steps, marked `simulated = true`, with the scenario's queue ids replaced by the
 * tenant's queues.
 *
 * Rows get deterministic ids derived from the tenant, the scenario (its whole content) and the seed,
 * so running the same day again inserts nothing new instead of doubling the volume; a changed
 * scenario or another seed is another run. Rows are written in batches, each in one transaction
 * with a domain event; an interrupted run is completed by running it again.
 *
 * Bots are not users: the rows keep `agent_id` empty and the events name the bot in `data.bot`.
 * The simulation keeps one record per call (first queue entry, last offer), so an overflow shows
 * as the final queue on the row and on the `offered` event, without a step of its own.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../../audit/commands.ts';
import { interactionEvents, interactions } from '../../interactions/schema.ts';
import type { AppContext } from '../../platform/context.ts';
import type { InteractionRecord, SimulationResult } from '../domain/simulation.ts';
import type { Scenario } from '../domain/scenario.ts';

export type InteractionInsert = typeof interactions.$inferInsert;
export type EventInsert = Omit<typeof interactionEvents.$inferInsert, 'id'>;

/** A tenant queue a scenario queue can be recorded under. */
export interface TenantQueue {
  id: string;
  code: string;
  channel: string;
}

export class QueueMappingError extends Error {
  constructor(
    readonly unmatched: string[],
    readonly available: string[],
  ) {
    super(
      `the tenant has no queue for scenario queue${unmatched.length > 1 ? 's' : ''} ${unmatched.map((id) => `"${id}"`).join(', ')}` +
        (available.length ? ` (its queues: ${available.join(', ')}); name the scenario's queues after the tenant's queue codes` : '; it has no queues yet'),
    );
  }
}

/** repairs, Repair, new-business and new_business all name the same thing. */
function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/s$/, '');
}

/**
 * Scenario queue id → tenant queue id: by the tenant queue's id or code, exactly or in a
 * normalised form (case, `-`/`_`, a plural `s`). With `byOrder`, scenario queues left unmatched
 * take the tenant's remaining queues of their channel in code order (a demo day run on a tenant
 * with other queue names); without it they are an error.
 */
export function mapScenarioQueues(
  scenarioQueues: readonly { id: string; channel: string }[],
  tenantQueues: readonly TenantQueue[],
  options: { byOrder?: boolean } = {},
): Map<string, TenantQueue> {
  const mapping = new Map<string, TenantQueue>();
  const unmatched: { id: string; channel: string }[] = [];
  for (const queue of scenarioQueues) {
    const match =
      tenantQueues.find((candidate) => candidate.id === queue.id || candidate.code === queue.id) ??
      tenantQueues.find((candidate) => normalise(candidate.code) === normalise(queue.id));
    if (match) mapping.set(queue.id, match);
    else unmatched.push(queue);
  }
  if (unmatched.length && options.byOrder) {
    const used = new Set([...mapping.values()].map((queue) => queue.id));
    for (const queue of [...unmatched]) {
      const sameChannel = [...tenantQueues].filter((candidate) => candidate.channel === queue.channel).sort((a, b) => a.code.localeCompare(b.code));
      const pick = sameChannel.find((candidate) => !used.has(candidate.id)) ?? sameChannel[0];
      if (!pick) continue;
      mapping.set(queue.id, pick);
      used.add(pick.id);
      unmatched.splice(unmatched.indexOf(queue), 1);
    }
  }
  if (unmatched.length) throw new QueueMappingError(unmatched.map((queue) => queue.id), tenantQueues.map((queue) => queue.code).sort());
  return mapping;
}

/** Identifies a run: the same tenant, scenario content and seed give the same key. */
export function runKey(tenantId: string, scenario: Scenario, seed: number): string {
  return createHash('sha256').update(JSON.stringify([tenantId, canonical(scenario), seed])).digest('hex').slice(0, 32);
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

function digest(...parts: string[]): Buffer {
  return createHash('sha256').update(parts.join('|')).digest();
}

/** A UUID (version 8: custom) from a hash, so a record's id is the same in every run of the same day. */
export function deterministicUuid(...parts: string[]): string {
  const bytes = digest('uuid', ...parts).subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A uniform draw in [0, 1) fixed by its name: independent of the simulation's own random streams. */
function draw(...parts: string[]): number {
  return digest('draw', ...parts).readUInt32BE(0) / 2 ** 32;
}

const MOBILE_PREFIXES = ['130', '131', '135', '136', '138', '139', '150', '158', '186', '187'];

/** A plausible mainland mobile number for a simulated caller, fixed per record. */
function callerNumber(key: string, recordId: string): string {
  const hash = digest('caller', key, recordId);
  const prefix = MOBILE_PREFIXES[hash[0]! % MOBILE_PREFIXES.length]!;
  const rest = String(hash.readUInt32BE(1) % 100_000_000).padStart(8, '0');
  return `+86${prefix}${rest}`;
}

/** The wrap-up codes the agent desktop offers, with how often bots pick them. */
const DISPOSITIONS: readonly [string, number][] = [
  ['resolved', 0.55],
  ['work_order', 0.25],
  ['info', 0.12],
  ['callback', 0.05],
  ['other', 0.03],
];

function disposition(key: string, recordId: string): string {
  let u = draw('disposition', key, recordId);
  for (const [code, weight] of DISPOSITIONS) {
    if ((u -= weight) < 0) return code;
  }
  return DISPOSITIONS[0]![0];
}

/** The IVR nodes walked, with the key pressed where a menu has exactly one key leading on: welcome:1 > repairs. */
function ivrPathOf(path: readonly string[], scenario: Scenario): string[] {
  return path.map((name, index) => {
    const node = scenario.ivr.nodes[name];
    const nextName = path[index + 1];
    if (node?.type !== 'menu' || nextName === undefined) return name;
    const keys = node.options.filter((option) => option.next === nextName);
    return keys.length === 1 && keys[0]!.digit ? `${name}:${keys[0]!.digit}` : name;
  });
}

export interface RowTarget {
  tenantId: string;
  /** Scenario queue id → the tenant's queue. */
  queues: ReadonlyMap<string, TenantQueue>;
  /** The number dialled, when the tenant has one hotline to name. */
  hotline: string | null;
  key: string;
}

/** The rows the live contact center would have left for one simulated call. */
export function rowsFor(record: InteractionRecord, scenario: Scenario, target: RowTarget, dayEnd: number): { interaction: InteractionInsert; events: EventInsert[] } {
  const id = deterministicUuid(target.tenantId, target.key, record.id);
  const queueOf = (scenarioQueue: string | null) => (scenarioQueue ? (target.queues.get(scenarioQueue)?.id ?? null) : null);
  const queueId = queueOf(record.queue);
  const firstQueueId = queueOf(record.firstQueue);
  const address = callerNumber(target.key, record.id);
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  const bot = record.agent;

  let endedAt = record.endedAt;
  let endedBy: InteractionInsert['endedBy'] = 'customer';
  let abandonedIn: InteractionInsert['abandonedIn'] = null;
  let outcome: string | null = null;
  switch (record.outcome) {
    case 'answered':
      break;
    case 'abandoned_in_queue':
      abandonedIn = 'queue';
      break;
    case 'abandoned_in_ivr':
      abandonedIn = 'ivr';
      outcome = 'abandoned';
      break;
    case 'self_service':
      outcome = 'self_service';
      break;
    case 'callback':
    case 'voicemail':
      endedBy = 'system';
      outcome = record.outcome;
      break;
    case 'unanswered':
      // Still waiting when the simulated day had nothing more to happen: closed at the day's end.
      endedBy = 'system';
      outcome = 'unanswered';
      endedAt = Math.max(dayEnd, record.queuedAt ?? record.arrivedAt);
      break;
  }
  const maxWrapUpMs = (scenario.queues.find((queue) => queue.id === record.queue)?.maxWrapUpSeconds ?? 0) * 1000;
  // A wrap-up the bot finished itself carries a disposition; one the queue's maximum cut short has none, as live.
  const wrappedUpByBot = record.answeredAt !== null && record.wrapUpEndedAt !== null && record.endedAt !== null && record.wrapUpEndedAt - record.endedAt < maxWrapUpMs;
  const dispositionCode = wrappedUpByBot ? disposition(target.key, record.id) : null;

  const interaction: InteractionInsert = {
    id,
    tenantId: target.tenantId,
    channel: record.channel,
    direction: 'inbound',
    status: 'ended',
    address,
    hotline: target.hotline,
    customerId: null,
    queueId,
    agentId: null,
    priority: record.priority,
    ivrPath: ivrPathOf(record.ivrPath, scenario),
    arrivedAt: new Date(record.arrivedAt),
    ivrEnteredAt: new Date(record.arrivedAt),
    ivrExitedAt: date(record.ivrExitedAt),
    enqueuedAt: date(record.queuedAt),
    queuedAt: date(record.queuedAt),
    offeredAt: date(record.offeredAt),
    answeredAt: date(record.answeredAt),
    endedAt: date(endedAt),
    endedBy,
    wrapUpEndedAt: date(record.wrapUpEndedAt),
    abandonedAt: date(record.abandonedAt),
    abandonedIn,
    holdSeconds: 0,
    transferred: false,
    disposition: dispositionCode,
    notes: null,
    outcome,
    simulated: true,
  };

  const events: EventInsert[] = [];
  const add = (type: string, at: number | null, data: Record<string, unknown>, eventQueue: string | null = queueId) => {
    if (at !== null) events.push({ tenantId: target.tenantId, interactionId: id, type, at: new Date(at), agentId: null, queueId: eventQueue, data: { ...data, simulated: true } });
  };
  add('arrived', record.arrivedAt, { channel: record.channel, address }, null);
  add('ivr_entered', record.arrivedAt, {}, null);
  add('ivr_exited', record.ivrExitedAt, { path: interaction.ivrPath }, null);
  add('queued', record.queuedAt, { reason: 'arrival' }, firstQueueId);
  add('offered', record.offeredAt, { offers: record.offers, bot });
  add('answered', record.answeredAt, { bot });
  switch (record.outcome) {
    case 'answered':
      add('ended', record.endedAt, { by: 'customer', bot });
      if (dispositionCode) add('disposition', record.wrapUpEndedAt, { disposition: dispositionCode, bot });
      add('wrap_up_ended', record.wrapUpEndedAt, { timedOut: !wrappedUpByBot, bot });
      break;
    case 'abandoned_in_queue':
      add('abandoned', record.abandonedAt, { in: 'queue' });
      break;
    case 'abandoned_in_ivr':
      add('abandoned', record.abandonedAt, { in: 'ivr' }, null);
      break;
    case 'self_service':
      add('self_service', record.endedAt, {}, null);
      break;
    case 'callback':
    case 'voicemail':
      add('limit_reached', record.endedAt, { action: record.outcome });
      break;
    case 'unanswered':
      add('ended', endedAt, { by: 'system', reason: 'unanswered' });
      break;
  }
  return { interaction, events };
}

export interface PersistInput {
  tenantId: string;
  scenario: Scenario;
  seed: number;
  result: SimulationResult;
  queues: ReadonlyMap<string, TenantQueue>;
  hotline: string | null;
  /** Who ran it, for the audit entry. */
  actor: { userId: string; displayName: string } | null;
  /** Calls per transaction. */
  batchSize?: number;
}

export interface PersistOutcome {
  run: string;
  interactions: number;
  events: number;
  /** Records written by this run; the rest were already there from an identical run. */
  inserted: number;
  alreadyPresent: number;
}

/** PostgreSQL takes at most 65,535 parameters per statement; an event row has 7. */
const EVENT_CHUNK = 2_000;

export async function persistSimulation(ctx: AppContext, input: PersistInput): Promise<PersistOutcome> {
  const key = runKey(input.tenantId, input.scenario, input.seed);
  const target: RowTarget = { tenantId: input.tenantId, queues: input.queues, hotline: input.hotline, key };
  const dayEnd = input.result.startAt + input.result.intervals.length * input.result.intervalMinutes * 60_000;
  const batchSize = Math.max(1, input.batchSize ?? 500);
  const records = input.result.interactions;
  let inserted = 0;
  let events = 0;
  for (let start = 0; start < records.length; start += batchSize) {
    const rows = records.slice(start, start + batchSize).map((record) => rowsFor(record, input.scenario, target, dayEnd));
    events += rows.reduce((sum, row) => sum + row.events.length, 0);
    inserted += await ctx.uow.run(async (tx, recordEvent) => {
      const written = await tx
        .insert(interactions)
        .values(rows.map((row) => row.interaction))
        .onConflictDoNothing({ target: interactions.id })
        .returning({ id: interactions.id });
      const fresh = new Set(written.map((row) => row.id));
      const newEvents = rows.filter((row) => fresh.has(row.interaction.id as string)).flatMap((row) => row.events);
      for (let offset = 0; offset < newEvents.length; offset += EVENT_CHUNK) {
        await tx.insert(interactionEvents).values(newEvents.slice(offset, offset + EVENT_CHUNK));
      }
      if (fresh.size > 0) {
        await recordEvent({ type: 'interactions.simulated', tenantId: input.tenantId, payload: { run: key, interactions: fresh.size } });
      }
      return fresh.size;
    });
  }
  await ctx.uow.run(async (tx) => {
    await recordAudit(tx, {
      tenantId: input.tenantId,
      at: new Date(ctx.clock.now()),
      actor: input.actor,
      action: 'interactions.simulated',
      details: { run: key, scenario: input.scenario.name, seed: input.seed, startAt: input.scenario.startAt, interactions: records.length, inserted },
    });
  });
  return { run: key, interactions: records.length, events, inserted, alreadyPresent: records.length - inserted };
}
