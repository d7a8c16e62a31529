/**
 * Test harness: every storage test runs against a fresh database, an in-memory PGlite by default or,
 * when TEST_DATABASE_URL is set, a new database created on that PostgreSQL server.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, expect, vi } from 'vitest';
import { type Config, loadConfig } from '../config.ts';
import { seedDemoWorld } from '../demo.ts';
import { bootRuntime, type Runtime } from '../platform/boot.ts';
import type { Clock } from '../platform/clock.ts';
import { buildApp } from '../platform/http/app.ts';

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);
export const DEMO_PASSWORD = 'Demo-pass-2026';

/** A fresh, empty database; `drop` removes it (a no-op for in-memory PGlite). */
export async function freshDatabase(): Promise<{ database: Config['database']; drop(): Promise<void> }> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) return { database: { kind: 'pglite', dataDir: null }, drop: async () => {} };
  const name = `seatline_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    database: { kind: 'postgres', url: url.toString() },
    async drop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/**
 * freshDatabase, whose `drop` first waits until the server sees no connection to the database any more:
 * pg-pool's end() resolves before its sockets have closed, and DROP DATABASE ... WITH (FORCE) would
 * terminate those under the pool (an 'error' on the pool, logged as a lost connection). For tests whose
 * runtimes, or CLI child processes, connect by their own pools.
 */
export async function freshDatabaseDroppedWhenIdle(): Promise<{ database: Config['database']; drop(): Promise<void> }> {
  const { database, drop } = await freshDatabase();
  return {
    database,
    async drop() {
      if (database.kind === 'postgres') {
        const name = new URL(database.url).pathname.slice(1);
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        try {
          await vi.waitFor(async () => {
            const { rows } = await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
            expect(rows[0]!.n).toBe(0);
          }, { timeout: 15_000, interval: 50 });
        } finally {
          await admin.end();
        }
      }
      await drop();
    },
  };
}

/**
 * A stack of cleanups run after each test, last registered first; a failing cleanup is logged and the
 * rest still run. For test files that boot several runtimes and databases per test.
 */
export function cleanupAfterEach(): (cleanup: () => Promise<void> | void) => void {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) {
      const cleanup = cleanups.pop()!;
      await Promise.resolve()
        .then(cleanup)
        .catch((error: unknown) => console.error('cleanup failed', error));
    }
  });
  return (cleanup) => {
    cleanups.push(cleanup);
  };
}

/**
 * A fresh database that outlives one runtime (to boot another on it): a temp PGlite directory named
 * after `prefix`, or a new PostgreSQL database dropped when idle; `defer` receives its removal.
 */
export async function freshDurableDatabase(prefix: string, defer: (cleanup: () => Promise<void> | void) => void): Promise<Config['database']> {
  if (!usingPostgres) {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    defer(() => rmSync(dir, { recursive: true, force: true }));
    return { kind: 'pglite', dataDir: dir };
  }
  const { database, drop } = await freshDatabaseDroppedWhenIdle();
  defer(drop);
  return database;
}

export function testConfig(database: Config['database'], overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ LOG_LEVEL: 'silent' });
  return {
    ...base,
    database,
    eventBus: database.kind === 'postgres' ? 'pg-notify' : 'in-process',
    ...overrides,
  };
}

export interface TestRuntime extends Runtime {
  drop(): Promise<void>;
}

export async function startTestRuntime(options: { clock?: Clock; config?: Partial<Config> } = {}): Promise<TestRuntime> {
  const { database, drop } = await freshDatabase();
  const runtime = await bootRuntime(testConfig(database, options.config), { clock: options.clock, onError: (e) => { throw e; } });
  return {
    ...runtime,
    async close() {
      await runtime.close();
      await drop();
    },
    drop,
  };
}

/** A booted app with the demo seeded, and helpers to log in as demo users. */
export async function startTestApp(options: { clock?: Clock; config?: Partial<Config> } = {}) {
  const runtime = await startTestRuntime(options);
  await seedDemoWorld(runtime);
  const app = await buildApp(runtime);
  await app.ready();
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'sl_session')!;
    return { cookie: `sl_session=${cookie.value}`, me: response.json() as { id: string; tenant: { id: string } } };
  };
  return {
    app,
    ctx: runtime.ctx,
    services: runtime.services,
    login,
    async close() {
      await app.close();
      await runtime.close();
    },
  };
}
export type TestApp = Awaited<ReturnType<typeof startTestApp>>;
