/**
 * Voice through the simulated telephony adapter: callers dial the demo hotline, walk the real IVR
 * flow and reach the ACD, or finish in the IVR; flows are validated at save, and the emergency
 * announcement is switched by authorised roles only, with an audit entry.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness.ts';

describe('voice intake and IVR', () => {
  let t: TestApp;
  let supervisor: string;
  beforeAll(async () => {
    t = await startTestApp();
    supervisor = (await t.login('property.inbound_supervisor')).cookie;
  });
  afterAll(() => t.close());

  const detail = async (id: string) => (await t.app.inject({ method: 'GET', url: `/api/interactions/${id}`, headers: { cookie: supervisor } })).json();
  const dial = async (payload: object) => {
    const response = await t.app.inject({ method: 'POST', url: '/api/simulator/calls', headers: { cookie: supervisor }, payload });
    expect(response.statusCode, response.body).toBe(201);
    return response.json().interactionId as string;
  };

  it('walks the menu to the complaints queue, recording the menu path', async () => {
    const id = await dial({ hotline: '4008001234', caller: '+8613700000001', digits: ['2'] });
    await vi.waitFor(async () => expect((await detail(id)).status).toBe('queued'), { timeout: 5000 });
    const call = await detail(id);
    expect(call.ivrPath).toEqual(expect.arrayContaining(['main:2', 'to_complaint']));
    expect(call.events.map((e: { type: string }) => e.type).slice(0, 4)).toEqual(['arrived', 'ivr_entered', 'ivr_exited', 'queued']);
    const queues = (await t.app.inject({ method: 'GET', url: '/api/queues', headers: { cookie: supervisor } })).json().items;
    expect(call.queueId).toBe(queues.find((q: { code: string }) => q.code === 'complaint').id);
  });

  it('recognises a VIP owner by number and raises the priority', async () => {
    const id = await dial({ hotline: '4008001234', caller: '+8613812345678', digits: ['1', '2'] });
    await vi.waitFor(async () => expect((await detail(id)).status).toBe('queued'), { timeout: 5000 });
    const call = await detail(id);
    expect(call.priority).toBe(10);
    expect(call.customer).toMatchObject({ name: '周建国', vip: true });
  });

  it('records a caller who hangs up in the menus as abandoned in the IVR', async () => {
    const id = await dial({ hotline: '4008001234', caller: '+8613700000002', digits: [], patienceSeconds: 0.3 });
    await vi.waitFor(async () => expect((await t.app.inject({ method: 'GET', url: `/api/interactions/${id}`, headers: { cookie: supervisor } })).statusCode).toBe(200), { timeout: 5000 });
    const call = await detail(id);
    expect(call.status).toBe('ended');
    expect(call.events.at(-1)).toMatchObject({ type: 'abandoned', data: { in: 'ivr' } });
  });

  it('refuses a malformed flow at save time with the path of the bad node, and keeps the active version', async () => {
    const hotlines = (await t.app.inject({ method: 'GET', url: '/api/hotlines', headers: { cookie: supervisor } })).json().items;
    const property = hotlines.find((h: { number: string }) => h.number === '4008001234');
    const current = (await t.app.inject({ method: 'GET', url: `/api/hotlines/${property.id}`, headers: { cookie: supervisor } })).json();
    const broken = structuredClone(current.flow);
    broken.nodes.to_complaint.target.queueId = 'no_such_queue';
    broken.nodes.main.options[0].next = 'nowhere';
    const manager = (await t.login('property.cc_manager')).cookie;
    const refused = await t.app.inject({ method: 'PUT', url: `/api/hotlines/${property.id}/flow`, headers: { cookie: manager }, payload: { flow: broken } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('ivr.invalid_flow');
    const problems = refused.json().details.errors.map((e: { code: string; path: string }) => `${e.code} ${e.path}`);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^ivr.unknown_queue .*to_complaint/), expect.stringMatching(/^ivr.unknown_node .*main/)]));
    const saved = await t.app.inject({ method: 'PUT', url: `/api/hotlines/${property.id}/flow`, headers: { cookie: manager }, payload: { flow: current.flow } });
    expect(saved.json().version).toBe(current.activeVersion + 1);
  });

  it('lets a supervisor switch the emergency announcement, audited, and refuses an agent', async () => {
    const hotlines = (await t.app.inject({ method: 'GET', url: '/api/hotlines', headers: { cookie: supervisor } })).json().items;
    const property = hotlines.find((h: { number: string }) => h.number === '4008001234');
    const prompt = { text: { 'zh-CN': '因小区停电，维修人员已在处理，请耐心等待。' }, audio: {} };
    const agent = (await t.login('property.agent')).cookie;
    const refused = await t.app.inject({ method: 'PUT', url: `/api/hotlines/${property.id}/emergency`, headers: { cookie: agent }, payload: { enabled: true, prompt } });
    expect(refused.statusCode).toBe(403);
    const on = await t.app.inject({ method: 'PUT', url: `/api/hotlines/${property.id}/emergency`, headers: { cookie: supervisor }, payload: { enabled: true, prompt } });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().config.emergency.enabled).toBe(true);
    const admin = (await t.login('property.tenant_admin')).cookie;
    const audit = (await t.app.inject({ method: 'GET', url: '/api/audit?action=ivr.emergency', headers: { cookie: admin } })).json().items;
    expect(audit[0]).toMatchObject({ action: 'ivr.emergency_on', targetId: property.id });
    await t.app.inject({ method: 'PUT', url: `/api/hotlines/${property.id}/emergency`, headers: { cookie: supervisor }, payload: { enabled: false } });
  });

  it('tells a waiting caller their place in the queue', async () => {
    const first = await dial({ hotline: '4008001234', caller: '+8613700000011', digits: ['3'] });
    const second = await dial({ hotline: '4008001234', caller: '+8613700000012', digits: ['3'] });
    await vi.waitFor(async () => expect((await detail(second)).status).toBe('queued'), { timeout: 5000 });
    expect(t.services.telephony.transcript(first).join(' ')).toContain('新业务');
    expect(t.services.telephony.transcript(second).at(-1)).toMatch(/^您前面还有1位客户/);
  });

  it('keeps each tenant\'s calendars, validated', async () => {
    const manager = (await t.login('property.cc_manager')).cookie;
    const calendars = (await t.app.inject({ method: 'GET', url: '/api/calendars', headers: { cookie: manager } })).json().items;
    const china = calendars.find((c: { id: string }) => c.id === 'cn-2026');
    expect(china.holidays.length).toBeGreaterThan(20);
    const edited = { ...china, specialHours: [{ date: '2026-12-31', name: '跨年值班', hours: [{ from: '09:00', to: '12:00' }] }] };
    const saved = await t.app.inject({ method: 'PUT', url: '/api/calendars/cn-2026', headers: { cookie: manager }, payload: edited });
    expect(saved.statusCode, saved.body).toBe(200);
    const bad = await t.app.inject({ method: 'PUT', url: '/api/calendars/cn-2026', headers: { cookie: manager }, payload: { ...china, timeZone: 'Mars/Olympus' } });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().details)).toContain('timeZone');
  });

  it('places a test call straight into a queue', async () => {
    const id = await dial({ queue: 'repair', caller: '+8613987654321' });
    const call = await detail(id);
    expect(call).toMatchObject({ status: 'queued', ivrPath: [], customer: { name: '吴丽华' } });
  });
});
