/**
 * Generated from the route table: every role × every API route, checked against the permission
 * matrix. A new route is covered the moment it is registered.
 */
import { randomUUID } from 'node:crypto';
import { ROLES, ROLE_PERMISSIONS, type Permission } from '@seatline/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../testing/harness.ts';

/** Routes that end the caller's own session are checked in the auth tests instead. */
const SELF_ENDING = new Set(['POST /api/auth/logout']);

describe('permission matrix', () => {
  let t: TestApp;
  const cookies = new Map<string, string>();
  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) cookies.set(role, (await t.login(`property.${role}`)).cookie);
  });
  afterAll(() => t.close());

  const call = (method: string, url: string, cookie?: string) =>
    t.app.inject({
      method: method as 'GET',
      url: url.replaceAll(/:[a-zA-Z]+/g, randomUUID()),
      headers: cookie ? { cookie } : {},
      ...(['POST', 'PUT', 'PATCH'].includes(method) ? { payload: {} } : {}),
    });

  it('refuses every non-public route without a session', async () => {
    for (const route of t.app.routeTable.filter((r) => r.access !== 'public')) {
      const response = await call(route.method, route.url);
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`admits ${role} exactly where the matrix allows`, async () => {
      const routes = t.app.routeTable.filter((r) => r.access !== 'public' && !SELF_ENDING.has(`${r.method} ${r.url}`));
      expect(routes.length).toBeGreaterThan(25);
      for (const route of routes) {
        const response = await call(route.method, route.url, cookies.get(role));
        const allowed = route.access === 'authenticated' || ROLE_PERMISSIONS[role].includes(route.access as Permission);
        const label = `${role} ${route.method} ${route.url} → ${response.statusCode} ${response.body}`;
        if (allowed) expect([401, 403], label).not.toContain(response.statusCode);
        else expect(response.statusCode, label).toBe(403);
      }
    });
  }

  it('gives only HR and administrators the right to manage users (000 §3.2.2)', () => {
    const managers = ROLES.filter((role) => ROLE_PERMISSIONS[role].includes('users.manage'));
    expect(managers.sort()).toEqual(['hr_admin', 'tenant_admin']);
  });

  it('lets the client viewer only read reports', () => {
    expect(ROLE_PERMISSIONS.client_viewer).toEqual(['reports.read']);
  });
});
