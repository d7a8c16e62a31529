/**
 * Interval history: imported from CSV/XLSX (every row checked, all or nothing) or rolled up from
 * the platform's own interactions. Stored per tenant × queue × channel × interval; a later import
 * or roll-up of the same interval replaces it.
 */
import { sql } from 'drizzle-orm';
import { rollupQueueIntervals } from '../../interactions/repository.ts';
import { auditAction } from '../../org/commands/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { listQueues } from '../../routing/repository.ts';
import { domain, invalidField } from '../errors.ts';
import { WfmEvents } from '../events.ts';
import { readIntervals, parseCsv, readXlsx, type RowError } from '../import.ts';
import { historyIntervalLengths } from '../repository.ts';
import { wfmHistory } from '../schema.ts';
import { localToInstant, requireTimeZone } from '../time.ts';

/** Rows reported at most; the count says how many there were. */
const MAX_REPORTED_ERRORS = 200;
const MAX_ROWS = 250_000;

export interface ImportInput {
  format: 'csv' | 'xlsx';
  /** CSV text, or the XLSX file in base64. */
  content: string;
  intervalMinutes: 15 | 30;
  timeZone: string;
  dryRun: boolean;
}

interface QueueSummary {
  queueId: string;
  queueCode: string;
  channel: string;
  intervals: number;
  offered: number;
  from: string;
  to: string;
}

type HistoryValues = typeof wfmHistory.$inferInsert;

async function upsertHistory(tx: Tx, values: HistoryValues[]): Promise<void> {
  for (let i = 0; i < values.length; i += 1000) {
    await tx
      .insert(wfmHistory)
      .values(values.slice(i, i + 1000))
      .onConflictDoUpdate({
        target: [wfmHistory.tenantId, wfmHistory.queueId, wfmHistory.channel, wfmHistory.intervalStart],
        set: {
          intervalMinutes: sql`excluded.interval_minutes`,
          offered: sql`excluded.offered`,
          ahtSeconds: sql`excluded.aht_seconds`,
          source: sql`excluded.source`,
          updatedAt: sql`excluded.updated_at`,
        },
      });
  }
}

function summarise(values: HistoryValues[], codes: Map<string, string>, intervalMinutes: number): QueueSummary[] {
  const byQueue = new Map<string, QueueSummary>();
  for (const value of values) {
    const key = `${value.queueId}|${value.channel}`;
    const start = value.intervalStart.toISOString();
    const end = new Date(value.intervalStart.getTime() + intervalMinutes * 60_000).toISOString();
    const found = byQueue.get(key);
    if (!found) {
      byQueue.set(key, { queueId: value.queueId, queueCode: codes.get(value.queueId) ?? '', channel: value.channel, intervals: 1, offered: value.offered, from: start, to: end });
      continue;
    }
    found.intervals += 1;
    found.offered += value.offered;
    if (start < found.from) found.from = start;
    if (end > found.to) found.to = end;
  }
  return [...byQueue.values()].sort((a, b) => a.queueCode.localeCompare(b.queueCode) || a.channel.localeCompare(b.channel));
}

/** Checks a whole file against the tenant's queues and stores it, or reports every bad row and stores nothing. */
export async function importHistory(ctx: AppContext, actor: Actor, input: ImportInput) {
  const timeZone = await domain(() => requireTimeZone(input.timeZone));
  const rows = await domain(async () => {
    if (input.format === 'csv') return parseCsv(input.content);
    const bytes = Buffer.from(input.content, 'base64');
    if (bytes.length === 0) throw invalidField('content', 'is not base64 XLSX content');
    return readXlsx(bytes);
  });
  if (rows.length > MAX_ROWS + 1) throw invalidField('content', `has ${rows.length - 1} rows; import at most ${MAX_ROWS} at a time`);
  const { intervals, errors } = await domain(() => readIntervals(rows, { intervalMinutes: input.intervalMinutes, timeZone }));

  const queues = await listQueues(ctx.database.db, actor.tenant.id);
  const byCode = new Map(queues.map((queue) => [queue.code, queue]));
  const values: HistoryValues[] = [];
  const now = new Date(ctx.clock.now());
  for (const interval of intervals) {
    const queue = byCode.get(interval.queueCode);
    if (!queue) {
      errors.push({ line: interval.line, field: 'queue', message: `no queue with code "${interval.queueCode}"` });
      continue;
    }
    const channel = queue.settings.channel ?? 'voice';
    if (interval.channel !== null && interval.channel !== channel) {
      errors.push({ line: interval.line, field: 'channel', message: `queue "${queue.code}" is a ${channel} queue, not ${interval.channel}` });
      continue;
    }
    values.push({ tenantId: actor.tenant.id, queueId: queue.id, channel, intervalStart: new Date(interval.intervalStart), intervalMinutes: input.intervalMinutes, offered: interval.offered, ahtSeconds: interval.ahtSeconds, source: 'import', updatedAt: now });
  }
  const lengths = await historyIntervalLengths(ctx.database.db, actor.tenant.id, [...new Set(values.map((value) => value.queueId))]);
  for (const [queueId, minutes] of lengths) {
    const other = minutes.find((length) => length !== input.intervalMinutes);
    if (other !== undefined) {
      const code = queues.find((queue) => queue.id === queueId)?.code ?? queueId;
      throw new AppError('wfm.malformed_history', 400, { field: 'intervalMinutes', message: `queue "${code}" already has ${other}-minute history; import ${other}-minute intervals for it` });
    }
  }
  if (errors.length > 0) {
    errors.sort((a: RowError, b: RowError) => a.line - b.line);
    throw new AppError('wfm.malformed_history', 400, { field: 'content', message: `${errors.length} problem(s) in ${rows.length - 1} rows; nothing was imported`, errorCount: errors.length, errors: errors.slice(0, MAX_REPORTED_ERRORS) });
  }
  const summary = summarise(values, new Map(queues.map((queue) => [queue.id, queue.code])), input.intervalMinutes);
  if (input.dryRun) return { imported: 0, checked: values.length, dryRun: true, queues: summary };
  await ctx.uow.run(async (tx, record) => {
    await upsertHistory(tx, values);
    await record({ type: WfmEvents.historyImported, tenantId: actor.tenant.id, payload: { rows: values.length, queues: summary.map((item) => item.queueId) } });
    await auditAction(ctx, tx, actor, 'wfm.history_imported', 'wfm_history', actor.tenant.id, { format: input.format, rows: values.length, queues: summary.map((item) => ({ queue: item.queueCode, from: item.from, to: item.to })) });
  });
  return { imported: values.length, checked: values.length, dryRun: false, queues: summary };
}

export interface DeriveInput {
  /** First and last local dates, inclusive. */
  from: string;
  to: string;
  intervalMinutes: 15 | 30;
  timeZone: string;
  queueIds?: string[];
  includeSimulated: boolean;
}

/** Rolls the tenant's interactions up into history: offered per queue and interval, AHT = talk + hold + wrap-up. */
export async function deriveHistory(ctx: AppContext, actor: Actor, input: DeriveInput) {
  const timeZone = await domain(() => requireTimeZone(input.timeZone));
  const from = await domain(() => localToInstant(input.from, 0, timeZone));
  const to = await domain(() => localToInstant(input.to, 1440, timeZone));
  if (to <= from) throw invalidField('to', 'must not be before from');
  if (to - from > 400 * 86_400_000) throw invalidField('to', 'at most 400 days at a time');
  const queues = await listQueues(ctx.database.db, actor.tenant.id);
  const wanted = input.queueIds ? new Set(input.queueIds) : null;
  if (wanted) {
    for (const id of wanted) if (!queues.some((queue) => queue.id === id)) throw invalidField('queueIds', `no queue ${id}`);
  }
  const rows = await rollupQueueIntervals(ctx.database.db, actor.tenant.id, { from: new Date(from), to: new Date(to), intervalMinutes: input.intervalMinutes, origin: new Date(from), includeSimulated: input.includeSimulated });
  const now = new Date(ctx.clock.now());
  const values: HistoryValues[] = rows
    .filter((row) => !wanted || wanted.has(row.queueId))
    .map((row) => ({ tenantId: actor.tenant.id, queueId: row.queueId, channel: row.channel, intervalStart: row.intervalStart, intervalMinutes: input.intervalMinutes, offered: row.offered, ahtSeconds: row.handled > 0 ? row.handleSeconds / row.handled : 0, source: 'interactions' as const, updatedAt: now }));
  const lengths = await historyIntervalLengths(ctx.database.db, actor.tenant.id, [...new Set(values.map((value) => value.queueId))]);
  for (const [queueId, minutes] of lengths) {
    if (minutes.some((length) => length !== input.intervalMinutes)) {
      throw new AppError('wfm.malformed_history', 400, { field: 'intervalMinutes', message: `queue ${queues.find((queue) => queue.id === queueId)?.code ?? queueId} already has history of another interval length` });
    }
  }
  const summary = summarise(values, new Map(queues.map((queue) => [queue.id, queue.code])), input.intervalMinutes);
  if (values.length > 0) {
    await ctx.uow.run(async (tx, record) => {
      await upsertHistory(tx, values);
      await record({ type: WfmEvents.historyDerived, tenantId: actor.tenant.id, payload: { rows: values.length, from: input.from, to: input.to } });
      await auditAction(ctx, tx, actor, 'wfm.history_derived', 'wfm_history', actor.tenant.id, { from: input.from, to: input.to, rows: values.length });
    });
  }
  return { stored: values.length, queues: summary };
}
