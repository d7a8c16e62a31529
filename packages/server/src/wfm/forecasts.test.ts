/** Forecasts over stored history, their staffing plans and the manager's approval. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, usingPostgres, type TestApp } from '../testing/harness.ts';
import { findForecastForConsole } from './repository.ts';
import { historyCsv } from './testing.ts';
import { planFromForecast, validatePlan } from './validate.ts';

describe(`WFM forecasts (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let planner: string;
  let manager: string;
  let repairId: string;
  let complaintId: string;
  beforeAll(async () => {
    t = await startTestApp();
    planner = (await t.login('property.inbound_supervisor')).cookie;
    manager = (await t.login('property.cc_manager')).cookie;
    const queues = (await t.app.inject({ method: 'GET', url: '/api/queues', headers: { cookie: planner } })).json().items as { id: string; code: string }[];
    repairId = queues.find((queue) => queue.code === 'repair')!.id;
    complaintId = queues.find((queue) => queue.code === 'complaint')!.id;
    for (const [queue, days] of [['repair', 56], ['complaint', 5]] as const) {
      const response = await t.app.inject({ method: 'POST', url: '/api/wfm/history/import', headers: { cookie: planner }, payload: { format: 'csv', content: historyCsv({ startDate: '2026-01-05', days, queue }) } });
      expect(response.statusCode, response.body).toBe(200);
    }
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST', url: string, payload?: object, cookie = planner) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  let forecastId = '';

  it('backtests every method, picks the best and forecasts two weeks with the holdout series for the chart', async () => {
    const response = await call('POST', '/api/wfm/forecasts', { queueId: repairId, horizonWeeks: 2 });
    expect(response.statusCode, response.body).toBe(201);
    const forecast = response.json();
    forecastId = forecast.id;
    expect(forecast).toMatchObject({ queueCode: 'repair', channel: 'voice', version: 1, status: 'draft', intervalMinutes: 30, timeZone: 'Asia/Shanghai', startDate: '2026-03-02', horizonDays: 14, historyStartDate: '2026-01-05', historyDays: 56, staffing: null });
    expect(forecast.backtest.map((score: { method: string }) => score.method).sort()).toEqual(['holtWinters', 'seasonalNaive', 'weekdayProfile']);
    expect(forecast.method).toBe(forecast.backtest[0].method);
    // The synthetic history repeats exactly each week: the best method is (near) perfect.
    expect(forecast.backtest[0].wape).toBeLessThan(0.01);
    expect(forecast.series.forecast).toHaveLength(14 * 48);
    expect(forecast.series.ahtSeconds[20]).toBeCloseTo(240, 6);
    expect(forecast.series.recent.startDate).toBe('2026-02-02');
    expect(forecast.series.recent.volumes).toHaveLength(28 * 48);
    expect(forecast.series.actual.every((value: number | null) => value === null)).toBe(true);
    expect(forecast.series.holdout).toMatchObject({ startDate: '2026-02-23' });
    expect(forecast.series.holdout.actual).toHaveLength(7 * 48);
    expect(forecast.series.holdout.forecast).toHaveLength(7 * 48);
    // Monday 10:00 (slot 20) of the first forecast week equals the history's Mondays.
    expect(forecast.series.forecast[20]).toBeCloseTo(forecast.series.recent.volumes[20], 6);
  });

  it('applies adjustments and forced methods, and versions per queue', async () => {
    const response = await call('POST', '/api/wfm/forecasts', {
      queueId: repairId,
      method: 'seasonalNaive',
      horizonWeeks: 1,
      adjustments: [{ kind: 'percent', fromDate: '2026-03-03', toDate: '2026-03-03', percent: 50 }, { kind: 'holiday', date: '2026-03-04' }],
    });
    expect(response.statusCode, response.body).toBe(201);
    const forecast = response.json();
    expect(forecast).toMatchObject({ version: 2, method: 'seasonalNaive', backtest: [] });
    const tuesday = 48 + 20;
    expect(forecast.series.forecast[tuesday]).toBeCloseTo(forecast.series.baseForecast[tuesday] * 1.5, 9);
    expect(forecast.series.forecast.slice(96, 144).every((value: number) => value === 0)).toBe(true);
    const list = (await call('GET', `/api/wfm/forecasts?queueId=${repairId}`)).json().items;
    expect(list.map((item: { version: number }) => item.version)).toEqual([2, 1]);
  });

  it('computes the staffing plan per interval onto the draft', async () => {
    const response = await call('POST', `/api/wfm/forecasts/${forecastId}/staffing`, { slTarget: 0.8, slSeconds: 20, shrinkage: 0.3, maxOccupancy: 0.85 });
    expect(response.statusCode, response.body).toBe(200);
    const { params, plan } = response.json();
    expect(params).toEqual({ slTarget: 0.8, slSeconds: 20, shrinkage: 0.3, maxOccupancy: 0.85 });
    expect(plan.model).toBe('erlangC');
    expect(plan.rawAgents).toHaveLength(14 * 48);
    expect(plan.rawAgents[0]).toBe(0);
    expect(plan.rawAgents[20]).toBeGreaterThan(0);
    expect(plan.agents[20]).toBeGreaterThanOrEqual(Math.ceil(plan.rawAgents[20] / 0.7));
    expect(plan.serviceLevel[20]).toBeGreaterThanOrEqual(0.8);
    expect(plan.occupancy[20]).toBeLessThanOrEqual(0.85);
    expect(plan.requiredAgentHours).toBe(plan.rawAgents.reduce((sum: number, value: number) => sum + value, 0) / 2);
    const detail = (await call('GET', `/api/wfm/forecasts/${forecastId}`)).json();
    expect(detail.staffing.plan.peakAgents).toBe(plan.peakAgents);
    expect(detail.peakAgents).toBe(plan.peakAgents);

    const patient = await call('POST', `/api/wfm/forecasts/${forecastId}/staffing`, { slTarget: 0.8, slSeconds: 20, patienceSeconds: 120 });
    expect(patient.json().plan.model).toBe('erlangA');
    expect(patient.json().plan.abandonRate).toHaveLength(14 * 48);
    const bad = await call('POST', `/api/wfm/forecasts/${forecastId}/staffing`, { slTarget: 0, slSeconds: 20 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues[0].path).toBe('body.slTarget');
    await call('POST', `/api/wfm/forecasts/${forecastId}/staffing`, { slTarget: 0.8, slSeconds: 20, shrinkage: 0.3, maxOccupancy: 0.85 });
  });

  it('validates the stored plan by simulation, as `seatline wfm validate --plan <forecastId>` does', async () => {
    const row = (await findForecastForConsole(t.ctx.database.db, forecastId))!;
    const plan = planFromForecast(row);
    expect(plan.intervals).toHaveLength(14 * 48);
    expect(plan.startAt).toBe('2026-03-01T16:00:00.000Z');
    const report = validatePlan({ ...plan, intervals: plan.intervals.slice(0, 48) }, { seeds: 2 });
    const busy = report.intervals[20]!;
    expect(busy.agents).toBe(row.staffingPlan!.rawAgents[20]);
    expect(busy.promised.serviceLevel).toBeCloseTo(row.staffingPlan!.serviceLevel[20]!, 9);
    expect(busy.achieved.serviceLevel.n).toBe(2);
  });

  it('is approved by the call-center manager only, which supersedes the earlier approval and freezes the plan', async () => {
    expect((await call('POST', `/api/wfm/forecasts/${forecastId}/approve`)).statusCode).toBe(403);
    const approved = await call('POST', `/api/wfm/forecasts/${forecastId}/approve`, undefined, manager);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', approvedBy: expect.any(String) });
    expect((await call('POST', `/api/wfm/forecasts/${forecastId}/approve`, undefined, manager)).json().code).toBe('wfm.invalid_state');
    const frozen = await call('POST', `/api/wfm/forecasts/${forecastId}/staffing`, { slTarget: 0.9, slSeconds: 20 });
    expect(frozen.statusCode).toBe(409);

    const next = (await call('GET', `/api/wfm/forecasts?queueId=${repairId}&status=draft`)).json().items[0];
    expect((await call('POST', `/api/wfm/forecasts/${next.id}/approve`, undefined, manager)).statusCode).toBe(200);
    const statuses = (await call('GET', `/api/wfm/forecasts?queueId=${repairId}`)).json().items.map((item: { version: number; status: string }) => [item.version, item.status]);
    expect(statuses).toEqual([[2, 'approved'], [1, 'superseded']]);
  });

  it('says so when there is no history, too little of it, or an unknown queue', async () => {
    const newBusiness = ((await call('GET', '/api/queues')).json().items as { id: string; code: string }[]).find((queue) => queue.code === 'new_business')!;
    expect((await call('POST', '/api/wfm/forecasts', { queueId: newBusiness.id })).json()).toMatchObject({ code: 'wfm.empty_history', details: { field: 'queueId' } });
    expect((await call('POST', '/api/wfm/forecasts', { queueId: complaintId })).json()).toMatchObject({ code: 'wfm.history_too_short', details: { field: 'volumes' } });
    expect((await call('POST', '/api/wfm/forecasts', { queueId: 'not-a-queue' })).json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'queueId' } });
    expect((await call('POST', '/api/wfm/forecasts', { queueId: repairId, method: 'holtWinters', historyFrom: '2026-02-16' })).json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'method' } });
    expect((await call('GET', '/api/wfm/forecasts/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });
});
