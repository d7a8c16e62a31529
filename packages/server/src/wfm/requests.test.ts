/**
 * Issue 6's agent-side pieces on a published schedule: shift swaps and overtime with approval, live
 * break management with a per-team limit and FIFO queue, attendance and handover notes per shift.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listUsernames } from '../org/repository.ts';
import { ManualClock } from '../platform/clock.ts';
import { startTestApp, usingPostgres, type TestApp } from '../testing/harness.ts';
import { historyCsv } from './testing.ts';

const DAY_SHIFT = { name: '日班', earliestStartMinute: 480, latestStartMinute: 660, startStepMinutes: 30, paidMinutes: [480], breaks: { restMinutes: 15, maxWorkStretchMinutes: 150 } };

interface Shift { id: string; userId: string; date: string; startAt: string; endAt: string }
interface Login { cookie: string; id: string; username: string }

describe(`WFM requests, breaks and attendance (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  const clock = new ManualClock(Date.parse('2026-02-25T02:00:00Z'));
  let planner: string;
  let manager: string;
  let team: { id: string; name: string; memberIds: string[]; leaderId: string | null };
  let scheduleId: string;
  let shifts: Shift[];
  const members: Login[] = [];
  let leader: Login | undefined;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, cookie = planner) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await startTestApp({ clock });
    planner = (await t.login('property.inbound_supervisor')).cookie;
    manager = (await t.login('property.cc_manager')).cookie;
    await call('POST', '/api/wfm/history/import', { format: 'csv', content: historyCsv({ startDate: '2026-01-05', days: 56, queue: 'repair', scale: 0.12 }) });
    const queueId = ((await call('GET', '/api/queues')).json().items as { id: string; code: string }[]).find((queue) => queue.code === 'repair')!.id;
    const forecastId = (await call('POST', '/api/wfm/forecasts', { queueId, horizonWeeks: 2 })).json().id;
    await call('POST', `/api/wfm/forecasts/${forecastId}/staffing`, { slTarget: 0.8, slSeconds: 20 });
    const teams = (await call('GET', '/api/teams')).json().items as typeof team[];
    team = teams.find((item) => item.name === '报修组')!;
    // A third member, so the break queue has someone to queue.
    const extra = teams.flatMap((item) => item.memberIds).find((id) => !team.memberIds.includes(id) && id !== team.leaderId)!;
    const admin = (await t.login('property.tenant_admin')).cookie;
    const joined = await call('PUT', `/api/teams/${team.id}/members`, { userIds: [...team.memberIds, extra] }, admin);
    expect(joined.statusCode, joined.body).toBe(200);
    team = { ...team, memberIds: [...team.memberIds, extra] };
    await call('POST', '/api/wfm/shift-templates', DAY_SHIFT);
    const created = await call('POST', '/api/wfm/schedules', { teamId: team.id, forecastId, startDate: '2026-03-02', weeks: 1 });
    expect(created.statusCode, created.body).toBe(201);
    scheduleId = created.json().id;
    expect((await call('POST', `/api/wfm/schedules/${scheduleId}/publish`, {}, manager)).statusCode).toBe(200);
    shifts = (await call('GET', `/api/wfm/schedules/${scheduleId}`)).json().shifts;
    const names = await listUsernames(t.ctx.database.db, [...team.memberIds, ...(team.leaderId ? [team.leaderId] : [])]);
    const users = [...names].map(([id, username]) => ({ id, username }));
    for (const id of [...team.memberIds].sort()) {
      const username = users.find((user) => user.id === id)?.username;
      if (!username) continue;
      const login = await t.login(username).catch(() => undefined);
      if (login) members.push({ cookie: login.cookie, id, username });
    }
    const leaderName = users.find((user) => user.id === team.leaderId)?.username;
    if (leaderName) leader = { cookie: (await t.login(leaderName)).cookie, id: team.leaderId!, username: leaderName };
    expect(members.length).toBeGreaterThanOrEqual(3);
  }, 120_000);
  afterAll(() => t.close());

  const shiftOf = (userId: string, index = 0) => shifts.filter((shift) => shift.userId === userId)[index]!;
  /** Two agents' shifts on the same day (one shift a day each, so exchanging them overlaps nothing). */
  const swappable = (a: string, b: string) => {
    for (const mine of shifts.filter((shift) => shift.userId === a)) {
      const theirs = shifts.find((shift) => shift.userId === b && shift.date === mine.date);
      if (theirs) return { mine, theirs };
    }
    throw new Error('no day both agents work');
  };

  it('swaps two shifts: the colleague accepts, the planner approves, the shifts exchange agents', async () => {
    const [a, b] = [members[0]!, members[1]!];
    const pair = swappable(a.id, b.id);
    const created = await call('POST', '/api/wfm/requests', { kind: 'swap', shiftId: pair.mine.id, colleagueShiftId: pair.theirs.id, reason: '家里有事' }, a.cookie);
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json();
    expect(request).toMatchObject({ kind: 'swap', status: 'awaiting_colleague', requesterId: a.id, colleagueId: b.id, colleagueUsername: b.username });
    // Not yet accepted: the planner cannot approve; a stranger cannot accept.
    expect((await call('POST', `/api/wfm/requests/${request.id}/approve`, {})).json()).toMatchObject({ code: 'wfm.request_closed' });
    expect((await call('POST', `/api/wfm/requests/${request.id}/accept`, undefined, a.cookie)).statusCode).toBe(404);
    expect((await call('GET', '/api/wfm/requests/mine', undefined, b.cookie)).json().items.map((item: { id: string }) => item.id)).toContain(request.id);
    const accepted = await call('POST', `/api/wfm/requests/${request.id}/accept`, undefined, b.cookie);
    expect(accepted.json()).toMatchObject({ status: 'pending', acceptedAt: expect.any(String) });
    expect((await call('POST', `/api/wfm/requests/${request.id}/approve`, {}, a.cookie)).statusCode).toBe(403);
    expect((await call('GET', '/api/wfm/requests?status=pending')).json().items.map((item: { id: string }) => item.id)).toEqual([request.id]);
    const approved = await call('POST', `/api/wfm/requests/${request.id}/approve`, { note: 'ok' });
    expect(approved.json()).toMatchObject({ status: 'approved', decisionNote: 'ok', shift: { userId: b.id }, colleagueShift: { userId: a.id } });
    expect((await call('POST', `/api/wfm/requests/${request.id}/reject`, {})).json()).toMatchObject({ code: 'wfm.request_closed' });
    const after = (await call('GET', `/api/wfm/schedules/${scheduleId}`)).json().shifts as Shift[];
    expect(after.find((shift) => shift.id === pair.mine.id)!.userId).toBe(b.id);
    expect(after.find((shift) => shift.id === pair.theirs.id)!.userId).toBe(a.id);
    shifts = after;
    const audit = await call('GET', '/api/audit', undefined, manager);
    expect(audit.statusCode, audit.body).toBe(200);
    expect(audit.body).toContain('wfm.request_approved');
    expect(audit.body).toContain('wfm.request_accepted');
    const events = JSON.stringify(await t.ctx.database.raw(`SELECT type FROM outbox WHERE aggregate_id = '${request.id}'`));
    expect(events).toContain('wfm.request.approved');
  });

  it('refuses swaps that are not the agent’s to make, naming the field', async () => {
    const [a, b] = [members[0]!, members[1]!];
    const notMine = await call('POST', '/api/wfm/requests', { kind: 'swap', shiftId: shiftOf(b.id).id, colleagueShiftId: shiftOf(b.id, 1).id }, a.cookie);
    expect(notMine.json()).toMatchObject({ code: 'wfm.invalid_swap', details: { field: 'shiftId' } });
    const own = await call('POST', '/api/wfm/requests', { kind: 'swap', shiftId: shiftOf(a.id).id, colleagueShiftId: shiftOf(a.id, 1).id }, a.cookie);
    expect(own.json()).toMatchObject({ code: 'wfm.invalid_swap', details: { field: 'colleagueShiftId' } });
    const missing = await call('POST', '/api/wfm/requests', { kind: 'swap', shiftId: 'nope', colleagueShiftId: shiftOf(b.id).id }, a.cookie);
    expect(missing.json()).toMatchObject({ code: 'wfm.invalid_swap', details: { field: 'shiftId' } });
    expect((await call('POST', '/api/wfm/requests', { kind: 'swap', shiftId: shiftOf(a.id).id }, a.cookie)).statusCode).toBe(400);
  });

  it('asks for overtime; the planner rejects or approves; the agent can cancel an open request', async () => {
    const a = members[2]!;
    const created = await call('POST', '/api/wfm/requests', { kind: 'overtime', date: '2026-03-07', from: '18:00', to: '21:00', reason: '旺季' }, a.cookie);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'overtime', status: 'pending', date: '2026-03-07', startMinute: 1080, endMinute: 1260 });
    expect((await call('POST', `/api/wfm/requests/${created.json().id}/reject`, { note: '人手够' })).json()).toMatchObject({ status: 'rejected', decisionNote: '人手够' });
    const second = (await call('POST', '/api/wfm/requests', { kind: 'overtime', date: '2026-03-07', from: '22:00', to: '01:00', reason: '夜班' }, a.cookie)).json();
    expect(second).toMatchObject({ startMinute: 1320, endMinute: 1500 });
    expect((await call('POST', `/api/wfm/requests/${second.id}/cancel`, undefined, a.cookie)).json()).toMatchObject({ status: 'cancelled' });
    const third = (await call('POST', '/api/wfm/requests', { kind: 'overtime', date: '2026-03-08', from: '09:00', to: '12:00', reason: '补班' }, a.cookie)).json();
    expect((await call('POST', `/api/wfm/requests/${third.id}/approve`, {})).json()).toMatchObject({ status: 'approved' });
    const bad = await call('POST', '/api/wfm/requests', { kind: 'overtime', date: '2026-03-07', from: '25:00', to: '21:00', reason: 'x' }, a.cookie);
    expect(bad.statusCode).toBe(400);
  });

  it('grants breaks up to the team limit, queues the rest FIFO, and promotes the first waiter as a break ends', async () => {
    const [a, b, c] = [members[0]!, members[1]!, members[2]!];
    const first = await call('POST', '/api/wfm/breaks', { teamId: team.id }, a.cookie);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'granted', notReady: false, board: { maxOnBreak: 2 } });
    expect((await call('POST', '/api/wfm/breaks', { teamId: team.id }, b.cookie)).json()).toMatchObject({ outcome: 'granted' });
    const third = (await call('POST', '/api/wfm/breaks', { teamId: team.id }, c.cookie)).json();
    expect(third).toMatchObject({ outcome: 'queued', position: 1 });
    expect((await call('POST', '/api/wfm/breaks', { teamId: team.id }, c.cookie)).json()).toMatchObject({ outcome: 'already_waiting', position: 1 });
    const board = (await call('GET', `/api/wfm/breaks?teamId=${team.id}`)).json().items[0];
    expect((await call('GET', '/api/wfm/breaks')).json().items.length).toBeGreaterThan(1);
    expect(board.onBreak.map((item: { agentId: string }) => item.agentId).sort()).toEqual([a.id, b.id].sort());
    expect(board.waiting).toMatchObject([{ agentId: c.id, position: 1 }]);
    clock.advance(15 * 60_000);
    const ended = (await call('DELETE', `/api/wfm/breaks?teamId=${team.id}`, undefined, a.cookie)).json();
    expect(ended).toMatchObject({ status: 'ended', granted: [c.id] });
    expect(ended.board.onBreak.map((item: { agentId: string }) => item.agentId).sort()).toEqual([b.id, c.id].sort());
    expect((await call('DELETE', `/api/wfm/breaks?teamId=${team.id}`, undefined, a.cookie)).json()).toMatchObject({ code: 'wfm.no_break' });
    // Lowering the limit ends no break; raising it grants the waiting at once.
    await call('PUT', '/api/wfm/breaks/limit', { teamId: team.id, maxOnBreak: 1 });
    expect((await call('POST', '/api/wfm/breaks', { teamId: team.id }, a.cookie)).json()).toMatchObject({ outcome: 'queued', position: 1 });
    const raised = (await call('PUT', '/api/wfm/breaks/limit', { teamId: team.id, maxOnBreak: 3 })).json();
    expect(raised.waiting).toEqual([]);
    expect(raised.onBreak).toHaveLength(3);
    for (const member of [a, b, c]) await call('DELETE', `/api/wfm/breaks?teamId=${team.id}`, undefined, member.cookie);
    expect((await call('GET', `/api/wfm/breaks?teamId=${team.id}`)).json().items).toMatchObject([{ maxOnBreak: 3, onBreak: [], waiting: [] }]);
    expect((await call('POST', '/api/wfm/breaks', { teamId: '00000000-0000-4000-8000-000000000000' }, a.cookie)).json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'teamId' } });
  });

  it('keeps the break queue across a restart (it lives in the database)', async () => {
    const [a] = [members[0]!];
    await call('POST', '/api/wfm/breaks', { teamId: team.id }, a.cookie);
    const rows = await t.ctx.database.raw(`SELECT status FROM wfm_breaks WHERE user_id = '${a.id}' AND status = 'on_break'`);
    expect(JSON.stringify(rows)).toContain('on_break');
    await call('DELETE', `/api/wfm/breaks?teamId=${team.id}`, undefined, a.cookie);
  });

  it('records attendance (planner or team leader) and handover notes (the agent or leader), listed per schedule', async () => {
    const [a, b] = [members[0]!, members[1]!];
    const shift = (shifts.filter((item) => item.userId === a.id))[0]!;
    const late = await call('POST', `/api/wfm/shifts/${shift.id}/attendance`, { status: 'late', minutesLate: 12, note: '地铁故障' });
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ status: 'late', minutesLate: 12 });
    expect((await call('POST', `/api/wfm/shifts/${shift.id}/attendance`, { status: 'late' })).json()).toMatchObject({ code: 'wfm.invalid_input', details: { field: 'minutesLate' } });
    expect((await call('POST', `/api/wfm/shifts/${shift.id}/attendance`, { status: 'present' }, a.cookie)).statusCode).toBe(403);
    if (leader) {
      expect((await call('POST', `/api/wfm/shifts/${shift.id}/attendance`, { status: 'present' }, leader.cookie)).json()).toMatchObject({ status: 'present', minutesLate: 0 });
      expect((await call('POST', `/api/wfm/shifts/${shift.id}/handover`, { note: '组长补充' }, leader.cookie)).statusCode).toBe(201);
    }
    const note = await call('POST', `/api/wfm/shifts/${shift.id}/handover`, { note: '客户 13800 回电待跟进' }, a.cookie);
    expect(note.statusCode, note.body).toBe(201);
    const notOwner = await call('POST', `/api/wfm/shifts/${shift.id}/handover`, { note: 'x' }, b.cookie);
    expect(notOwner.json()).toMatchObject({ code: 'wfm.not_shift_owner' });
    expect((await call('POST', `/api/wfm/shifts/${shift.id}/handover`, { note: '' }, a.cookie)).statusCode).toBe(400);
    const listed = (await call('GET', `/api/wfm/schedules/${scheduleId}/attendance`)).json();
    const row = listed.items.find((item: { shiftId: string }) => item.shiftId === shift.id);
    expect(row.attendance).toMatchObject({ status: leader ? 'present' : 'late' });
    expect(row.handovers.map((item: { note: string }) => item.note)).toContain('客户 13800 回电待跟进');
    expect(listed.items).toHaveLength(shifts.length);
  });
});
