/**
 * Delivers outbox events to consumers.
 * - Durable consumers keep a cursor in `event_cursors`, advanced in the same transaction as their
 *   effects, so a crash neither loses nor repeats an event's effects. On PostgreSQL the cursor row is
 *   locked while a batch runs, so two nodes never process the same consumer's batch twice.
 * - Live listeners (metrics, WebSocket pushes) see only events that arrive after they start.
 */
import { asc, eq, gt, max } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.ts';
import type { StoredEvent } from './outbox.ts';
import { eventCursors, outbox } from './schema.ts';
import type { EventSignal } from './signal.ts';

export interface DurableConsumer {
  name: string;
  handle(tx: Tx, event: StoredEvent): Promise<void>;
}

export type LiveListener = (event: StoredEvent) => void;

const BATCH = 200;

export class EventDispatcher {
  private readonly consumers: DurableConsumer[] = [];
  private readonly listeners = new Set<LiveListener>();
  private liveCursor = 0;
  private draining: Promise<void> | null = null;
  private pending = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly database: Database,
    private readonly signal: EventSignal,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Adds a durable consumer; one registered for the first time starts from the beginning of the outbox. */
  async register(consumer: DurableConsumer): Promise<void> {
    await this.database.db.insert(eventCursors).values({ consumer: consumer.name }).onConflictDoNothing();
    this.consumers.push(consumer);
    if (this.unsubscribe) await this.drain();
  }

  listen(listener: LiveListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    const [row] = await this.database.db.select({ last: max(outbox.id) }).from(outbox);
    this.liveCursor = row?.last ?? 0;
    this.unsubscribe = this.signal.onRing(() => void this.drain());
    await this.drain();
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    await this.draining;
  }

  /** Processes everything currently in the outbox; resolves when caught up. */
  drain(): Promise<void> {
    if (this.draining) {
      this.pending = true;
      return this.draining;
    }
    this.draining = (async () => {
      do {
        this.pending = false;
        // Each consumer fails alone: one broken consumer must not starve the others.
        try {
          await this.deliverLive();
        } catch (error) {
          this.onError(error);
        }
        for (const consumer of this.consumers) {
          try {
            await this.deliverDurable(consumer);
          } catch (error) {
            this.onError(error);
          }
        }
      } while (this.pending);
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  private async deliverLive(): Promise<void> {
    if (this.listeners.size === 0) {
      // Nobody listens: skip ahead, so a listener added later sees only what follows.
      const [row] = await this.database.db.select({ last: max(outbox.id) }).from(outbox);
      this.liveCursor = row?.last ?? this.liveCursor;
      return;
    }
    for (;;) {
      const rows = await this.database.db.select().from(outbox).where(gt(outbox.id, this.liveCursor)).orderBy(asc(outbox.id)).limit(BATCH);
      for (const row of rows) {
        this.liveCursor = row.id;
        for (const listener of this.listeners) {
          try {
            listener(toStoredEvent(row));
          } catch (error) {
            this.onError(error);
          }
        }
      }
      if (rows.length < BATCH) return;
    }
  }

  private async deliverDurable(consumer: DurableConsumer): Promise<void> {
    for (;;) {
      const processed = await this.database.db.transaction(async (tx) => {
        const [cursor] = await tx.select().from(eventCursors).where(eq(eventCursors.consumer, consumer.name)).for('update');
        const lastId = cursor?.lastId ?? 0;
        const rows = await tx.select().from(outbox).where(gt(outbox.id, lastId)).orderBy(asc(outbox.id)).limit(BATCH);
        for (const row of rows) await consumer.handle(tx, toStoredEvent(row));
        const last = rows.at(-1);
        if (last) await tx.update(eventCursors).set({ lastId: last.id }).where(eq(eventCursors.consumer, consumer.name));
        return rows.length;
      });
      if (processed < BATCH) return;
    }
  }
}

function toStoredEvent(row: typeof outbox.$inferSelect): StoredEvent {
  return {
    id: row.id,
    type: row.type,
    tenantId: row.tenantId,
    aggregateId: row.aggregateId ?? undefined,
    payload: row.payload,
    occurredAt: row.occurredAt,
  };
}
