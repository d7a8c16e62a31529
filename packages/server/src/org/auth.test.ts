import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../platform/clock.ts';
import { startTestApp, type TestApp } from '../testing/harness.ts';

describe('authentication', () => {
  const clock = new ManualClock(Date.parse('2026-11-23T09:00:00Z'));
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  const loginAttempt = (username: string, password: string) =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: `10.0.0.${Math.floor(Math.random() * 200)}` });

  it('logs in with a session cookie that reaches /api/me', async () => {
    const { cookie } = await t.login('property.agent');
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ username: 'property.agent', roles: ['agent'], permissions: ['desk.use', 'schedule.own'], tenant: { slug: 'property' } });
  });

  it('gives the same generic message for a wrong password and an unknown user', async () => {
    const wrong = await loginAttempt('property.trainer', 'Wrong-pass-1');
    const unknown = await loginAttempt('nobody.here', 'Wrong-pass-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().code).toBe('auth.invalid_credentials');
  });

  it('locks the account after repeated failures, even for the right password, until the lock expires', async () => {
    for (let i = 0; i < 5; i += 1) expect((await loginAttempt('property.qa_inspector', `Wrong-pass-${i}`)).statusCode).toBe(401);
    const locked = await loginAttempt('property.qa_inspector', 'Demo-pass-2026');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('auth.locked');
    clock.advance(16 * 60_000);
    expect((await loginAttempt('property.qa_inspector', 'Demo-pass-2026')).statusCode).toBe(200);
  });

  it('audits logins and failed logins', async () => {
    const { cookie } = await t.login('property.tenant_admin');
    const audit = await t.app.inject({ method: 'GET', url: '/api/audit?action=auth.', headers: { cookie } });
    const actions = (audit.json().items as { action: string; details: { reason?: string } }[]).map((e) => `${e.action}:${e.details.reason ?? ''}`);
    expect(actions).toEqual(expect.arrayContaining(['auth.login:', 'auth.login_failed:wrong_password', 'auth.locked:']));
  });

  it('ends an idle session and an expired one with 401', async () => {
    const { cookie } = await t.login('property.trainer');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    clock.advance(8 * 60 * 60_000 + 1000);
    const idle = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(idle.statusCode).toBe(401);
    expect(idle.json().code).toBe('auth.unauthenticated');
  });

  it('lets an administrator end another user’s sessions at once', async () => {
    const agent = await t.login('property.agent');
    const admin = await t.login('property.tenant_admin');
    const revoke = await t.app.inject({ method: 'POST', url: `/api/users/${agent.me.id}/sessions/revoke`, headers: { cookie: admin.cookie } });
    expect(revoke.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: agent.cookie } })).statusCode).toBe(401);
  });

  it('ends the session on logout', async () => {
    const { cookie } = await t.login('property.trainer');
    expect((await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('enforces the password policy and ends other sessions on a password change', async () => {
    const first = await t.login('shop.trainer');
    const second = await t.login('shop.trainer');
    const weak = await t.app.inject({ method: 'PUT', url: '/api/me/password', headers: { cookie: first.cookie }, payload: { currentPassword: 'Demo-pass-2026', newPassword: 'short1' } });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('auth.weak_password');
    const ok = await t.app.inject({ method: 'PUT', url: '/api/me/password', headers: { cookie: first.cookie }, payload: { currentPassword: 'Demo-pass-2026', newPassword: 'New-pass-2027' } });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: second.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: first.cookie } })).statusCode).toBe(200);
    expect((await t.login('shop.trainer', 'New-pass-2027')).me.id).toBe(first.me.id);
  });

  it('persists the language per user', async () => {
    const { cookie } = await t.login('shop.agent');
    const set = await t.app.inject({ method: 'PUT', url: '/api/me/locale', headers: { cookie }, payload: { locale: 'en' } });
    expect(set.json().locale).toBe('en');
    const again = await t.login('shop.agent');
    expect((again.me as unknown as { locale: string }).locale).toBe('en');
    const error = await t.app.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
    expect(error.json()).toMatchObject({ code: 'auth.forbidden', message: 'You do not have permission to do this' });
  });

  it('lets operator staff switch between their tenants but not into others', async () => {
    const ops = await t.login('ops.admin');
    const me = ops.me as unknown as { tenants: { id: string; slug: string }[] };
    expect(me.tenants.map((x) => x.slug).sort()).toEqual(['property', 'seatline-ops', 'shop']);
    const shop = me.tenants.find((x) => x.slug === 'shop')!;
    const switched = await t.app.inject({ method: 'PUT', url: '/api/me/tenant', headers: { cookie: ops.cookie }, payload: { tenantId: shop.id } });
    expect(switched.json().tenant.slug).toBe('shop');
    const agent = await t.login('property.agent');
    const refused = await t.app.inject({ method: 'PUT', url: '/api/me/tenant', headers: { cookie: agent.cookie }, payload: { tenantId: shop.id } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('tenant.not_accessible');
  });

  it('accepts API tokens limited to their scopes', async () => {
    const admin = await t.login('property.tenant_admin');
    const created = await t.app.inject({ method: 'POST', url: '/api/tokens', headers: { cookie: admin.cookie }, payload: { name: 'CRM sync', scopes: ['users.read'] } });
    expect(created.statusCode).toBe(201);
    const authorization = `Bearer ${created.json().secret}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: { authorization } })).statusCode).toBe(200);
    const outOfScope = await t.app.inject({ method: 'GET', url: '/api/audit', headers: { authorization } });
    expect(outOfScope.statusCode).toBe(403);
    expect(outOfScope.json().code).toBe('auth.token_scope');
    await t.app.inject({ method: 'DELETE', url: `/api/tokens/${created.json().id}`, headers: { cookie: admin.cookie } });
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: { authorization } })).statusCode).toBe(401);
  });
});
