import { integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BusinessCalendar, HotlineConfig, IvrFlow } from './schemas.ts';

/** A dialled number (400 hotline) and its settings: calendar, out-of-hours behaviour, emergency prompt. */
export const hotlines = pgTable('hotlines', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  number: text('number').notNull().unique(),
  config: jsonb('config').$type<HotlineConfig>().notNull(),
  /** The flow version calls are answered with. */
  activeVersion: integer('active_version').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Every saved version of a hotline's IVR flow; versions are never edited, only added. */
export const ivrFlows = pgTable('ivr_flows', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  hotlineId: uuid('hotline_id').notNull().references(() => hotlines.id),
  version: integer('version').notNull(),
  flow: jsonb('flow').$type<IvrFlow>().notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('ivr_flows_hotline_version_idx').on(t.hotlineId, t.version)]);

/** Business hours, public holidays and make-up workdays, per tenant. */
export const calendars = pgTable('calendars', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  code: text('code').notNull(),
  calendar: jsonb('calendar').$type<BusinessCalendar>().notNull(),
}, (t) => [uniqueIndex('calendars_tenant_code_idx').on(t.tenantId, t.code)]);
