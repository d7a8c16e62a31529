/**
 * The real process: `seatline start` as a child process, killed with SIGKILL after a write, then
 * started again on the same data directory (PGlite) or database (PostgreSQL, with TEST_DATABASE_URL).
 * What was committed before the crash is there afterwards, and the demo is not seeded twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD, freshDatabase, usingPostgres } from './testing/harness.ts';
import { exited, freePort } from './testing/processes.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const BIN = path.join(ROOT, 'packages/server/bin/seatline.js');

interface ServerProcess {
  child: ChildProcess;
  baseUrl: string;
  output: () => string;
}

const children: ChildProcess[] = [];
let dataDir = '';
let dropDatabase: () => Promise<void> = async () => {};
let env: NodeJS.ProcessEnv = {};

async function startServer(): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server = { child, baseUrl: `http://127.0.0.1:${port}`, output: () => output };
  let healthy = false;
  const exitedEarly = exited(child).then(() => {
    if (!healthy) throw new Error(`the server exited (code ${child.exitCode}, signal ${child.signalCode}) before /api/health answered:\n${output}`);
  });
  await Promise.race([
    exitedEarly,
    vi.waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error('the server exited');
        const response = await fetch(`${server.baseUrl}/api/health`);
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ status: 'ok', database: usingPostgres ? 'postgres' : 'pglite' });
      },
      { timeout: 90_000, interval: 200 },
    ),
  ]);
  healthy = true;
  return server;
}

async function login(server: ServerProcess, username: string): Promise<string> {
  const response = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('sl_session='));
  expect(cookie).toBeDefined();
  return cookie!.split(';')[0]!;
}

async function api<T>(server: ServerProcess, cookie: string, method: string, url: string, body?: unknown) {
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, text };
}

async function crash(server: ServerProcess) {
  server.child.kill('SIGKILL');
  await exited(server.child);
  expect(server.child.signalCode).toBe('SIGKILL');
}

beforeAll(async () => {
  const { DATABASE_URL: _ignored, TEST_DATABASE_URL: _alsoIgnored, ...rest } = process.env;
  env = { ...rest, SEATLINE_SIMULATION: 'off', SEATLINE_SEED_DEMO: 'on', LOG_LEVEL: 'warn' };
  dataDir = mkdtempSync(path.join(tmpdir(), 'seatline-restart-'));
  env.SEATLINE_DATA_DIR = dataDir;
  if (usingPostgres) {
    const { database, drop } = await freshDatabase();
    if (database.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
    env.DATABASE_URL = database.url;
    dropDatabase = drop;
  }
});

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await Promise.all(children.map(exited));
  await dropDatabase();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe(`seatline start survives kill -9 (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps a committed write across SIGKILL and does not seed the demo twice', { timeout: 240_000 }, async () => {
    const first = await startServer();
    expect(first.output()).toContain('Demo seeded.');

    const admin = await login(first, 'property.tenant_admin');
    const created = await api<{ id: string; name: string; timezone: string }>(first, admin, 'POST', '/api/sites', {
      name: '重启测试中心',
      timezone: 'Asia/Shanghai',
    });
    expect(created.status, created.text).toBe(201);
    expect(created.body).toMatchObject({ name: '重启测试中心', timezone: 'Asia/Shanghai' });
    const ops = await login(first, 'ops.admin');
    const tenantsBefore = await api<{ items: { slug: string }[] }>(first, ops, 'GET', '/api/tenants');
    expect(tenantsBefore.status, tenantsBefore.text).toBe(200);
    expect(tenantsBefore.body.items).toHaveLength(3);

    await crash(first);

    const second = await startServer();
    expect(second.output()).not.toContain('Demo seeded.');
    const adminAgain = await login(second, 'property.tenant_admin');
    const sites = await api<{ items: { id: string; name: string; timezone: string }[] }>(second, adminAgain, 'GET', '/api/sites');
    expect(sites.status, sites.text).toBe(200);
    expect(sites.body.items).toContainEqual(expect.objectContaining({ id: created.body.id, name: '重启测试中心', timezone: 'Asia/Shanghai' }));
    expect(sites.body.items.filter((s) => s.name === '重启测试中心')).toHaveLength(1);

    const opsAgain = await login(second, 'ops.admin');
    const tenantsAfter = await api<{ items: { slug: string }[] }>(second, opsAgain, 'GET', '/api/tenants');
    expect(tenantsAfter.status, tenantsAfter.text).toBe(200);
    expect(tenantsAfter.body.items.map((t) => t.slug).sort()).toEqual(tenantsBefore.body.items.map((t) => t.slug).sort());
    expect(tenantsAfter.body.items).toHaveLength(3);

    // The restarted server still takes writes.
    const another = await api(second, adminAgain, 'POST', '/api/sites', { name: '重启后新增', timezone: 'Asia/Shanghai' });
    expect(another.status, another.text).toBe(201);

    // A session from before the crash is still valid: sessions live in the database, not in the process.
    const oldSession = await api<{ items: unknown[] }>(second, admin, 'GET', '/api/sites');
    expect(oldSession.status, oldSession.text).toBe(200);

    // And a crash right after that write loses nothing either.
    await crash(second);
    const third = await startServer();
    const adminThird = await login(third, 'property.tenant_admin');
    const sitesThird = await api<{ items: { name: string }[] }>(third, adminThird, 'GET', '/api/sites');
    expect(sitesThird.body.items.map((s) => s.name)).toEqual(expect.arrayContaining(['重启测试中心', '重启后新增']));
    await crash(third);
  });

  it('keeps 50 queued contacts, in order and with their waited time, across SIGKILL', { timeout: 240_000 }, async () => {
    const first = await startServer();
    const supervisor = await login(first, 'property.inbound_supervisor');
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const call = await api<{ interactionId: string }>(first, supervisor, 'POST', '/api/simulator/calls', {
        queue: 'complaint',
        caller: `+86137000${String(i).padStart(5, '0')}`,
        patienceSeconds: null,
      });
      expect(call.status, call.text).toBe(201);
      ids.push(call.body.interactionId);
    }
    type Floor = { queues: { code: string; status: { waiting: number; oldestEnqueuedAt: number | null } }[] };
    const before = (await api<Floor>(first, supervisor, 'GET', '/api/floor')).body.queues.find((q) => q.code === 'complaint')!.status;
    expect(before.waiting).toBe(50);

    await crash(first);

    const second = await startServer();
    const supervisorAgain = await login(second, 'property.inbound_supervisor');
    const after = (await api<Floor>(second, supervisorAgain, 'GET', '/api/floor')).body.queues.find((q) => q.code === 'complaint')!.status;
    expect(after).toMatchObject({ waiting: 50, oldestEnqueuedAt: before.oldestEnqueuedAt });
    const day = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 3_600_000).toISOString() };
    const exported = await api<{ id: string; queue: string; queuedAt: string; endedAt: string; abandonedAt: string }[]>(
      second,
      supervisorAgain,
      'GET',
      `/api/interactions/export?from=${day.from}&to=${day.to}`,
    );
    const rows = exported.body.filter((row) => ids.includes(row.id));
    expect(rows).toHaveLength(50);
    for (const row of rows) expect(row).toMatchObject({ queue: 'complaint', endedAt: '', abandonedAt: '' });
    // Still in arrival order: the first caller is first in line.
    const queuedAt = ids.map((id) => rows.find((row) => row.id === id)!.queuedAt);
    expect([...queuedAt].sort()).toEqual(queuedAt);
    await crash(second);
  });
});
