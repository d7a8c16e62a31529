/** The only path from WFM rows and results to JSON. */
import type { QueueRow } from '../routing/repository.ts';
import type { StaffingResult } from './domain/erlang.ts';
import type { HistoryRow, summariseHistory } from './repository.ts';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export const presentStaffing = (result: StaffingResult) => ({
  model: result.abandonRate === undefined ? ('erlangC' as const) : ('erlangA' as const),
  rawAgents: result.rawAgents,
  agents: result.agents,
  serviceLevel: result.serviceLevel,
  asaSeconds: result.asaSeconds,
  occupancy: result.occupancy,
  waitProbability: result.waitProbability,
  ...(result.abandonRate === undefined ? {} : { abandonRate: result.abandonRate }),
  trafficErlangs: result.trafficErlangs,
});

export const presentHistorySummary = (rows: Awaited<ReturnType<typeof summariseHistory>>, queues: QueueRow[]) =>
  rows.map((row) => {
    const queue = queues.find((item) => item.id === row.queueId);
    return {
      queueId: row.queueId,
      queueCode: queue?.code ?? null,
      queueName: queue?.name ?? null,
      channel: row.channel,
      intervalMinutes: row.intervalMinutes,
      intervals: row.intervals,
      offered: row.offered,
      from: iso(row.first),
      to: row.last === null || row.intervalMinutes === null ? null : new Date(new Date(row.last).getTime() + row.intervalMinutes * 60_000).toISOString(),
      sources: row.sources,
    };
  });

/** A queue's stored history as aligned columns for a chart. */
export const presentHistorySeries = (queue: QueueRow, rows: HistoryRow[]) => ({
  queueId: queue.id,
  queueCode: queue.code,
  channel: queue.settings.channel ?? 'voice',
  intervalMinutes: rows[0]?.intervalMinutes ?? null,
  intervalStarts: rows.map((row) => row.intervalStart.toISOString()),
  offered: rows.map((row) => row.offered),
  ahtSeconds: rows.map((row) => row.ahtSeconds),
  sources: rows.map((row) => row.source),
});
