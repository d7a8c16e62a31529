/**
 * The event signal ("doorbell"): tells this node's consumers that the outbox has new rows.
 * In one process it is a plain in-memory notification; across nodes it is PostgreSQL LISTEN/NOTIFY,
 * whose NOTIFY is sent inside the writing transaction and so arrives only after commit.
 */
import pg from 'pg';

export interface EventSignal {
  ring(): void;
  onRing(listener: () => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class InProcessSignal implements EventSignal {
  private readonly listeners = new Set<() => void>();
  ring(): void {
    for (const listener of this.listeners) listener();
  }
  onRing(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async start(): Promise<void> {}
  async stop(): Promise<void> {
    this.listeners.clear();
  }
}

export const OUTBOX_CHANNEL = 'seatline_outbox';

export class PgNotifySignal extends InProcessSignal {
  private client: pg.Client | null = null;

  constructor(private readonly url: string) {
    super();
  }

  override async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('error', (error) => console.warn(`LISTEN connection lost: ${error.message}`));
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel === OUTBOX_CHANNEL) super.ring();
    });
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.client = client;
  }

  /** Local writers' NOTIFY comes back through LISTEN too, but ringing at once saves a round trip. */
  override ring(): void {
    super.ring();
  }

  override async stop(): Promise<void> {
    await super.stop();
    await this.client?.end();
    this.client = null;
  }
}
