/**
 * pg-boss through the runtime's jobs port, on PGlite (through our single connection) and, with
 * TEST_DATABASE_URL, on PostgreSQL (pg-boss's own pool). Jobs must survive a restart of the runtime.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Config } from '../../config.ts';
import { cleanupAfterEach, freshDurableDatabase, testConfig, usingPostgres } from '../../testing/harness.ts';
import { bootRuntime, type Runtime } from '../boot.ts';

const defer = cleanupAfterEach();

/** A fresh database that outlives one runtime: a temp PGlite directory, or a new PostgreSQL database dropped when idle. */
const durableDatabase = () => freshDurableDatabase('seatline-jobs-', defer);

async function boot(database: Config['database'], errors: unknown[]): Promise<Runtime> {
  const runtime = await bootRuntime(testConfig(database), { onError: (error) => errors.push(error) });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await runtime.close();
  };
  defer(close);
  return { ...runtime, close };
}

/** In-memory PGlite by default: jobs need no directory unless they must outlive the runtime. */
async function bootFresh(errors: unknown[]): Promise<Runtime> {
  return boot(usingPostgres ? await durableDatabase() : { kind: 'pglite', dataDir: null }, errors);
}

interface Received {
  id: string;
  data: unknown;
}

describe(`jobs through pg-boss (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('creates a queue, sends a job, and a worker receives its data', async () => {
    const errors: unknown[] = [];
    const runtime = await bootFresh(errors);
    const boss = runtime.ctx.jobs;
    await boss.createQueue('test.greet');

    const received: Received[] = [];
    await boss.work<{ greeting: string; n: number }>('test.greet', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      received.push({ id: job!.id, data: job!.data });
      return { ok: true };
    });
    const id = await boss.send('test.greet', { greeting: '你好', n: 42 });
    expect(id).toEqual(expect.any(String));

    await vi.waitFor(() => expect(received).toEqual([{ id, data: { greeting: '你好', n: 42 } }]), { timeout: 30_000, interval: 100 });
    await vi.waitFor(async () => expect((await boss.getJobById('test.greet', id!))?.state).toBe('completed'), { timeout: 30_000, interval: 100 });
    const job = await boss.getJobById('test.greet', id!);
    expect(job?.output).toEqual({ ok: true });
    expect(errors).toEqual([]);
  });

  it('retries a job whose handler fails, and fetch hands out a job once', async () => {
    const errors: unknown[] = [];
    const runtime = await bootFresh(errors);
    const boss = runtime.ctx.jobs;
    await boss.createQueue('test.flaky');
    await boss.createQueue('test.fetched');

    // fetch: a job handed to one caller is not handed out again while active.
    const fetchedId = await boss.send('test.fetched', { item: 'x' });
    const [fetched] = await boss.fetch<{ item: string }>('test.fetched');
    expect(fetched).toMatchObject({ id: fetchedId, data: { item: 'x' } });
    expect(await boss.fetch('test.fetched')).toEqual([]);
    await boss.complete('test.fetched', fetchedId!);
    expect((await boss.getJobById('test.fetched', fetchedId!))?.state).toBe('completed');

    let attempts = 0;
    await boss.work('test.flaky', { pollingIntervalSeconds: 0.5 }, async () => {
      attempts += 1;
      if (attempts === 1) throw new Error('first attempt fails');
    });
    const id = await boss.send('test.flaky', { attempt: 'any' }, { retryLimit: 2, retryDelay: 0 });
    await vi.waitFor(async () => expect((await boss.getJobById('test.flaky', id!))?.state).toBe('completed'), { timeout: 30_000, interval: 100 });
    expect(attempts).toBe(2);
    expect((await boss.getJobById('test.flaky', id!))?.retryCount).toBe(1);
    expect(errors).toEqual([]);
  });

  it('keeps a delayed job across a restart, and a new runtime processes it', async () => {
    const database = await durableDatabase();
    const errors: unknown[] = [];

    const first = await boot(database, errors);
    await first.ctx.jobs.createQueue('test.reminder');
    const id = await first.ctx.jobs.send('test.reminder', { remind: 'call back 13800000000' }, { startAfter: 3 });
    expect(id).toEqual(expect.any(String));
    const pending = await first.ctx.jobs.getJobById('test.reminder', id!);
    expect(pending?.state).toBe('created');
    expect(pending!.startAfter.getTime()).toBeGreaterThan(pending!.createdOn.getTime());
    await first.close();

    const second = await boot(database, errors);
    const stored = await second.ctx.jobs.getJobById<{ remind: string }>('test.reminder', id!);
    expect(stored).toMatchObject({ id, name: 'test.reminder', data: { remind: 'call back 13800000000' } });
    expect(['created', 'retry']).toContain(stored!.state);

    const received: Received[] = [];
    await second.ctx.jobs.work('test.reminder', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
      received.push({ id: job!.id, data: job!.data });
    });
    await vi.waitFor(() => expect(received).toEqual([{ id, data: { remind: 'call back 13800000000' } }]), { timeout: 30_000, interval: 100 });
    await vi.waitFor(async () => expect((await second.ctx.jobs.getJobById('test.reminder', id!))?.state).toBe('completed'), {
      timeout: 30_000,
      interval: 100,
    });
    expect(errors).toEqual([]);
  });
});
