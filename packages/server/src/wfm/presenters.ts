/** The only path from WFM rows and results to JSON. */
import type { QueueRow } from '../routing/repository.ts';
import type { StaffingResult } from './domain/erlang.ts';
import { coverageOf } from './coverage.ts';
import type { ForecastRow, HistoryRow, ScheduleRow, ShiftRow, ShiftTemplateRow, listForecasts, listSchedules, summariseHistory } from './repository.ts';

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

export const presentForecastSummary = (row: Awaited<ReturnType<typeof listForecasts>>[number] | ForecastRow, queues: QueueRow[]) => ({
  id: row.id,
  queueId: row.queueId,
  queueCode: queues.find((queue) => queue.id === row.queueId)?.code ?? null,
  channel: row.channel,
  version: row.version,
  status: row.status,
  method: row.method,
  intervalMinutes: row.intervalMinutes,
  timeZone: row.timeZone,
  startDate: row.startDate,
  horizonDays: row.horizonDays,
  backtest: row.backtest,
  staffingParams: row.staffingParams,
  peakAgents: 'peakAgents' in row ? row.peakAgents : (row.staffingPlan?.peakAgents ?? null),
  createdBy: row.createdBy,
  createdAt: iso(row.createdAt),
  approvedBy: row.approvedBy,
  approvedAt: iso(row.approvedAt),
});

/** A forecast with the series a chart needs: forecast, base forecast, AHT, actuals (so far) and the weeks before. */
export const presentForecast = (
  row: ForecastRow,
  queues: QueueRow[],
  actuals: { recent: { startDate: string; volumes: number[] }; actual: (number | null)[] },
) => ({
  ...presentForecastSummary(row, queues),
  historyStartDate: row.historyStartDate,
  historyDays: row.historyDays,
  options: row.options,
  series: {
    startDate: row.startDate,
    intervalMinutes: row.intervalMinutes,
    forecast: row.series.volumes,
    baseForecast: row.series.baseVolumes,
    ahtSeconds: row.series.ahtSeconds,
    actual: actuals.actual,
    recent: actuals.recent,
    holdout: row.series.holdout,
  },
  staffing: row.staffingPlan && row.staffingParams ? { params: row.staffingParams, plan: row.staffingPlan } : null,
});

export const presentShiftTemplate = (row: ShiftTemplateRow) => ({ id: row.id, name: row.name, ...row.template, createdAt: iso(row.createdAt), updatedAt: iso(row.updatedAt) });

export const presentShift = (row: ShiftRow, usernames?: Map<string, string>) => ({
  id: row.id,
  scheduleId: row.scheduleId,
  userId: row.userId,
  ...(usernames ? { username: usernames.get(row.userId) ?? null } : {}),
  date: row.date,
  templateId: row.templateId,
  startMinute: row.startMinute,
  endMinute: row.endMinute,
  startAt: iso(row.startAt),
  endAt: iso(row.endAt),
  paidMinutes: row.paidMinutes,
  breaks: row.breaks.map((pause) => ({ ...pause })),
  edited: row.editedAt !== null,
  editedAt: iso(row.editedAt),
});

export const presentScheduleSummary = (row: Awaited<ReturnType<typeof listSchedules>>[number] | ScheduleRow) => ({
  id: row.id,
  teamId: row.teamId,
  forecastId: row.forecastId,
  status: row.status,
  startDate: row.startDate,
  weeks: row.weeks,
  intervalMinutes: row.intervalMinutes,
  timeZone: row.timeZone,
  metrics: row.metrics,
  note: row.note,
  createdBy: row.createdBy,
  createdAt: iso(row.createdAt),
  submittedBy: row.submittedBy,
  submittedAt: iso(row.submittedAt),
  publishedBy: row.publishedBy,
  publishedAt: iso(row.publishedAt),
});

/**
 * A schedule with its shifts and the required-vs-scheduled series for the chart. `coverage` is
 * recomputed from the stored shifts, so it reflects manual edits; `metrics` are the generator's.
 */
export function presentSchedule(row: ScheduleRow, shifts: ShiftRow[], usernames: Map<string, string>) {
  const coverage = coverageOf(shifts, row.startDate, row.weeks * 7, row.intervalMinutes);
  const paidByAgent = new Map<string, number>();
  for (const shift of shifts) paidByAgent.set(shift.userId, (paidByAgent.get(shift.userId) ?? 0) + shift.paidMinutes);
  return {
    ...presentScheduleSummary(row),
    templates: row.input.templates,
    agents: row.input.agents.map((agent) => ({ ...agent, userId: agent.id, username: usernames.get(agent.id) ?? null, paidHours: (paidByAgent.get(agent.id) ?? 0) / 60 })),
    generator: { sweeps: row.input.sweeps, elapsedMs: row.input.elapsedMs, seed: row.input.options.seed ?? 1 },
    series: {
      startDate: row.startDate,
      intervalMinutes: row.intervalMinutes,
      required: row.requirement,
      scheduled: coverage,
    },
    underCoveredIntervals: coverage.filter((value, index) => value + 1e-9 < (row.requirement[index] ?? 0)).length,
    shifts: shifts.map((shift) => presentShift(shift, usernames)),
  };
}
