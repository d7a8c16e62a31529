import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { AgentState } from './domain/agent-state.ts';
import type { QueueConfig } from './domain/queue-config.ts';

/** A tenant's line of business (repairs, complaints, new business …): queues and reports group by it. */
export const businessLines = pgTable('business_lines', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('business_lines_tenant_code_idx').on(t.tenantId, t.code)]);

/** The router's queue configuration, minus the columns stored beside it. */
export type StoredQueueSettings = Omit<QueueConfig, 'id' | 'tenantId' | 'businessLineId'>;

export const queues = pgTable('queues', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  businessLineId: uuid('business_line_id').notNull().references(() => businessLines.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  settings: jsonb('settings').$type<StoredQueueSettings>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('queues_tenant_code_idx').on(t.tenantId, t.code)]);

/** Each agent's current router state (presence, work in hand), kept so a restart rebuilds the floor. */
export const agentStates = pgTable('agent_states', {
  userId: uuid('user_id').primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  state: jsonb('state').$type<AgentState>().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** Every agent state change with its timestamp: the raw data for adherence and agent reports. */
export const agentStateLog = pgTable('agent_state_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  status: text('status').notNull(),
  presence: text('presence').notNull(),
  reason: text('reason'),
  at: timestamp('at', { withTimezone: true }).notNull(),
}, (t) => [index('agent_state_log_tenant_user_at_idx').on(t.tenantId, t.userId, t.at)]);
