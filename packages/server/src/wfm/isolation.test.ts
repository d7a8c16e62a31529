/**
 * WFM tenant isolation with real ids: tenant B (shop) has history, a staffed forecast, a shift
 * template, a published schedule and its shifts; tenant A's planner and manager call every WFM id
 * route with B's ids and get 404, never see B's rows in a list, and cannot reference B's queue,
 * team or forecast from their own writes. (The generated org/tenant-isolation test cannot create
 * WFM rows, so it only checks that unknown ids are not found.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, usingPostgres, type TestApp } from '../testing/harness.ts';
import { historyCsv } from './testing.ts';

describe(`WFM tenant isolation (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let aPlanner: string;
  let aManager: string;
  const b: Record<string, string> = {};
  let bShiftId = '';

  beforeAll(async () => {
    t = await startTestApp();
    aPlanner = (await t.login('property.inbound_supervisor')).cookie;
    aManager = (await t.login('property.cc_manager')).cookie;
    const planner = (await t.login('shop.inbound_supervisor')).cookie;
    const manager = (await t.login('shop.cc_manager')).cookie;
    const call = async (method: 'GET' | 'POST', url: string, payload?: object, cookie = planner) => {
      const response = await t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
      expect(response.statusCode, `${url} ${response.body}`).toBeLessThan(300);
      return response.json();
    };
    b.queue = ((await call('GET', '/api/queues')).items as { id: string; code: string }[]).find((queue) => queue.code === 'after_sales')!.id;
    await call('POST', '/api/wfm/history/import', { format: 'csv', content: historyCsv({ startDate: '2026-01-05', days: 28, queue: 'after_sales', scale: 0.1 }) });
    b.forecast = (await call('POST', '/api/wfm/forecasts', { queueId: b.queue, horizonWeeks: 1 })).id;
    await call('POST', `/api/wfm/forecasts/${b.forecast}/staffing`, { slTarget: 0.8, slSeconds: 20 });
    b.template = (await call('POST', '/api/wfm/shift-templates', { name: 'B day', earliestStartMinute: 480, latestStartMinute: 600, startStepMinutes: 60, paidMinutes: [480], breaks: { restMinutes: 15, maxWorkStretchMinutes: 150, meal: { minMinutes: 30, maxMinutes: 30, earliestStartAfterMinutes: 180, latestStartAfterMinutes: 300 } } })).id;
    b.team = ((await call('GET', '/api/teams')).items as { id: string }[])[0]!.id;
    const schedule = await call('POST', '/api/wfm/schedules', { teamId: b.team, forecastId: b.forecast, startDate: '2026-02-02', weeks: 1 });
    b.schedule = schedule.id;
    bShiftId = schedule.shifts[0].id;
    await call('POST', `/api/wfm/schedules/${b.schedule}/publish`, {}, manager);
    const bAgent = (await t.login('shop.agent')).cookie;
    b.request = (await call('POST', '/api/wfm/requests', { kind: 'overtime', date: '2026-02-03', from: '18:00', to: '20:00', reason: 'B' }, bAgent)).id;
  });
  afterAll(() => t.close());

  it('answers 404 to every WFM id route called with tenant B’s ids', async () => {
    const routes = t.app.routeTable.filter((route) => route.url.startsWith('/api/wfm/') && route.url.includes(':id'));
    expect(routes.length).toBeGreaterThanOrEqual(11);
    const idFor = (url: string) =>
      url.includes('/queues/') ? b.queue : url.includes('/forecasts/') ? b.forecast : url.includes('/shift-templates/') ? b.template : url.includes('/schedules/') ? b.schedule : url.includes('/requests/') ? b.request : bShiftId;
    const bodies: Record<string, object | undefined> = {
      'POST /api/wfm/forecasts/:id/staffing': { slTarget: 0.9, slSeconds: 10 },
      'PUT /api/wfm/shift-templates/:id': { name: 'Taken over', earliestStartMinute: 480, latestStartMinute: 600, paidMinutes: [480], breaks: { restMinutes: 15, maxWorkStretchMinutes: 150 } },
      'PATCH /api/wfm/shifts/:id': { startMinute: 540 },
      'POST /api/wfm/schedules/:id/reject': {},
      'POST /api/wfm/schedules/:id/submit': {},
      'POST /api/wfm/schedules/:id/publish': {},
      'POST /api/wfm/requests/:id/approve': {},
      'POST /api/wfm/requests/:id/reject': {},
      'POST /api/wfm/shifts/:id/attendance': { status: 'absent' },
      'POST /api/wfm/shifts/:id/handover': { note: 'Taken over' },
    };
    const aAgent = (await t.login('property.agent')).cookie;
    for (const route of routes) {
      const cookie = route.access === 'wfm.approve' ? aManager : route.access === 'schedule.own' ? aAgent : aPlanner;
      const body = bodies[`${route.method} ${route.url}`];
      const response = await t.app.inject({ method: route.method as 'GET', url: route.url.replace(':id', idFor(route.url)!), headers: { cookie }, ...(body ? { payload: body } : {}) });
      expect(response.statusCode, `${route.method} ${route.url} → ${response.body}`).toBe(404);
    }
    const shop = (await t.login('shop.inbound_supervisor')).cookie;
    const forecast = (await t.app.inject({ method: 'GET', url: `/api/wfm/forecasts/${b.forecast}`, headers: { cookie: shop } })).json();
    expect(forecast.staffing.params.slTarget).toBe(0.8);
    const templates = (await t.app.inject({ method: 'GET', url: '/api/wfm/shift-templates', headers: { cookie: shop } })).json().items;
    expect(templates.map((item: { name: string }) => item.name)).toEqual(['B day']);
  });

  it('never lists tenant B’s rows', async () => {
    for (const url of ['/api/wfm/history', '/api/wfm/forecasts', '/api/wfm/shift-templates', '/api/wfm/schedules', '/api/wfm/adherence?date=2026-02-02', '/api/wfm/requests', '/api/wfm/breaks']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { cookie: aPlanner } });
      expect(response.statusCode, url).toBe(200);
      for (const id of [...Object.values(b), bShiftId]) expect(response.body, `${url} leaks ${id}`).not.toContain(id);
    }
    const agent = (await t.login('property.agent')).cookie;
    const mine = await t.app.inject({ method: 'GET', url: '/api/wfm/my-schedule?from=2026-02-02&to=2026-02-08', headers: { cookie: agent } });
    expect(mine.json().items).toEqual([]);
  });

  it('cannot reference tenant B’s queue, team or forecast from tenant A’s writes', async () => {
    const forecast = await t.app.inject({ method: 'POST', url: '/api/wfm/forecasts', headers: { cookie: aPlanner }, payload: { queueId: b.queue } });
    expect(forecast.json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'queueId' } });
    const schedule = await t.app.inject({ method: 'POST', url: '/api/wfm/schedules', headers: { cookie: aPlanner }, payload: { teamId: b.team, forecastId: b.forecast, startDate: '2026-02-02', weeks: 1 } });
    expect(schedule.json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'teamId' } });
    const derive = await t.app.inject({ method: 'POST', url: '/api/wfm/history/derive', headers: { cookie: aPlanner }, payload: { from: '2026-01-05', to: '2026-01-06', queueIds: [b.queue] } });
    expect(derive.json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'queueIds' } });
    const imported = await t.app.inject({ method: 'POST', url: '/api/wfm/history/import', headers: { cookie: aPlanner }, payload: { format: 'csv', content: 'interval_start,queue,offered,aht_seconds\n2026-01-05 09:00,after_sales,3,200\n' } });
    expect(imported.json().details.errors).toEqual([{ line: 2, field: 'queue', message: 'no queue with code "after_sales"' }]);
  });

  it('lets only the call-center manager approve forecasts and publish schedules (000 §3.2.2)', async () => {
    const { ROLES, ROLE_PERMISSIONS } = await import('@seatline/shared');
    expect(ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('wfm.approve'))).toEqual(['cc_manager']);
    expect(ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('wfm.plan')).sort()).toEqual(['cc_manager', 'inbound_supervisor', 'outbound_supervisor', 'tenant_admin']);
    expect(ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('schedule.own')).sort()).toEqual(['agent', 'inbound_team_leader']);
  });
});
