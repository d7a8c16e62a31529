/**
 * Forecasts: the queue's stored history as whole local days → backtest of every method on a
 * holdout → the chosen (or forced) method's forecast with adjustments, stored as a new draft
 * version. A staffing plan per interval is computed onto a draft; the call-center manager approves
 * (000 §3.2.2 1.h), which supersedes the queue's previously approved forecast.
 */
import { and, eq } from 'drizzle-orm';
import { auditAction } from '../../org/commands/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { findQueue } from '../../routing/repository.ts';
import { FORECAST_METHODS, forecastSeries, type ForecastAdjustment, type ForecastMethod, type IntervalHistory } from '../domain/forecast.ts';
import { buildStaffingPlan } from '../domain/sizing.ts';
import { domain, invalidField, invalidState } from '../errors.ts';
import { WfmEvents } from '../events.ts';
import type { ForecastOptionsStored, StaffingParams, StaffingPlanStored } from '../model.ts';
import { findForecast, isUuid, latestForecastVersion, listHistory, type HistoryRow } from '../repository.ts';
import { wfmForecasts } from '../schema.ts';
import { addDays, daysBetween, instantToLocal, localToInstant, requireTimeZone } from '../time.ts';

export interface CreateForecastInput {
  queueId: string;
  intervalMinutes?: 15 | 30;
  horizonWeeks: number;
  method: 'auto' | ForecastMethod;
  holdoutDays?: number;
  profileWeeks?: number;
  adjustments: ForecastAdjustment[];
  /** Use history from and to these local dates (inclusive); default all of it. */
  historyFrom?: string;
  historyTo?: string;
  timeZone: string;
}

/** Stored rows → whole local days of `intervalMinutes` intervals (missing intervals count as zero). */
export function historySeries(rows: HistoryRow[], intervalMinutes: number, timeZone: string): IntervalHistory & { ahtSeconds: number[] } {
  const stored = rows[0]?.intervalMinutes ?? intervalMinutes;
  if (intervalMinutes % stored !== 0) throw invalidField('intervalMinutes', `the history has ${stored}-minute intervals; forecast in ${stored} or ${stored * 2} minutes`);
  const first = instantToLocal(rows[0]!.intervalStart.getTime(), timeZone).date;
  const last = instantToLocal(rows[rows.length - 1]!.intervalStart.getTime(), timeZone).date;
  const perDay = 1440 / intervalMinutes;
  const days = daysBetween(first, last) + 1;
  const volumes = new Array<number>(days * perDay).fill(0);
  const work = new Array<number>(days * perDay).fill(0);
  for (const row of rows) {
    const local = instantToLocal(row.intervalStart.getTime(), timeZone);
    const index = daysBetween(first, local.date) * perDay + Math.floor(local.minute / intervalMinutes);
    volumes[index] = (volumes[index] ?? 0) + row.offered;
    work[index] = (work[index] ?? 0) + row.offered * row.ahtSeconds;
  }
  return { startDate: first, intervalMinutes, volumes, ahtSeconds: volumes.map((volume, index) => (volume > 0 ? (work[index] ?? 0) / volume : 0)) };
}

export async function createForecast(ctx: AppContext, actor: Actor, input: CreateForecastInput) {
  const db = ctx.database.db;
  const tenantId = actor.tenant.id;
  const queue = isUuid(input.queueId) ? await findQueue(db, tenantId, input.queueId) : undefined;
  if (!queue) throw invalidField('queueId', `no queue ${input.queueId}`);
  const channel = queue.settings.channel ?? 'voice';
  const timeZone = await domain(() => requireTimeZone(input.timeZone));
  const range = await domain(() => ({
    ...(input.historyFrom ? { from: new Date(localToInstant(input.historyFrom, 0, timeZone)) } : {}),
    ...(input.historyTo ? { to: new Date(localToInstant(input.historyTo, 1440, timeZone)) } : {}),
  }));
  const rows = await listHistory(db, tenantId, queue.id, channel, range);
  if (rows.length === 0) throw new AppError('wfm.empty_history', 400, { field: 'queueId', message: `queue "${queue.code}" has no history in that range: import it or roll it up from interactions first` });
  const history = historySeries(rows, input.intervalMinutes ?? rows[0]!.intervalMinutes, timeZone);
  const options = {
    horizonDays: input.horizonWeeks * 7,
    ...(input.method === 'auto' ? {} : { method: input.method }),
    ...(input.holdoutDays === undefined ? {} : { holdoutDays: input.holdoutDays }),
    ...(input.profileWeeks === undefined ? {} : { profileWeeks: input.profileWeeks }),
    adjustments: input.adjustments,
  };
  const forecast = await domain(() => forecastSeries(history, options));
  const holdout = holdoutSeries(history, forecast.method, forecast.backtest.length > 0, input);

  const stored: ForecastOptionsStored = {
    method: input.method,
    horizonWeeks: input.horizonWeeks,
    ...(input.holdoutDays === undefined ? {} : { holdoutDays: input.holdoutDays }),
    ...(input.profileWeeks === undefined ? {} : { profileWeeks: input.profileWeeks }),
    adjustments: input.adjustments,
  };
  const id = await ctx.uow.run(async (tx, record) => {
    const version = (await latestForecastVersion(tx, tenantId, queue.id, channel)) + 1;
    const [row] = await tx
      .insert(wfmForecasts)
      .values({
        tenantId,
        queueId: queue.id,
        channel,
        version,
        status: 'draft',
        method: forecast.method,
        intervalMinutes: history.intervalMinutes,
        timeZone,
        startDate: forecast.startDate,
        horizonDays: options.horizonDays,
        historyStartDate: history.startDate,
        historyDays: history.volumes.length / (1440 / history.intervalMinutes),
        options: stored,
        backtest: forecast.backtest,
        series: { baseVolumes: forecast.baseVolumes, volumes: forecast.volumes, ahtSeconds: forecast.ahtSeconds ?? forecast.volumes.map(() => 0), holdout },
        createdBy: actor.userId,
        createdAt: new Date(ctx.clock.now()),
      })
      .returning({ id: wfmForecasts.id });
    await record({ type: WfmEvents.forecastCreated, tenantId, aggregateId: row!.id, payload: { queueId: queue.id, version, method: forecast.method } });
    await auditAction(ctx, tx, actor, 'wfm.forecast_created', 'wfm_forecast', row!.id, { queue: queue.code, version, method: forecast.method, startDate: forecast.startDate, horizonDays: options.horizonDays });
    return row!.id;
  });
  return (await findForecast(db, tenantId, id))!;
}

/** The chosen method's forecast of the holdout days from the days before them, for the accuracy chart. */
function holdoutSeries(history: IntervalHistory, method: ForecastMethod, backtested: boolean, input: CreateForecastInput) {
  if (!backtested) return null;
  const perDay = 1440 / history.intervalMinutes;
  const holdoutDays = input.holdoutDays ?? 7;
  const split = history.volumes.length - holdoutDays * perDay;
  try {
    const training = { startDate: history.startDate, intervalMinutes: history.intervalMinutes, volumes: history.volumes.slice(0, split) };
    const result = forecastSeries(training, { method, horizonDays: holdoutDays, ...(input.profileWeeks === undefined ? {} : { profileWeeks: input.profileWeeks }) });
    return { startDate: result.startDate, actual: history.volumes.slice(split), forecast: result.volumes };
  } catch {
    return null;
  }
}

export async function staffForecast(ctx: AppContext, actor: Actor, forecastId: string, request: StaffingParams) {
  const forecast = await findForecast(ctx.database.db, actor.tenant.id, forecastId);
  if (!forecast) throw notFound();
  if (forecast.status !== 'draft') throw invalidState('an approved forecast keeps its staffing plan; create a new version to change it', { status: forecast.status });
  const { ahtSeconds, ...params } = request;
  const plan = await domain(() =>
    buildStaffingPlan({
      intervals: forecast.series.volumes.map((calls, index) => ({ calls, ahtSeconds: ahtSeconds ?? forecast.series.ahtSeconds[index] ?? 0 })),
      intervalMinutes: forecast.intervalMinutes,
      ...params,
    }),
  ).catch((error: unknown) => {
    if (error instanceof AppError && /^intervals\[\d+\]\.ahtSeconds$/.test((error.details as { field?: string }).field ?? '')) {
      throw invalidField('ahtSeconds', 'the forecast has no AHT for some intervals with calls (the history had none): give one ahtSeconds for all');
    }
    throw error;
  });
  const stored: StaffingPlanStored = {
    model: params.patienceSeconds === undefined ? 'erlangC' : 'erlangA',
    rawAgents: plan.intervals.map((interval) => interval.rawAgents),
    agents: plan.intervals.map((interval) => interval.agents),
    serviceLevel: plan.intervals.map((interval) => interval.serviceLevel),
    asaSeconds: plan.intervals.map((interval) => interval.asaSeconds),
    occupancy: plan.intervals.map((interval) => interval.occupancy),
    waitProbability: plan.intervals.map((interval) => interval.waitProbability),
    ...(params.patienceSeconds === undefined ? {} : { abandonRate: plan.intervals.map((interval) => interval.abandonRate ?? 0) }),
    peakRawAgents: plan.peakRawAgents,
    peakAgents: plan.peakAgents,
    requiredAgentHours: plan.requiredAgentHours,
  };
  const staffingParams: StaffingParams = { ...params, ...(ahtSeconds === undefined ? {} : { ahtSeconds }) };
  await ctx.uow.run(async (tx, record) => {
    await tx.update(wfmForecasts).set({ staffingParams, staffingPlan: stored }).where(eq(wfmForecasts.id, forecast.id));
    await record({ type: WfmEvents.forecastStaffed, tenantId: actor.tenant.id, aggregateId: forecast.id, payload: { peakAgents: stored.peakAgents, requiredAgentHours: stored.requiredAgentHours } });
    await auditAction(ctx, tx, actor, 'wfm.forecast_staffed', 'wfm_forecast', forecast.id, { ...staffingParams, peakAgents: stored.peakAgents });
  });
  return { params: staffingParams, plan: stored };
}

export async function approveForecast(ctx: AppContext, actor: Actor, forecastId: string) {
  const forecast = await findForecast(ctx.database.db, actor.tenant.id, forecastId);
  if (!forecast) throw notFound();
  if (forecast.status !== 'draft') throw invalidState(`the forecast is ${forecast.status}, not a draft`, { status: forecast.status });
  const now = new Date(ctx.clock.now());
  await ctx.uow.run(async (tx, record) => {
    await tx
      .update(wfmForecasts)
      .set({ status: 'superseded' })
      .where(and(eq(wfmForecasts.tenantId, actor.tenant.id), eq(wfmForecasts.queueId, forecast.queueId), eq(wfmForecasts.channel, forecast.channel), eq(wfmForecasts.status, 'approved')));
    await tx.update(wfmForecasts).set({ status: 'approved', approvedBy: actor.userId, approvedAt: now }).where(eq(wfmForecasts.id, forecast.id));
    await record({ type: WfmEvents.forecastApproved, tenantId: actor.tenant.id, aggregateId: forecast.id, payload: { queueId: forecast.queueId, version: forecast.version } });
    await auditAction(ctx, tx, actor, 'wfm.forecast_approved', 'wfm_forecast', forecast.id, { version: forecast.version });
  });
  return (await findForecast(ctx.database.db, actor.tenant.id, forecastId))!;
}

export const FORECAST_METHOD_CHOICES = ['auto', ...FORECAST_METHODS] as const;

/** The forecast window's actual history and the weeks before it, for the actual-vs-forecast chart. */
export async function forecastActuals(ctx: AppContext, tenantId: string, forecast: { queueId: string; channel: string; startDate: string; horizonDays: number; intervalMinutes: number; timeZone: string }) {
  const recentDays = 28;
  const from = addDays(forecast.startDate, -recentDays);
  const rows = await listHistory(ctx.database.db, tenantId, forecast.queueId, forecast.channel, {
    from: new Date(localToInstant(from, 0, forecast.timeZone)),
    to: new Date(localToInstant(forecast.startDate, forecast.horizonDays * 1440, forecast.timeZone)),
  });
  const perDay = 1440 / forecast.intervalMinutes;
  const recent = new Array<number>(recentDays * perDay).fill(0);
  const actual = new Array<number | null>(forecast.horizonDays * perDay).fill(null);
  for (const row of rows) {
    const local = instantToLocal(row.intervalStart.getTime(), forecast.timeZone);
    const day = daysBetween(from, local.date);
    const slot = Math.floor(local.minute / forecast.intervalMinutes);
    if (day < recentDays) recent[day * perDay + slot] = (recent[day * perDay + slot] ?? 0) + row.offered;
    else {
      const index = (day - recentDays) * perDay + slot;
      if (index < actual.length) actual[index] = (actual[index] ?? 0) + row.offered;
    }
  }
  return { recent: { startDate: from, volumes: recent }, actual };
}
