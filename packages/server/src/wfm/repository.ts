/** The WFM context's queries. Every business query takes the tenant id. */
import { and, asc, desc, eq, gt, gte, inArray, lt, max, min, sql, sum } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.ts';
import { wfmForecasts, wfmHistory, wfmSchedules, wfmShiftTemplates, wfmShifts } from './schema.ts';

export type ForecastRow = typeof wfmForecasts.$inferSelect;
export type ShiftTemplateRow = typeof wfmShiftTemplates.$inferSelect;
export type ScheduleRow = typeof wfmSchedules.$inferSelect;
export type ShiftRow = typeof wfmShifts.$inferSelect;
export type HistoryRow = typeof wfmHistory.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs: anything that is not a UUID is simply not found. */
export const isUuid = (value: string) => UUID.test(value);

// ---------------------------------------------------------------------------------------------
// History
// ---------------------------------------------------------------------------------------------

export function listHistory(ex: Executor, tenantId: string, queueId: string, channel: string, range: { from?: Date; to?: Date } = {}): Promise<HistoryRow[]> {
  const conditions = [eq(wfmHistory.tenantId, tenantId), eq(wfmHistory.queueId, queueId), eq(wfmHistory.channel, channel)];
  if (range.from) conditions.push(gte(wfmHistory.intervalStart, range.from));
  if (range.to) conditions.push(lt(wfmHistory.intervalStart, range.to));
  return ex.select().from(wfmHistory).where(and(...conditions)).orderBy(asc(wfmHistory.intervalStart));
}

/** What history each queue and channel has: interval count, span, total volume, interval length. */
export function summariseHistory(ex: Executor, tenantId: string) {
  return ex
    .select({
      queueId: wfmHistory.queueId,
      channel: wfmHistory.channel,
      intervalMinutes: max(wfmHistory.intervalMinutes),
      intervals: sql<number>`count(*)::int`,
      offered: sum(wfmHistory.offered).mapWith(Number),
      first: min(wfmHistory.intervalStart),
      last: max(wfmHistory.intervalStart),
      sources: sql<string[]>`array_agg(distinct ${wfmHistory.source})`,
    })
    .from(wfmHistory)
    .where(eq(wfmHistory.tenantId, tenantId))
    .groupBy(wfmHistory.queueId, wfmHistory.channel)
    .orderBy(asc(wfmHistory.queueId), asc(wfmHistory.channel));
}

/** The interval lengths a queue's stored history uses (one, normally). */
export async function historyIntervalLengths(ex: Executor, tenantId: string, queueIds: string[]): Promise<Map<string, number[]>> {
  if (queueIds.length === 0) return new Map();
  const rows = await ex
    .selectDistinct({ queueId: wfmHistory.queueId, intervalMinutes: wfmHistory.intervalMinutes })
    .from(wfmHistory)
    .where(and(eq(wfmHistory.tenantId, tenantId), inArray(wfmHistory.queueId, queueIds)));
  const lengths = new Map<string, number[]>();
  for (const row of rows) lengths.set(row.queueId, [...(lengths.get(row.queueId) ?? []), row.intervalMinutes]);
  return lengths;
}

// ---------------------------------------------------------------------------------------------
// Forecasts
// ---------------------------------------------------------------------------------------------

/** Forecasts without their series, newest first. */
export function listForecasts(ex: Executor, tenantId: string, filter: { queueId?: string; status?: ForecastRow['status'] } = {}) {
  const conditions = [eq(wfmForecasts.tenantId, tenantId)];
  if (filter.queueId) conditions.push(eq(wfmForecasts.queueId, filter.queueId));
  if (filter.status) conditions.push(eq(wfmForecasts.status, filter.status));
  return ex
    .select({
      id: wfmForecasts.id,
      queueId: wfmForecasts.queueId,
      channel: wfmForecasts.channel,
      version: wfmForecasts.version,
      status: wfmForecasts.status,
      method: wfmForecasts.method,
      intervalMinutes: wfmForecasts.intervalMinutes,
      timeZone: wfmForecasts.timeZone,
      startDate: wfmForecasts.startDate,
      horizonDays: wfmForecasts.horizonDays,
      backtest: wfmForecasts.backtest,
      staffingParams: wfmForecasts.staffingParams,
      peakAgents: sql<number | null>`(${wfmForecasts.staffingPlan} ->> 'peakAgents')::int`,
      createdBy: wfmForecasts.createdBy,
      createdAt: wfmForecasts.createdAt,
      approvedBy: wfmForecasts.approvedBy,
      approvedAt: wfmForecasts.approvedAt,
    })
    .from(wfmForecasts)
    .where(and(...conditions))
    .orderBy(desc(wfmForecasts.createdAt), desc(wfmForecasts.version))
    .limit(200);
}

export async function findForecast(ex: Executor, tenantId: string, id: string): Promise<ForecastRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ex.select().from(wfmForecasts).where(and(eq(wfmForecasts.tenantId, tenantId), eq(wfmForecasts.id, id)));
  return row;
}

/** The operator's console (`seatline wfm validate --plan <id>`) looks a forecast up by its id alone. */
export async function findForecastForConsole(ex: Executor, id: string): Promise<ForecastRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ex.select().from(wfmForecasts).where(eq(wfmForecasts.id, id));
  return row;
}

export async function latestForecastVersion(ex: Executor, tenantId: string, queueId: string, channel: string): Promise<number> {
  const [row] = await ex
    .select({ version: max(wfmForecasts.version) })
    .from(wfmForecasts)
    .where(and(eq(wfmForecasts.tenantId, tenantId), eq(wfmForecasts.queueId, queueId), eq(wfmForecasts.channel, channel)));
  return row?.version ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Shift templates
// ---------------------------------------------------------------------------------------------

export function listShiftTemplates(ex: Executor, tenantId: string, ids?: string[]) {
  const conditions = [eq(wfmShiftTemplates.tenantId, tenantId)];
  if (ids) conditions.push(inArray(wfmShiftTemplates.id, ids.filter(isUuid)));
  return ex.select().from(wfmShiftTemplates).where(and(...conditions)).orderBy(asc(wfmShiftTemplates.name));
}

export async function findShiftTemplate(ex: Executor, tenantId: string, id: string): Promise<ShiftTemplateRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ex.select().from(wfmShiftTemplates).where(and(eq(wfmShiftTemplates.tenantId, tenantId), eq(wfmShiftTemplates.id, id)));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Schedules and shifts
// ---------------------------------------------------------------------------------------------

export function listSchedules(ex: Executor, tenantId: string, filter: { teamId?: string; status?: ScheduleRow['status'] } = {}) {
  const conditions = [eq(wfmSchedules.tenantId, tenantId)];
  if (filter.teamId) conditions.push(eq(wfmSchedules.teamId, filter.teamId));
  if (filter.status) conditions.push(eq(wfmSchedules.status, filter.status));
  return ex
    .select({
      id: wfmSchedules.id,
      teamId: wfmSchedules.teamId,
      forecastId: wfmSchedules.forecastId,
      status: wfmSchedules.status,
      startDate: wfmSchedules.startDate,
      weeks: wfmSchedules.weeks,
      intervalMinutes: wfmSchedules.intervalMinutes,
      timeZone: wfmSchedules.timeZone,
      metrics: wfmSchedules.metrics,
      note: wfmSchedules.note,
      createdBy: wfmSchedules.createdBy,
      createdAt: wfmSchedules.createdAt,
      submittedBy: wfmSchedules.submittedBy,
      submittedAt: wfmSchedules.submittedAt,
      publishedBy: wfmSchedules.publishedBy,
      publishedAt: wfmSchedules.publishedAt,
    })
    .from(wfmSchedules)
    .where(and(...conditions))
    .orderBy(desc(wfmSchedules.createdAt))
    .limit(200);
}

export async function findSchedule(ex: Executor, tenantId: string, id: string): Promise<ScheduleRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ex.select().from(wfmSchedules).where(and(eq(wfmSchedules.tenantId, tenantId), eq(wfmSchedules.id, id)));
  return row;
}

export function listShiftsOfSchedule(ex: Executor, tenantId: string, scheduleId: string): Promise<ShiftRow[]> {
  return ex
    .select()
    .from(wfmShifts)
    .where(and(eq(wfmShifts.tenantId, tenantId), eq(wfmShifts.scheduleId, scheduleId)))
    .orderBy(asc(wfmShifts.startAt), asc(wfmShifts.userId));
}

export async function findShift(ex: Executor, tenantId: string, id: string): Promise<ShiftRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ex.select().from(wfmShifts).where(and(eq(wfmShifts.tenantId, tenantId), eq(wfmShifts.id, id)));
  return row;
}

/** Shifts of published schedules that overlap [from, to), optionally for some users only. */
export async function listPublishedShifts(ex: Executor, tenantId: string, from: Date, to: Date, userIds?: string[]): Promise<ShiftRow[]> {
  if (userIds && userIds.length === 0) return [];
  const conditions = [
    eq(wfmShifts.tenantId, tenantId),
    eq(wfmSchedules.status, 'published'),
    lt(wfmShifts.startAt, to),
    gt(wfmShifts.endAt, from),
  ];
  if (userIds) conditions.push(inArray(wfmShifts.userId, userIds));
  const rows = await ex
    .select({ shift: wfmShifts })
    .from(wfmShifts)
    .innerJoin(wfmSchedules, eq(wfmSchedules.id, wfmShifts.scheduleId))
    .where(and(...conditions))
    .orderBy(asc(wfmShifts.startAt), asc(wfmShifts.userId));
  return rows.map((row) => row.shift);
}

/** Shifts of published schedules made for a queue's forecasts, overlapping [from, to): the queue's planned staff. */
export async function listPublishedShiftsForQueue(ex: Executor, tenantId: string, queueId: string, from: Date, to: Date): Promise<ShiftRow[]> {
  const rows = await ex
    .select({ shift: wfmShifts })
    .from(wfmShifts)
    .innerJoin(wfmSchedules, eq(wfmSchedules.id, wfmShifts.scheduleId))
    .innerJoin(wfmForecasts, eq(wfmForecasts.id, wfmSchedules.forecastId))
    .where(and(eq(wfmShifts.tenantId, tenantId), eq(wfmSchedules.status, 'published'), eq(wfmForecasts.queueId, queueId), lt(wfmShifts.startAt, to), gt(wfmShifts.endAt, from)))
    .orderBy(asc(wfmShifts.startAt));
  return rows.map((row) => row.shift);
}
