/**
 * The `seatline` command line as a child process, for test files that run it on one data directory
 * (PGlite) or one fresh PostgreSQL database (TEST_DATABASE_URL) shared by their tests, in order
 * (cli.test.ts and simulate.test.ts had the same copy of this). The test file calls setUp and tearDown
 * from its own beforeAll and afterAll.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { loadConfig } from '../config.ts';
import { bootRuntime } from '../platform/boot.ts';
import { freshDatabaseDroppedWhenIdle, testConfig, usingPostgres } from './harness.ts';
import { killAll, runToExit, type RunResult } from './processes.ts';

export type { RunResult } from './processes.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const BIN = path.join(ROOT, 'packages/server/bin/seatline.js');
const RUN_TIMEOUT_MS = 90_000;

export function cliWorkspace(prefix: string) {
  const children = new Set<ChildProcess>();
  let env: NodeJS.ProcessEnv = {};
  let dir = '';
  let dropDatabase: () => Promise<void> = async () => {};

  /** A runtime in this process on the CLI's database, configured exactly as the CLI configures it. */
  async function withRuntimeOnSameDatabase<T>(work: (runtime: Awaited<ReturnType<typeof bootRuntime>>) => Promise<T>): Promise<T> {
    const runtime = await bootRuntime(testConfig(loadConfig(env).database));
    try {
      return await work(runtime);
    } finally {
      await runtime.close();
    }
  }

  return {
    /** The data directory the CLI runs on, also a scratch directory for the tests' files. */
    get dir(): string {
      return dir;
    },

    /** A temp data directory and, with TEST_DATABASE_URL, a fresh PostgreSQL database for the CLI (never the caller's DATABASE_URL). */
    async setUp(): Promise<void> {
      const { DATABASE_URL: _ignored, TEST_DATABASE_URL: _alsoIgnored, ...rest } = process.env;
      dir = mkdtempSync(path.join(tmpdir(), prefix));
      env = { ...rest, SEATLINE_DATA_DIR: dir, SEATLINE_SIMULATION: 'off', LOG_LEVEL: 'warn' };
      if (usingPostgres) {
        const { database, drop } = await freshDatabaseDroppedWhenIdle();
        if (database.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
        env.DATABASE_URL = database.url;
        dropDatabase = drop;
      }
    },

    /** Runs `seatline <args>` to completion; a command that does not exit on its own is killed and fails the test. */
    seatline(...args: string[]): Promise<RunResult> {
      return runToExit(process.execPath, [BIN, ...args], { cwd: ROOT, env, timeoutMs: RUN_TIMEOUT_MS, label: `seatline ${args.join(' ')}`, children });
    },

    withRuntimeOnSameDatabase,

    /** Kills any command still running, drops the database once nothing is connected to it, removes the directory. */
    async tearDown(): Promise<void> {
      await killAll(children);
      await dropDatabase();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function expectSuccess(result: RunResult) {
  expect(result.code, `stdout: ${result.stdout}\nstderr: ${result.stderr}`).toBe(0);
}
