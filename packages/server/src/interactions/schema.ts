import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * One model for every contact (voice in and out, web chat, later email and messaging). The
 * timestamp columns are the lifecycle summary reports read; `interaction_events` keeps every step.
 */
export const interactions = pgTable('interactions', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  channel: text('channel', { enum: ['voice', 'chat', 'email', 'messaging'] }).notNull(),
  direction: text('direction', { enum: ['inbound', 'outbound'] }).notNull(),
  status: text('status', { enum: ['ivr', 'queued', 'offered', 'connected', 'wrap_up', 'ended'] }).notNull(),
  /** The caller's number or the chat visitor's identity. */
  address: text('address'),
  /** The number dialled (hotline) for voice. */
  hotline: text('hotline'),
  customerId: uuid('customer_id'),
  queueId: uuid('queue_id'),
  agentId: uuid('agent_id'),
  priority: integer('priority').notNull().default(0),
  ivrPath: jsonb('ivr_path').$type<string[]>().notNull().default([]),
  arrivedAt: at('arrived_at').notNull(),
  ivrEnteredAt: at('ivr_entered_at'),
  ivrExitedAt: at('ivr_exited_at'),
  /** When the customer first started waiting for an agent: orders the queue across restarts and overflows. */
  enqueuedAt: at('enqueued_at'),
  /** When it entered its current queue. */
  queuedAt: at('queued_at'),
  offeredAt: at('offered_at'),
  answeredAt: at('answered_at'),
  endedAt: at('ended_at'),
  endedBy: text('ended_by', { enum: ['customer', 'agent', 'system', 'supervisor'] }),
  wrapUpEndedAt: at('wrap_up_ended_at'),
  abandonedAt: at('abandoned_at'),
  abandonedIn: text('abandoned_in', { enum: ['ivr', 'queue'] }),
  heldAt: at('held_at'),
  holdSeconds: integer('hold_seconds').notNull().default(0),
  transferred: boolean('transferred').notNull().default(false),
  disposition: text('disposition'),
  notes: text('notes'),
  /** Why it ended without an agent: voicemail, callback request, out of hours … */
  outcome: text('outcome'),
  simulated: boolean('simulated').notNull().default(false),
}, (t) => [
  index('interactions_tenant_arrived_idx').on(t.tenantId, t.arrivedAt),
  index('interactions_open_idx').on(t.status).where(sql`status <> 'ended'`),
]);

export const interactionEvents = pgTable('interaction_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  interactionId: uuid('interaction_id').notNull().references(() => interactions.id),
  type: text('type').notNull(),
  at: at('at').notNull(),
  agentId: uuid('agent_id'),
  queueId: uuid('queue_id'),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
}, (t) => [index('interaction_events_interaction_idx').on(t.interactionId, t.id)]);

export const chatMessages = pgTable('chat_messages', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  interactionId: uuid('interaction_id').notNull().references(() => interactions.id),
  sender: text('sender', { enum: ['customer', 'agent', 'system'] }).notNull(),
  agentId: uuid('agent_id'),
  body: text('body').notNull(),
  at: at('at').notNull(),
}, (t) => [index('chat_messages_interaction_idx').on(t.interactionId, t.id)]);
