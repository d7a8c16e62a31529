/**
 * Generated from the route table: a user of tenant A calls every route that takes an id with
 * tenant B's ids, and every list route, and never reads or changes B's data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness.ts';

/** A valid body for each id route, so that only the tenant check can refuse it. */
const VALID_BODIES: Record<string, unknown> = {
  'GET /api/wfm/queues/:id/history': undefined,
  'GET /api/wfm/forecasts/:id': undefined,
  'POST /api/wfm/forecasts/:id/staffing': { slTarget: 0.8, slSeconds: 20 },
  'POST /api/wfm/forecasts/:id/approve': undefined,
  'GET /api/wfm/forecasts/:id/intraday': undefined,
  'PUT /api/wfm/shift-templates/:id': { name: 'Taken over', earliestStartMinute: 480, latestStartMinute: 600, paidMinutes: [480], breaks: { restMinutes: 15, maxWorkStretchMinutes: 150 } },
  'DELETE /api/wfm/shift-templates/:id': undefined,
  'GET /api/wfm/schedules/:id': undefined,
  'POST /api/wfm/schedules/:id/submit': {},
  'POST /api/wfm/schedules/:id/publish': {},
  'POST /api/wfm/schedules/:id/reject': { note: 'Taken over' },
  'PATCH /api/wfm/shifts/:id': { startMinute: 540 },
  'POST /api/wfm/requests/:id/accept': undefined,
  'POST /api/wfm/requests/:id/cancel': undefined,
  'POST /api/wfm/requests/:id/approve': {},
  'POST /api/wfm/requests/:id/reject': { note: 'Taken over' },
  'POST /api/wfm/shifts/:id/attendance': { status: 'absent' },
  'POST /api/wfm/shifts/:id/handover': { note: 'Taken over' },
  'GET /api/wfm/schedules/:id/attendance': undefined,
  'PATCH /api/tenants/:id': { name: 'Taken over' },
  'PATCH /api/sites/:id': { name: 'Taken over' },
  'PATCH /api/teams/:id': { name: 'Taken over' },
  'PUT /api/teams/:id/members': { userIds: [] },
  'GET /api/users/:id': undefined,
  'PATCH /api/users/:id': { displayName: 'Taken over' },
  'PUT /api/users/:id/skills': { skills: [] },
  'POST /api/users/:id/password': { password: 'Taken-over-2026' },
  'POST /api/users/:id/sessions/revoke': undefined,
  'PATCH /api/skills/:id': { name: 'Taken over' },
  'DELETE /api/tokens/:id': undefined,
  'GET /api/interactions/:id': undefined,
  'POST /api/interactions/:id/accept': undefined,
  'POST /api/interactions/:id/reject': undefined,
  'POST /api/interactions/:id/hangup': undefined,
  'POST /api/interactions/:id/hold': undefined,
  'POST /api/interactions/:id/resume': undefined,
  'POST /api/interactions/:id/transfer': { queueId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/interactions/:id/wrap-up': { disposition: 'resolved' },
  'POST /api/interactions/:id/messages': { text: 'hello' },
  'PUT /api/agents/:id/state': { presence: 'ready' },
  'GET /api/hotlines/:id': undefined,
  'PATCH /api/queues/:id': { name: 'Taken over' },
  'POST /api/interactions/:id/conference': { agentId: '00000000-0000-4000-8000-000000000000' },
  'POST /api/interactions/:id/supervise': { mode: 'monitor' },
  'PUT /api/hotlines/:id/flow': { flow: {} },
  'PUT /api/hotlines/:id/emergency': { enabled: false },
};

/** List routes that need more than a GET: the export (its tenant scoping is tested with contacts) and the live socket. */
const NOT_PLAIN_LISTS = new Set(['/api/interactions/export', '/api/ws']);

describe('tenant isolation', () => {
  let t: TestApp;
  let a: string;
  let b: string;
  const bIds: Record<string, string> = {};
  const snapshotOfB = async () => {
    const urls = ['/api/tenants', '/api/sites', '/api/teams', '/api/users', '/api/skills', '/api/tokens', '/api/hotlines', '/api/queues'];
    return Promise.all(urls.map(async (url) => (await t.app.inject({ method: 'GET', url, headers: { cookie: b } })).body));
  };

  beforeAll(async () => {
    t = await startTestApp();
    a = (await t.login('property.tenant_admin')).cookie;
    const bLogin = await t.login('shop.tenant_admin');
    b = bLogin.cookie;
    const first = async (url: string) => ((await t.app.inject({ method: 'GET', url, headers: { cookie: b } })).json().items as { id: string }[])[0]!.id;
    bIds.users = (await t.login('shop.agent')).me.id;
    bIds.teams = await first('/api/teams');
    bIds.sites = await first('/api/sites');
    bIds.skills = await first('/api/skills');
    bIds.tenants = bLogin.me.tenant.id;
    const token = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: b }, payload: { name: 'B token', scopes: ['users.read'] } });
    bIds.tokens = token.json().id;
    bIds.agents = bIds.users;
    bIds.hotlines = ((await t.app.inject({ method: 'GET', url: '/api/hotlines', headers: { cookie: b } })).json().items as { id: string }[])[0]!.id;
    const bQueue = ((await t.app.inject({ method: 'GET', url: '/api/queues', headers: { cookie: b } })).json().items as { id: string; channel: string }[]).find((q) => q.channel === 'voice')!;
    bIds.interactions = await t.services.contacts.arrive({ tenantId: bIds.tenants, channel: 'voice', address: '+8613800001111', queueId: bQueue.id });
    bIds.queues = bQueue.id;
  });
  afterAll(() => t.close());

  it('covers every route that takes an id', () => {
    const idRoutes = t.app.routeTable.filter((r) => r.url.includes(':id')).map((r) => `${r.method} ${r.url}`);
    expect(idRoutes.sort()).toEqual(Object.keys(VALID_BODIES).sort());
  });

  it('answers 404 or 403 to every id route called with tenant B’s ids, and B is unchanged', async () => {
    const before = await snapshotOfB();
    for (const route of t.app.routeTable.filter((r) => r.url.includes(':id'))) {
      const kind = route.url.split('/')[2]!;
      const body = VALID_BODIES[`${route.method} ${route.url}`];
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: route.url.replace(':id', bIds[kind]!),
        headers: { cookie: a },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      expect([403, 404], `${route.method} ${route.url} → ${response.statusCode} ${response.body}`).toContain(response.statusCode);
    }
    expect(await snapshotOfB()).toEqual(before);
  });

  it('never lists tenant B’s rows on any list route', async () => {
    const listRoutes = t.app.routeTable.filter((r) => r.method === 'GET' && !r.url.includes(':') && r.access !== 'public' && !NOT_PLAIN_LISTS.has(r.url));
    expect(listRoutes.length).toBeGreaterThan(8);
    for (const route of listRoutes) {
      const response = await t.app.inject({ method: 'GET', url: route.url, headers: { cookie: a } });
      // 403 where A's role has no access at all; either way nothing of B's may appear.
      expect([200, 403], route.url).toContain(response.statusCode);
      for (const id of Object.values(bIds)) expect(response.body, `${route.url} leaks ${id}`).not.toContain(id);
    }
  });

  it('refuses to reference tenant B’s rows from tenant A’s writes', async () => {
    const before = await snapshotOfB();
    const aTeam = (await t.app.inject({ method: 'GET', url: '/api/teams', headers: { cookie: a } })).json().items[0].id;
    const aUser = (await t.login('property.agent')).me.id;
    const attempts = [
      { method: 'PUT', url: `/api/teams/${aTeam}/members`, payload: { userIds: [bIds.users] } },
      { method: 'POST', url: '/api/teams', payload: { name: 'Cross team', leaderId: bIds.users } },
      { method: 'POST', url: '/api/teams', payload: { name: 'Cross site team', siteId: bIds.sites } },
      { method: 'PUT', url: `/api/users/${aUser}/skills`, payload: { skills: [{ skillId: bIds.skills, level: 5 }] } },
      { method: 'POST', url: '/api/users', payload: { username: 'cross.user', displayName: 'X', password: 'Cross-pass-2026', roles: ['agent'], siteId: bIds.sites } },
      { method: 'PUT', url: '/api/me/tenant', payload: { tenantId: bIds.tenants } },
    ] as const;
    for (const attempt of attempts) {
      const response = await t.app.inject({ method: attempt.method, url: attempt.url, headers: { cookie: a }, payload: attempt.payload });
      expect([400, 403, 404], `${attempt.method} ${attempt.url} → ${response.statusCode}`).toContain(response.statusCode);
    }
    expect(await snapshotOfB()).toEqual(before);
  });
});
