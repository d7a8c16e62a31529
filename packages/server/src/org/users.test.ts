import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness.ts';

describe('people and organisation', () => {
  let t: TestApp;
  let hr: string;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    hr = (await t.login('property.hr_admin')).cookie;
    admin = (await t.login('property.tenant_admin')).cookie;
  });
  afterAll(() => t.close());

  const inject = (cookie: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  it('lets HR create an agent who can then log in, with several roles', async () => {
    const created = await inject(hr, 'POST', '/api/users', { username: 'new.agent', displayName: '新座席', password: 'Welcome-2026', roles: ['agent', 'trainer'] });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ username: 'new.agent', roles: ['agent', 'trainer'], status: 'active' });
    const login = await t.login('new.agent', 'Welcome-2026');
    expect(login.me.tenant.id).toBeTruthy();
  });

  it('refuses duplicate usernames with resource.conflict', async () => {
    const again = await inject(hr, 'POST', '/api/users', { username: 'NEW.agent', displayName: 'x', password: 'Welcome-2026', roles: ['agent'] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('resource.conflict');
  });

  it('does not let HR make a tenant administrator', async () => {
    const response = await inject(hr, 'POST', '/api/users', { username: 'sneaky.admin', displayName: 'x', password: 'Welcome-2026', roles: ['agent', 'tenant_admin'] });
    expect(response.statusCode).toBe(403);
    expect(response.json().details.refusedRoles).toEqual(['tenant_admin']);
  });

  it('disabling a user ends their sessions and blocks login', async () => {
    const victim = await t.login('new.agent', 'Welcome-2026');
    const disabled = await inject(admin, 'PATCH', `/api/users/${victim.me.id}`, { status: 'disabled' });
    expect(disabled.json().status).toBe('disabled');
    expect((await inject(victim.cookie, 'GET', '/api/me')).statusCode).toBe(401);
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'new.agent', password: 'Welcome-2026' } });
    expect(login.statusCode).toBe(401);
  });

  it('stores skills with levels 1–10 and rejects levels outside', async () => {
    const agent = await t.login('property.agent');
    const skills = (await inject(admin, 'GET', '/api/skills')).json().items as { id: string; code: string }[];
    const repair = skills.find((s) => s.code === 'repair')!;
    const ok = await inject(admin, 'PUT', `/api/users/${agent.me.id}/skills`, { skills: [{ skillId: repair.id, level: 10 }] });
    expect(ok.json().skills).toEqual([{ skillId: repair.id, level: 10 }]);
    const bad = await inject(admin, 'PUT', `/api/users/${agent.me.id}/skills`, { skills: [{ skillId: repair.id, level: 11 }] });
    expect(bad.statusCode).toBe(400);
  });

  it('keeps teams with a leader and members', async () => {
    const leader = await t.login('property.inbound_team_leader');
    const agent = await t.login('property.agent');
    const team = await inject(admin, 'POST', '/api/teams', { name: '夜班组', leaderId: leader.me.id });
    expect(team.statusCode).toBe(201);
    const members = await inject(admin, 'PUT', `/api/teams/${team.json().id}/members`, { userIds: [agent.me.id] });
    expect(members.json()).toMatchObject({ leaderId: leader.me.id, memberIds: [agent.me.id] });
  });

  it('shows a team leader only the people of the teams they lead', async () => {
    const leader = await t.login('property.inbound_team_leader');
    const users = (await inject(leader.cookie, 'GET', '/api/users')).json().items as { id: string; username: string }[];
    const teams = (await inject(leader.cookie, 'GET', '/api/teams')).json().items as { leaderId: string; memberIds: string[] }[];
    expect(teams.length).toBeGreaterThan(0);
    expect(teams.every((team) => team.leaderId === leader.me.id)).toBe(true);
    const allowed = new Set([leader.me.id, ...teams.flatMap((team) => team.memberIds)]);
    expect(users.length).toBeGreaterThan(1);
    expect(users.every((u) => allowed.has(u.id))).toBe(true);
    const hr = (await t.login('property.hr_admin')).me.id;
    expect((await inject(leader.cookie, 'GET', `/api/users/${hr}`)).statusCode).toBe(404);
  });

  it('pages users with a keyset cursor and searches by name', async () => {
    const first = (await inject(admin, 'GET', '/api/users')).json();
    expect(first.items.length).toBeGreaterThan(10);
    const search = (await inject(admin, 'GET', `/api/users?q=${encodeURIComponent('王芳')}`)).json();
    expect(search.items.map((u: { displayName: string }) => u.displayName)).toEqual(['王芳']);
  });

  it('records role changes in the audit log, which no one can edit', async () => {
    const agent = await t.login('property.agent02');
    await inject(admin, 'PATCH', `/api/users/${agent.me.id}`, { roles: ['agent', 'qa_inspector'] });
    const audit = (await inject(admin, 'GET', '/api/audit?action=user.roles_changed')).json().items as { targetId: string; details: { to: string[] } }[];
    expect(audit.find((e) => e.targetId === agent.me.id)?.details.to).toEqual(['agent', 'qa_inspector']);
    await expect(t.ctx.database.db.execute(sql`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow();
    await expect(t.ctx.database.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
  });

  it('lets an operator administrator create a client tenant, and a client admin not', async () => {
    const ops = await t.login('ops.admin');
    const created = await inject(ops.cookie, 'POST', '/api/tenants', { slug: 'power-grid', name: '电力客服' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ kind: 'client', operatorId: ops.me.tenant.id });
    const refused = await inject(admin, 'POST', '/api/tenants', { slug: 'rogue-client', name: 'x' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('tenant.not_operator');
  });
});
