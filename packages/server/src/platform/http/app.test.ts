import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp, usingPostgres } from '../../testing/harness.ts';

describe('HTTP platform', () => {
  let t: TestApp;
  let cookie: string;
  beforeAll(async () => {
    t = await startTestApp();
    ({ cookie } = await t.login('property.tenant_admin'));
  });
  afterAll(() => t.close());

  it('reports health with the database kind', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: usingPostgres ? 'postgres' : 'pglite' });
  });

  it('publishes an OpenAPI document listing the routes', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/auth/login', '/api/audit']));
  });

  it('serves Prometheus metrics including domain events', async () => {
    await t.app.inject({ method: 'POST', url: '/api/sites', headers: { cookie }, payload: { name: 'Metrics site' } });
    // Events reach live listeners after commit, asynchronously.
    await vi.waitFor(async () => {
      const response = await t.app.inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('seatline_http_request_duration_seconds');
      expect(response.body).toMatch(/seatline_domain_events_total\{type="org.site.saved"\} 1/);
    });
  });

  it('answers malformed JSON with 400 request.malformed_json', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/sites', headers: { cookie, 'content-type': 'application/json' }, payload: '{"name": ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('request.malformed_json');
  });

  it('answers wrong types with 400 request.invalid naming the field', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/sites', headers: { cookie }, payload: { name: 42 } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('request.invalid');
    expect(JSON.stringify(body.details)).toContain('name');
  });

  it('refuses unknown fields', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/sites', headers: { cookie }, payload: { name: 'A', colour: 'red' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('request.invalid');
  });

  it('refuses oversize bodies with 413 request.too_large', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/sites',
      headers: { cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('request.too_large');
  });

  it('answers in the caller’s language', async () => {
    const zh = await t.app.inject({ method: 'GET', url: '/api/users' });
    expect(zh.statusCode).toBe(401);
    expect(zh.json()).toMatchObject({ code: 'auth.unauthenticated', message: '请先登录' });
    const en = await t.app.inject({ method: 'GET', url: '/api/users', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(en.json()).toMatchObject({ code: 'auth.unauthenticated', message: 'Please log in' });
  });

  it('answers unknown API paths with 404 route.not_found', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('route.not_found');
  });

  it('declares an access rule on every API route', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(25);
    for (const route of t.app.routeTable) expect(route.access, `${route.method} ${route.url}`).toBeTruthy();
  });
});
