/**
 * Intraday view of one forecast day: actual contacts so far (live from the interactions, not the
 * stored history), the rest of the day rescaled by actual ÷ forecast so far, the agents the
 * rescaled day needs (the forecast's staffing parameters) and the agents the published schedules
 * put on the queue, with the gap per interval.
 */
import { rollupQueueIntervals } from '../../interactions/repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { reforecastIntraday } from '../domain/forecast.ts';
import { buildStaffingPlan } from '../domain/sizing.ts';
import { coverageOf } from '../coverage.ts';
import { domain, invalidField } from '../errors.ts';
import { findForecast, listPublishedShiftsForQueue } from '../repository.ts';
import { addDays, daysBetween, instantToLocal, localToInstant } from '../time.ts';

export async function intradayView(ctx: AppContext, actor: Actor, forecastId: string, date: string | undefined) {
  const db = ctx.database.db;
  const tenantId = actor.tenant.id;
  const forecast = await findForecast(db, tenantId, forecastId);
  if (!forecast) throw notFound();
  const now = ctx.clock.now();
  const day = date ?? instantToLocal(now, forecast.timeZone).date;
  const offset = await domain(() => daysBetween(forecast.startDate, day));
  if (offset < 0 || offset >= forecast.horizonDays) throw invalidField('date', `must lie within the forecast (${forecast.startDate} to ${addDays(forecast.startDate, forecast.horizonDays - 1)})`);
  const perDay = 1440 / forecast.intervalMinutes;
  const dayStart = localToInstant(day, 0, forecast.timeZone);
  const elapsed = Math.max(0, Math.min(perDay, Math.floor((now - dayStart) / (forecast.intervalMinutes * 60_000))));
  const todayForecast = forecast.series.volumes.slice(offset * perDay, (offset + 1) * perDay);
  const todayAht = forecast.series.ahtSeconds.slice(offset * perDay, (offset + 1) * perDay);

  const actual = new Array<number>(elapsed).fill(0);
  if (elapsed > 0) {
    const rows = await rollupQueueIntervals(db, tenantId, { from: new Date(dayStart), to: new Date(dayStart + elapsed * forecast.intervalMinutes * 60_000), intervalMinutes: forecast.intervalMinutes, origin: new Date(dayStart), includeSimulated: true });
    for (const row of rows) {
      if (row.queueId !== forecast.queueId || row.channel !== forecast.channel) continue;
      const index = Math.floor((row.intervalStart.getTime() - dayStart) / (forecast.intervalMinutes * 60_000));
      if (index >= 0 && index < elapsed) actual[index] = (actual[index] ?? 0) + row.offered;
    }
  }
  const reforecast = await domain(() => reforecastIntraday(todayForecast, actual));
  const shifts = await listPublishedShiftsForQueue(db, tenantId, forecast.queueId, new Date(dayStart), new Date(localToInstant(day, 1440, forecast.timeZone)));
  const scheduled = coverageOf(shifts, day, 1, forecast.intervalMinutes);
  const params = forecast.staffingParams;
  const required = params
    ? (await domain(() =>
        buildStaffingPlan({
          intervals: reforecast.volumes.map((calls, index) => ({ calls, ahtSeconds: params.ahtSeconds ?? todayAht[index] ?? 0 })),
          intervalMinutes: forecast.intervalMinutes,
          slTarget: params.slTarget,
          slSeconds: params.slSeconds,
          shrinkage: params.shrinkage,
          maxOccupancy: params.maxOccupancy,
          ...(params.patienceSeconds === undefined ? {} : { patienceSeconds: params.patienceSeconds }),
        }),
      )).intervals.map((interval) => interval.rawAgents)
    : null;
  return {
    forecastId: forecast.id,
    date: day,
    timeZone: forecast.timeZone,
    intervalMinutes: forecast.intervalMinutes,
    elapsedIntervals: elapsed,
    ratio: reforecast.ratio,
    forecast: todayForecast,
    actual: [...actual, ...new Array<null>(perDay - elapsed).fill(null)],
    reforecast: reforecast.volumes,
    required,
    scheduled,
    gap: required ? scheduled.map((value, index) => value - (required[index] ?? 0)) : null,
  };
}
