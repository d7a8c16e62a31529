/**
 * The planning path after the forecast: shift templates, a team's schedule generated from the
 * staffing plan, manual edits, submission and the manager's publication, the agent's own schedule,
 * and adherence of the published schedule against the agent state log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactions } from '../interactions/schema.ts';
import { ManualClock } from '../platform/clock.ts';
import { agentStateLog } from '../routing/schema.ts';
import { startTestApp, usingPostgres, type TestApp } from '../testing/harness.ts';
import { historyCsv } from './testing.ts';

const DAY_SHIFT = {
  name: '日班 8 小时',
  earliestStartMinute: 8 * 60,
  latestStartMinute: 11 * 60,
  startStepMinutes: 30,
  paidMinutes: [480],
  breaks: { restMinutes: 15, maxWorkStretchMinutes: 150, minWorkStretchMinutes: 60, meal: { minMinutes: 30, maxMinutes: 60, earliestStartAfterMinutes: 180, latestStartAfterMinutes: 300 } },
};

interface Shift { id: string; userId: string; date: string; startMinute: number; endMinute: number; startAt: string; endAt: string; paidMinutes: number; breaks: { kind: string; startMinute: number; endMinute: number; paid: boolean }[]; edited: boolean }

describe(`WFM schedules and adherence (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  const clock = new ManualClock(Date.parse('2026-02-25T02:00:00Z'));
  let planner: string;
  let manager: string;
  let forecastId: string;
  let team: { id: string; name: string; memberIds: string[] };
  let scheduleId: string;
  beforeAll(async () => {
    t = await startTestApp({ clock });
    planner = (await t.login('property.inbound_supervisor')).cookie;
    manager = (await t.login('property.cc_manager')).cookie;
    const imported = await t.app.inject({ method: 'POST', url: '/api/wfm/history/import', headers: { cookie: planner }, payload: { format: 'csv', content: historyCsv({ startDate: '2026-01-05', days: 56, queue: 'repair', scale: 0.12 }) } });
    expect(imported.statusCode, imported.body).toBe(200);
    const queueId = ((await t.app.inject({ method: 'GET', url: '/api/queues', headers: { cookie: planner } })).json().items as { id: string; code: string }[]).find((queue) => queue.code === 'repair')!.id;
    forecastId = (await t.app.inject({ method: 'POST', url: '/api/wfm/forecasts', headers: { cookie: planner }, payload: { queueId, horizonWeeks: 2 } })).json().id;
    const staffed = await t.app.inject({ method: 'POST', url: `/api/wfm/forecasts/${forecastId}/staffing`, headers: { cookie: planner }, payload: { slTarget: 0.8, slSeconds: 20 } });
    expect(staffed.statusCode, staffed.body).toBe(200);
    team = ((await t.app.inject({ method: 'GET', url: '/api/teams', headers: { cookie: planner } })).json().items as typeof team[]).find((item) => item.name === '报修组')!;
  });
  afterAll(() => t.close());

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object, cookie = planner) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('keeps shift templates (create, list, rename, refuse a duplicate name, delete)', async () => {
    const created = await call('POST', '/api/wfm/shift-templates', DAY_SHIFT);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ name: '日班 8 小时', paidMinutes: [480], breaks: { restMinutes: 15 } });
    const spare = (await call('POST', '/api/wfm/shift-templates', { ...DAY_SHIFT, name: 'spare' })).json();
    expect((await call('PUT', `/api/wfm/shift-templates/${spare.id}`, { ...DAY_SHIFT, name: '日班 8 小时' })).statusCode).toBe(409);
    expect((await call('PUT', `/api/wfm/shift-templates/${spare.id}`, { ...DAY_SHIFT, name: 'spare 2' })).json().name).toBe('spare 2');
    expect((await call('DELETE', `/api/wfm/shift-templates/${spare.id}`)).statusCode).toBe(204);
    expect((await call('GET', '/api/wfm/shift-templates')).json().items.map((item: { name: string }) => item.name)).toEqual(['日班 8 小时']);
    const bad = await call('POST', '/api/wfm/shift-templates', { ...DAY_SHIFT, name: 'bad', latestStartMinute: 60 });
    expect(bad.json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'latestStartMinute' } });
  });

  it('generates a week for the team from the staffing plan, every shift inside the template’s rules', async () => {
    const response = await call('POST', '/api/wfm/schedules', { teamId: team.id, forecastId, startDate: '2026-03-02', weeks: 1, defaultContract: { contractHoursPerWeek: 40 } });
    expect(response.statusCode, response.body).toBe(201);
    const schedule = response.json();
    scheduleId = schedule.id;
    expect(schedule).toMatchObject({ status: 'draft', teamId: team.id, startDate: '2026-03-02', weeks: 1, intervalMinutes: 30, timeZone: 'Asia/Shanghai' });
    expect(schedule.series.required).toHaveLength(7 * 48);
    expect(schedule.series.scheduled).toHaveLength(7 * 48);
    expect(schedule.metrics.lowerBoundHours).toBeGreaterThan(0);
    const shifts = schedule.shifts as Shift[];
    expect(shifts).toHaveLength(team.memberIds.length * 5);
    for (const shift of shifts) {
      expect(team.memberIds).toContain(shift.userId);
      expect(shift.startMinute).toBeGreaterThanOrEqual(480);
      expect(shift.startMinute).toBeLessThanOrEqual(660);
      expect(shift.paidMinutes).toBe(480);
      expect(shift.breaks.filter((pause) => pause.kind === 'meal')).toHaveLength(1);
      expect(new Date(shift.startAt).getTime()).toBe(Date.parse(`${shift.date}T00:00:00+08:00`) + shift.startMinute * 60_000);
    }
    for (const agent of schedule.agents) expect(agent.paidHours).toBe(40);
    // Coverage counts agents on the queue: in a shift and not on a break.
    const first = shifts[0]!;
    const interval = (first.startMinute + 60) / 30 + 7 * 0 + (Date.parse(first.date) - Date.parse('2026-03-02')) / 86_400_000 * 48;
    expect(schedule.series.scheduled[Math.floor(interval)]).toBeGreaterThan(0);
  });

  it('names the field of an infeasible request', async () => {
    const outside = await call('POST', '/api/wfm/schedules', { teamId: team.id, forecastId, startDate: '2026-03-10', weeks: 1 });
    expect(outside.json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'startDate' } });
    const agentId = [...team.memberIds].sort()[0]!;
    const contract = await call('POST', '/api/wfm/schedules', { teamId: team.id, forecastId, startDate: '2026-03-02', weeks: 1, agents: [{ userId: agentId, contractHoursPerWeek: 60, maxDaysPerWeek: 2 }] });
    expect(contract.json()).toMatchObject({ code: 'wfm.infeasible_contract', details: { field: 'agents[0].contractHoursPerWeek', userId: agentId } });
    const stranger = await call('POST', '/api/wfm/schedules', { teamId: team.id, forecastId, startDate: '2026-03-02', weeks: 1, agents: [{ userId: '00000000-0000-4000-8000-000000000000' }] });
    expect(stranger.json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'agents[0].userId' } });
    const noTeam = await call('POST', '/api/wfm/schedules', { teamId: 'nope', forecastId, startDate: '2026-03-02', weeks: 1 });
    expect(noTeam.json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'teamId' } });
  });

  it('edits a shift by hand, refusing overlaps and breaks outside it, and recomputes coverage', async () => {
    const schedule = (await call('GET', `/api/wfm/schedules/${scheduleId}`)).json();
    const shift = (schedule.shifts as Shift[])[0]!;
    const moved = await call('PATCH', `/api/wfm/shifts/${shift.id}`, {
      startMinute: shift.startMinute + 30,
      endMinute: shift.endMinute + 30,
      breaks: shift.breaks.map((pause) => ({ ...pause, startMinute: pause.startMinute + 30, endMinute: pause.endMinute + 30 })),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ startMinute: shift.startMinute + 30, edited: true, paidMinutes: 480 });
    const outside = await call('PATCH', `/api/wfm/shifts/${shift.id}`, { breaks: [{ kind: 'rest', startMinute: 0, endMinute: 15, paid: true }] });
    expect(outside.json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'breaks[0]' } });
    const sameAgent = (schedule.shifts as Shift[]).find((other) => other.userId === shift.userId && other.id !== shift.id)!;
    const overlap = await call('PATCH', `/api/wfm/shifts/${shift.id}`, { date: sameAgent.date });
    expect(overlap.json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'startMinute' } });
    const after = (await call('GET', `/api/wfm/schedules/${scheduleId}`)).json();
    expect(after.series.scheduled).not.toEqual(schedule.series.scheduled);
  });

  it('is submitted by the planner and published by the manager only; a published schedule is final', async () => {
    expect((await call('POST', `/api/wfm/schedules/${scheduleId}/submit`, {})).json()).toMatchObject({ status: 'submitted' });
    expect((await call('POST', `/api/wfm/schedules/${scheduleId}/publish`, {})).statusCode).toBe(403);
    const rejected = await call('POST', `/api/wfm/schedules/${scheduleId}/reject`, { note: '周三早班太少' }, manager);
    expect(rejected.json()).toMatchObject({ status: 'draft', note: '周三早班太少' });
    await call('POST', `/api/wfm/schedules/${scheduleId}/submit`, {});
    const published = await call('POST', `/api/wfm/schedules/${scheduleId}/publish`, {}, manager);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedBy: expect.any(String) });
    const shift = ((await call('GET', `/api/wfm/schedules/${scheduleId}`)).json().shifts as Shift[])[0]!;
    expect((await call('PATCH', `/api/wfm/shifts/${shift.id}`, { startMinute: 500 })).json().code).toBe('wfm.invalid_state');
    expect((await call('POST', `/api/wfm/schedules/${scheduleId}/publish`, {}, manager)).statusCode).toBe(409);
    expect((await call('GET', `/api/wfm/schedules?teamId=${team.id}&status=published`)).json().items).toHaveLength(1);
  });

  it('shows agents their own published shifts only', async () => {
    const mine = await t.login('property.agent');
    expect(team.memberIds).toContain(mine.me.id);
    const response = await call('GET', '/api/wfm/my-schedule?from=2026-03-02&to=2026-03-08', undefined, mine.cookie);
    expect(response.statusCode).toBe(200);
    const items = response.json().items as Shift[];
    expect(items).toHaveLength(5);
    expect(items.every((shift) => shift.userId === mine.me.id)).toBe(true);
    const other = await t.login('property.agent02');
    expect(team.memberIds).not.toContain(other.me.id);
    expect((await call('GET', '/api/wfm/my-schedule?from=2026-03-02&to=2026-03-08', undefined, other.cookie)).json().items).toEqual([]);
    expect((await call('GET', '/api/wfm/schedules', undefined, mine.cookie)).statusCode).toBe(403);
  });

  it('measures adherence and conformance of the published schedule against the agent state log', async () => {
    const agentId = (await t.login('property.agent')).me.id;
    const shift = ((await call('GET', '/api/wfm/my-schedule?from=2026-03-02&to=2026-03-08', undefined, (await t.login('property.agent')).cookie)).json().items as Shift[])[0]!;
    const start = Date.parse(shift.startAt);
    const end = Date.parse(shift.endAt);
    const tenantId = (await t.login('property.agent')).me.tenant.id;
    const firstBreak = [...shift.breaks].sort((a, b) => a.startMinute - b.startMinute)[0]!;
    const breakStart = start + (firstBreak.startMinute - shift.startMinute) * 60_000;
    // Logs in 10 minutes late, works, takes the first break on time, stays on it 20 minutes too long, then works to the end.
    const log = (at: number, status: string, presence: string, reason: string | null) => ({ tenantId, userId: agentId, status, presence, reason, at: new Date(at) });
    const breakEnd = start + (firstBreak.endMinute - shift.startMinute) * 60_000;
    await t.ctx.database.db.insert(agentStateLog).values([
      log(start + 10 * 60_000, 'ready', 'ready', null),
      log(breakStart, 'not_ready', 'not_ready', 'break'),
      log(breakEnd + 20 * 60_000, 'ready', 'ready', null),
      log(end, 'offline', 'offline', null),
    ]);
    clock.set(Date.parse(`${shift.date}T23:00:00+08:00`));
    // Sessions idle out across the jump: log in again.
    planner = (await t.login('property.inbound_supervisor')).cookie;
    const response = await call('GET', `/api/wfm/adherence?date=${shift.date}&teamId=${team.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    const agent = report.agents.find((item: { agentId: string }) => item.agentId === agentId);
    // Everything but "off" is scheduled time: work, rest breaks and the meal.
    const scheduledMs = end - start;
    expect(agent.scheduledMs).toBe(scheduledMs);
    // Out of adherence: 10 min late, 20 min over the first break, and every later break and the meal spent "ready" (working).
    const skipped = shift.breaks.filter((pause) => pause !== firstBreak).reduce((sum, pause) => sum + (pause.endMinute - pause.startMinute) * 60_000, 0);
    expect(agent.adherentMs).toBe(scheduledMs - 10 * 60_000 - 20 * 60_000 - skipped);
    // Conformance: worked time over scheduled work time.
    const breaksMs = shift.breaks.reduce((sum, pause) => sum + (pause.endMinute - pause.startMinute) * 60_000, 0);
    const firstBreakMs = (firstBreak.endMinute - firstBreak.startMinute) * 60_000;
    expect(agent.scheduledWorkMs).toBe(scheduledMs - breaksMs);
    expect(agent.workedMs).toBe(scheduledMs - 10 * 60_000 - firstBreakMs - 20 * 60_000);
    expect(agent.adherence).toBeCloseTo(agent.adherentMs / scheduledMs, 12);
    expect(report.alerts.filter((alert: { agentId: string }) => alert.agentId === agentId).map((alert: { scheduled: string; actual: string | null }) => [alert.scheduled, alert.actual])).toEqual(
      expect.arrayContaining([['work', 'off'], ['work', 'break'], ['meal', 'work']]),
    );
    expect(report.teams.find((item: { teamId: string }) => item.teamId === team.id)).toMatchObject({ name: '报修组' });
    // The list route without a date answers for today.
    expect((await call('GET', '/api/wfm/adherence')).statusCode).toBe(200);
  });

  it('rescales the rest of the day by actual ÷ forecast so far and shows required vs scheduled agents', async () => {
    const agentLogin = await t.login('property.agent');
    const shift = ((await call('GET', '/api/wfm/my-schedule?from=2026-03-02&to=2026-03-08', undefined, agentLogin.cookie)).json().items as Shift[])[0]!;
    const queueId = ((await call('GET', '/api/queues')).json().items as { id: string; code: string }[]).find((queue) => queue.code === 'repair')!.id;
    const at = (time: string) => new Date(`${shift.date}T${time}+08:00`);
    await t.ctx.database.db.insert(interactions).values(
      ['10:01:00', '10:05:00', '10:12:00', '10:29:00'].map((time) => ({ tenantId: agentLogin.me.tenant.id, channel: 'voice' as const, direction: 'inbound' as const, status: 'ended' as const, queueId, arrivedAt: at(time), enqueuedAt: at(time) })),
    );
    const response = await call('GET', `/api/wfm/forecasts/${forecastId}/intraday?date=${shift.date}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.elapsedIntervals).toBe(46);
    expect(view.actual[20]).toBe(4);
    expect(view.actual[47]).toBeNull();
    const forecastSoFar = (view.forecast as number[]).slice(0, 46).reduce((sum, value) => sum + value, 0);
    expect(view.ratio).toBeCloseTo(4 / forecastSoFar, 12);
    expect(view.reforecast[46]).toBeCloseTo(view.forecast[46] * view.ratio, 12);
    expect(view.required).toHaveLength(48);
    const inShift = Math.floor((shift.startMinute + 60) / 30);
    expect(view.scheduled[inShift]).toBeGreaterThan(0);
    expect(view.gap[inShift]).toBe(view.scheduled[inShift] - view.required[inShift]);
    expect((await call('GET', `/api/wfm/forecasts/${forecastId}/intraday?date=2026-05-01`)).json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'date' } });
  });
});
