/**
 * Domain events and the unit of work. A command's writes and the events describing them commit in
 * one transaction (the outbox); consumers then read the outbox in id order. The bus only rings a
 * doorbell: the durable truth is the table.
 */
import { sql } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Database, Tx } from '../db/database.ts';
import { outbox } from './schema.ts';
import type { EventSignal } from './signal.ts';

export interface DomainEvent {
  type: string;
  tenantId: string | null;
  aggregateId?: string;
  payload: Record<string, unknown>;
}

export interface StoredEvent extends DomainEvent {
  id: number;
  occurredAt: Date;
}

export type RecordEvent = (event: DomainEvent) => Promise<void>;

/** Serialises outbox writers so ids become visible in commit order and no consumer skips one. */
const OUTBOX_LOCK = 727275;

export class UnitOfWork {
  constructor(
    private readonly database: Database,
    private readonly signal: EventSignal,
    private readonly clock: Clock,
  ) {}

  async run<T>(work: (tx: Tx, record: RecordEvent) => Promise<T>): Promise<T> {
    let recorded = 0;
    const result = await this.database.db.transaction(async (tx) => {
      const record: RecordEvent = async (event) => {
        if (recorded === 0 && this.database.kind === 'postgres') {
          await tx.execute(sql`SELECT pg_advisory_xact_lock(${OUTBOX_LOCK}), pg_notify('seatline_outbox', '')`);
        }
        recorded += 1;
        await tx.insert(outbox).values({
          tenantId: event.tenantId,
          type: event.type,
          aggregateId: event.aggregateId ?? null,
          payload: event.payload,
          occurredAt: new Date(this.clock.now()),
        });
      };
      return work(tx, record);
    });
    if (recorded > 0) this.signal.ring();
    return result;
  }
}
