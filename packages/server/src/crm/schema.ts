import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The customer record, small for now: enough for the screen pop. The CRM capability grows it. */
export const customers = pgTable('customers', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name').notNull(),
  /** E.164 numbers. */
  phones: text('phones').array().notNull().default([]),
  vip: boolean('vip').notNull().default(false),
  address: text('address'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('customers_tenant_phones_idx').using('gin', t.phones)]);
