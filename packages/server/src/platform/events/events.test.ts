/**
 * The outbox, the unit of work and the dispatcher, on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
 * Each test boots its own runtime(s) on a fresh database, with an onError that collects instead of throwing,
 * so a consumer that fails is observed rather than crashing the drain.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import type { Config } from '../../config.ts';
import { cleanupAfterEach, freshDurableDatabase, freshDatabaseDroppedWhenIdle, testConfig, usingPostgres } from '../../testing/harness.ts';
import { bootRuntime, type Runtime } from '../boot.ts';
import type { Tx } from '../db/database.ts';
import type { StoredEvent } from './outbox.ts';
import { eventCursors, outbox } from './schema.ts';

// Runtimes first (registered last), then databases and directories.
const defer = cleanupAfterEach();

/** A fresh database, dropped once nothing is connected to it any more (see freshDatabaseDroppedWhenIdle). */
async function freshDroppableDatabase(): Promise<Config['database']> {
  const { database, drop } = await freshDatabaseDroppedWhenIdle();
  defer(drop);
  return database;
}

/** A fresh database that outlives one runtime: a temp PGlite directory, or a new PostgreSQL database. */
const durableDatabase = () => freshDurableDatabase('seatline-events-', defer);

async function boot(database: Config['database'], errors: unknown[] = []): Promise<Runtime> {
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

/** Boots one runtime on a fresh database (in-memory PGlite, or a new PostgreSQL database). */
async function bootFresh(errors: unknown[] = []): Promise<Runtime> {
  return boot(await freshDroppableDatabase(), errors);
}

async function createScratchTables(runtime: Runtime) {
  await runtime.ctx.database.raw(
    'CREATE TABLE IF NOT EXISTS notes (id serial PRIMARY KEY, body text NOT NULL);' +
      'CREATE TABLE IF NOT EXISTS effects (consumer text NOT NULL, event_id bigint NOT NULL, PRIMARY KEY (consumer, event_id));',
  );
}

async function insertNote(tx: Tx, body: string) {
  await tx.execute(sql`INSERT INTO notes (body) VALUES (${body})`);
}

async function notes(runtime: Runtime): Promise<string[]> {
  const { rows } = await runtime.ctx.database.raw('SELECT body FROM notes ORDER BY id', []);
  return rows.map((r) => String(r.body));
}

async function effects(runtime: Runtime, consumer: string): Promise<number[]> {
  const { rows } = await runtime.ctx.database.raw('SELECT event_id FROM effects WHERE consumer = $1 ORDER BY event_id', [consumer]);
  return rows.map((r) => Number(r.event_id));
}

async function outboxRows(runtime: Runtime) {
  return runtime.ctx.database.db.select().from(outbox).orderBy(asc(outbox.id));
}

async function cursorOf(runtime: Runtime, consumer: string): Promise<number | undefined> {
  const [row] = await runtime.ctx.database.db.select().from(eventCursors).where(eq(eventCursors.consumer, consumer));
  return row?.lastId;
}

async function recordNotes(runtime: Runtime, bodies: string[]) {
  await runtime.ctx.uow.run(async (tx, record) => {
    for (const body of bodies) {
      await insertNote(tx, body);
      await record({ type: 'test.note_added', tenantId: null, aggregateId: body, payload: { body } });
    }
  });
}

/** A consumer whose effects (rows in `effects`) are written in the dispatcher's transaction. */
function effectConsumer(name: string, seen: StoredEvent[], options: { failOn?: (event: StoredEvent) => boolean } = {}) {
  return {
    name,
    async handle(tx: Tx, event: StoredEvent) {
      seen.push(event);
      await tx.execute(sql`INSERT INTO effects (consumer, event_id) VALUES (${name}, ${event.id})`);
      if (options.failOn?.(event)) throw new Error(`consumer ${name} failed on event ${event.id}`);
    },
  };
}

describe(`outbox and dispatcher (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('commits a command’s events with its writes, in one transaction', async () => {
    const runtime = await bootFresh();
    await createScratchTables(runtime);

    const result = await runtime.ctx.uow.run(async (tx, record) => {
      await insertNote(tx, 'first');
      await record({ type: 'test.note_added', tenantId: null, aggregateId: 'n1', payload: { body: 'first' } });
      await insertNote(tx, 'second');
      await record({ type: 'test.note_added', tenantId: null, aggregateId: 'n2', payload: { body: 'second', nested: { n: 2 } } });
      return 'done';
    });

    expect(result).toBe('done');
    expect(await notes(runtime)).toEqual(['first', 'second']);
    const rows = await outboxRows(runtime);
    expect(rows.map((r) => [r.type, r.aggregateId, r.payload])).toEqual([
      ['test.note_added', 'n1', { body: 'first' }],
      ['test.note_added', 'n2', { body: 'second', nested: { n: 2 } }],
    ]);
    expect(rows[1]!.id).toBeGreaterThan(rows[0]!.id);
    expect(rows.every((r) => r.tenantId === null && r.occurredAt instanceof Date)).toBe(true);
  });

  it('records no events, and no writes, when the transaction fails', async () => {
    const runtime = await bootFresh();
    await createScratchTables(runtime);
    const seen: StoredEvent[] = [];
    runtime.ctx.events.listen((event) => seen.push(event));

    await expect(
      runtime.ctx.uow.run(async (tx, record) => {
        await insertNote(tx, 'doomed');
        await record({ type: 'test.note_added', tenantId: null, payload: { body: 'doomed' } });
        throw new Error('the command failed after recording');
      }),
    ).rejects.toThrow('the command failed after recording');
    // A failing statement (not only a thrown error) rolls back too.
    await expect(
      runtime.ctx.uow.run(async (tx, record) => {
        await record({ type: 'test.note_added', tenantId: null, payload: { body: 'bad' } });
        await tx.execute(sql`INSERT INTO notes (body) VALUES (NULL)`);
      }),
    ).rejects.toThrow();

    await runtime.ctx.events.drain();
    expect(await notes(runtime)).toEqual([]);
    expect(await outboxRows(runtime)).toEqual([]);
    expect(seen).toEqual([]);

    // The next successful command still works and is the only thing in the outbox.
    await recordNotes(runtime, ['kept']);
    expect((await outboxRows(runtime)).map((r) => r.payload)).toEqual([{ body: 'kept' }]);
  });

  it('delivers each event to a durable consumer exactly once, in id order, across batches', async () => {
    const errors: unknown[] = [];
    const runtime = await bootFresh(errors);
    await createScratchTables(runtime);

    // Events written before the consumer exists are delivered from the beginning of the outbox.
    await recordNotes(runtime, ['a', 'b']);
    const seen: StoredEvent[] = [];
    await runtime.ctx.events.register(effectConsumer('ordered', seen));

    // More than one batch (200) in one command, and several small commands racing the drain.
    await recordNotes(runtime, Array.from({ length: 250 }, (_, i) => `bulk-${i}`));
    await Promise.all(Array.from({ length: 5 }, (_, i) => recordNotes(runtime, [`c${i}-1`, `c${i}-2`])));
    await runtime.ctx.events.drain();
    await runtime.ctx.events.drain();

    const ids = (await outboxRows(runtime)).map((r) => r.id);
    expect(ids).toHaveLength(2 + 250 + 10);
    expect(seen.map((e) => e.id)).toEqual(ids);
    expect(await effects(runtime, 'ordered')).toEqual(ids);
    expect(await cursorOf(runtime, 'ordered')).toBe(ids.at(-1));
    expect(seen[0]).toMatchObject({ type: 'test.note_added', tenantId: null, aggregateId: 'a', payload: { body: 'a' } });
    expect(seen[0]!.occurredAt).toBeInstanceOf(Date);
    expect(errors).toEqual([]);
  });

  it('keeps a durable consumer’s cursor across a restart on the same database', async () => {
    const database = await durableDatabase();

    const first = await boot(database);
    await createScratchTables(first);
    const seenBefore: StoredEvent[] = [];
    await first.ctx.events.register(effectConsumer('durable', seenBefore));
    await recordNotes(first, ['one', 'two', 'three']);
    await first.ctx.events.drain();
    expect(seenBefore.map((e) => e.payload.body)).toEqual(['one', 'two', 'three']);
    const cursorBefore = await cursorOf(first, 'durable');
    await first.close();

    // A new runtime ("after a restart"): events written while the consumer is not registered wait for it.
    const second = await boot(database);
    expect(await cursorOf(second, 'durable')).toBe(cursorBefore);
    await recordNotes(second, ['four', 'five']);
    const seenAfter: StoredEvent[] = [];
    await second.ctx.events.register(effectConsumer('durable', seenAfter));
    await second.ctx.events.drain();

    expect(seenAfter.map((e) => e.payload.body)).toEqual(['four', 'five']);
    const ids = (await outboxRows(second)).map((r) => r.id);
    expect(await effects(second, 'durable')).toEqual(ids);
    expect(await cursorOf(second, 'durable')).toBe(ids.at(-1));
  });

  it('does not advance a failing consumer’s cursor, rolls back its effects, and redelivers on the next drain', async () => {
    const errors: unknown[] = [];
    const runtime = await bootFresh(errors);
    await createScratchTables(runtime);
    let failing = true;
    const seen: StoredEvent[] = [];
    await runtime.ctx.events.register(
      effectConsumer('flaky', seen, { failOn: (event) => failing && event.payload.body === 'poison' }),
    );

    await recordNotes(runtime, ['fine']);
    await runtime.ctx.events.drain();
    const [fine] = await outboxRows(runtime);
    expect(await cursorOf(runtime, 'flaky')).toBe(fine!.id);

    // 'before' and 'poison' are in one batch: the failure rolls back both effects, and the cursor stays put.
    await recordNotes(runtime, ['before', 'poison', 'after']);
    await runtime.ctx.events.drain();
    expect(errors.length).toBeGreaterThan(0);
    expect(String(errors[0])).toContain('consumer flaky failed');
    expect(await cursorOf(runtime, 'flaky')).toBe(fine!.id);
    expect(await effects(runtime, 'flaky')).toEqual([fine!.id]);
    expect(seen.map((e) => e.payload.body)).toContain('poison');

    // Still failing: a further drain retries (and fails) the same event rather than skipping it.
    const attemptsBefore = seen.filter((e) => e.payload.body === 'poison').length;
    await runtime.ctx.events.drain();
    expect(seen.filter((e) => e.payload.body === 'poison').length).toBeGreaterThan(attemptsBefore);
    expect(await cursorOf(runtime, 'flaky')).toBe(fine!.id);

    failing = false;
    await runtime.ctx.events.drain();
    const ids = (await outboxRows(runtime)).map((r) => r.id);
    expect(await effects(runtime, 'flaky')).toEqual(ids);
    expect(await cursorOf(runtime, 'flaky')).toBe(ids.at(-1));
    // The last successful delivery saw the events in order after the one already processed.
    expect(seen.slice(-3).map((e) => e.payload.body)).toEqual(['before', 'poison', 'after']);
  });

  it('delivers new events to live listeners, and stops after unsubscribe', async () => {
    const errors: unknown[] = [];
    const runtime = await bootFresh(errors);
    await createScratchTables(runtime);
    // As in the server, where the metrics listener is always there. (With no listener at all, the live
    // cursor does not move, so a first listener is also handed the events since boot; see the dispatcher.)
    const early: StoredEvent[] = [];
    runtime.ctx.events.listen((event) => early.push(event));
    await recordNotes(runtime, ['old']);
    await runtime.ctx.events.drain();
    expect(early.map((e) => e.payload.body)).toEqual(['old']);

    const seen: StoredEvent[] = [];
    const unsubscribe = runtime.ctx.events.listen((event) => seen.push(event));
    await recordNotes(runtime, ['new-1', 'new-2']);
    await vi.waitFor(() => expect(seen.map((e) => e.payload.body)).toEqual(['new-1', 'new-2']));

    unsubscribe();
    await recordNotes(runtime, ['unheard']);
    await runtime.ctx.events.drain();
    expect(seen.map((e) => e.payload.body)).toEqual(['new-1', 'new-2']);
    expect(early.map((e) => e.payload.body)).toEqual(['old', 'new-1', 'new-2', 'unheard']);
    expect(errors).toEqual([]);
  });

  describe('two nodes on one PostgreSQL database', () => {
    it.skipIf(!usingPostgres)('an event written on node A reaches a live listener on node B through LISTEN/NOTIFY', async () => {
      const database = await durableDatabase();
      const errorsA: unknown[] = [];
      const errorsB: unknown[] = [];
      const nodeA = await boot(database, errorsA);
      const nodeB = await boot(database, errorsB);
      expect(nodeA.ctx.config.eventBus).toBe('pg-notify');
      await createScratchTables(nodeA);

      const seenOnB: StoredEvent[] = [];
      nodeB.ctx.events.listen((event) => seenOnB.push(event));
      // Node B never drains by hand: only the NOTIFY from node A's transaction can wake it.
      await recordNotes(nodeA, ['from-a']);
      await vi.waitFor(() => expect(seenOnB.map((e) => e.payload.body)).toEqual(['from-a']), { timeout: 15_000, interval: 50 });
      const [row] = await outboxRows(nodeB);
      expect(seenOnB[0]!.id).toBe(row!.id);
      expect(errorsA).toEqual([]);
      expect(errorsB).toEqual([]);
    });

    it.skipIf(!usingPostgres)('a durable consumer registered on both nodes processes each event once', async () => {
      const database = await durableDatabase();
      const errors: unknown[] = [];
      const nodeA = await boot(database, errors);
      const nodeB = await boot(database, errors);
      await createScratchTables(nodeA);

      // The effects table's primary key makes a second processing of an event fail loudly.
      const seenA: StoredEvent[] = [];
      const seenB: StoredEvent[] = [];
      await nodeA.ctx.events.register(effectConsumer('shared', seenA));
      await nodeB.ctx.events.register(effectConsumer('shared', seenB));
      await Promise.all([
        ...Array.from({ length: 10 }, (_, i) => recordNotes(nodeA, [`a${i}-1`, `a${i}-2`])),
        ...Array.from({ length: 10 }, (_, i) => recordNotes(nodeB, [`b${i}-1`, `b${i}-2`])),
      ]);
      await Promise.all([nodeA.ctx.events.drain(), nodeB.ctx.events.drain()]);
      await Promise.all([nodeA.ctx.events.drain(), nodeB.ctx.events.drain()]);

      const ids = (await outboxRows(nodeA)).map((r) => r.id);
      expect(ids).toHaveLength(40);
      expect(await effects(nodeA, 'shared')).toEqual(ids);
      expect(await cursorOf(nodeA, 'shared')).toBe(ids.at(-1));
      // Split between the nodes however the locks fell, but together exactly once each, and each node in order.
      const delivered = [...seenA, ...seenB].map((e) => e.id).sort((x, y) => x - y);
      expect(delivered).toEqual(ids);
      for (const seen of [seenA, seenB]) {
        const own = seen.map((e) => e.id);
        expect(own).toEqual([...own].sort((x, y) => x - y));
      }
      expect(errors).toEqual([]);
    });
  });
});
