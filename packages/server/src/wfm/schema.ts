import { date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { BacktestScore, ForecastMethod } from './domain/forecast.ts';
import type { ScheduleMetrics, ScheduledBreak, ShiftTemplate } from './domain/schedule.ts';
import type { StaffingPlanStored, ForecastOptionsStored, ScheduleInputStored, StaffingParams } from './model.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Interval history per tenant × queue × channel × interval: offered contacts and their average
 * handling time, imported (CSV/XLSX) or rolled up from the platform's own interactions.
 */
export const wfmHistory = pgTable('wfm_history', {
  tenantId: uuid('tenant_id').notNull(),
  queueId: uuid('queue_id').notNull(),
  channel: text('channel').notNull(),
  intervalStart: at('interval_start').notNull(),
  intervalMinutes: integer('interval_minutes').notNull(),
  offered: doublePrecision('offered').notNull(),
  /** Talk + hold + wrap-up, seconds; 0 when nothing was handled. */
  ahtSeconds: doublePrecision('aht_seconds').notNull(),
  source: text('source', { enum: ['import', 'interactions'] }).notNull(),
  updatedAt: at('updated_at').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.queueId, t.channel, t.intervalStart] })]);

/**
 * A forecast of one queue: volume and AHT per interval, the backtest that chose the method, and the
 * staffing plan computed from it. Versioned per queue; the call-center manager approves one.
 */
export const wfmForecasts = pgTable('wfm_forecasts', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  queueId: uuid('queue_id').notNull(),
  channel: text('channel').notNull(),
  version: integer('version').notNull(),
  status: text('status', { enum: ['draft', 'approved', 'superseded'] }).notNull(),
  method: text('method').$type<ForecastMethod>().notNull(),
  intervalMinutes: integer('interval_minutes').notNull(),
  timeZone: text('time_zone').notNull(),
  /** First forecast day (local). */
  startDate: date('start_date', { mode: 'string' }).notNull(),
  horizonDays: integer('horizon_days').notNull(),
  historyStartDate: date('history_start_date', { mode: 'string' }).notNull(),
  historyDays: integer('history_days').notNull(),
  options: jsonb('options').$type<ForecastOptionsStored>().notNull(),
  backtest: jsonb('backtest').$type<BacktestScore[]>().notNull(),
  /** Forecast volumes before and after adjustments, AHT, and the chosen method's holdout forecast. */
  series: jsonb('series').$type<{ baseVolumes: number[]; volumes: number[]; ahtSeconds: number[]; holdout: { startDate: string; actual: number[]; forecast: number[] } | null }>().notNull(),
  staffingParams: jsonb('staffing_params').$type<StaffingParams>(),
  staffingPlan: jsonb('staffing_plan').$type<StaffingPlanStored>(),
  createdBy: uuid('created_by'),
  createdAt: at('created_at').notNull(),
  approvedBy: uuid('approved_by'),
  approvedAt: at('approved_at'),
}, (t) => [uniqueIndex('wfm_forecasts_queue_version_idx').on(t.tenantId, t.queueId, t.channel, t.version)]);

/** Shift templates: start window, paid lengths, weekdays and break rules (the domain's ShiftTemplate less its id). */
export const wfmShiftTemplates = pgTable('wfm_shift_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name').notNull(),
  template: jsonb('template').$type<Omit<ShiftTemplate, 'id'>>().notNull(),
  createdAt: at('created_at').notNull(),
  updatedAt: at('updated_at').notNull(),
}, (t) => [uniqueIndex('wfm_shift_templates_tenant_name_idx').on(t.tenantId, t.name)]);

/**
 * A team's schedule for 1–4 weeks, generated from a forecast's staffing plan. Drafts are edited and
 * submitted by planners; the call-center manager publishes (approves) them, and only published
 * schedules reach agents and adherence.
 */
export const wfmSchedules = pgTable('wfm_schedules', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  teamId: uuid('team_id').notNull(),
  forecastId: uuid('forecast_id').notNull().references(() => wfmForecasts.id),
  status: text('status', { enum: ['draft', 'submitted', 'published', 'superseded'] }).notNull(),
  startDate: date('start_date', { mode: 'string' }).notNull(),
  weeks: integer('weeks').notNull(),
  intervalMinutes: integer('interval_minutes').notNull(),
  timeZone: text('time_zone').notNull(),
  /** What the generator was given (agents' contracts, templates, options), for reproduction. */
  input: jsonb('input').$type<ScheduleInputStored>().notNull(),
  /** Agents required on the queue per interval (rawAgents of the staffing plan). */
  requirement: jsonb('requirement').$type<number[]>().notNull(),
  metrics: jsonb('metrics').$type<ScheduleMetrics>().notNull(),
  note: text('note'),
  createdBy: uuid('created_by'),
  createdAt: at('created_at').notNull(),
  submittedBy: uuid('submitted_by'),
  submittedAt: at('submitted_at'),
  publishedBy: uuid('published_by'),
  publishedAt: at('published_at'),
}, (t) => [index('wfm_schedules_tenant_team_idx').on(t.tenantId, t.teamId, t.startDate)]);

/** One agent's shift with its breaks; times are absolute and also kept as minutes after the local date's midnight. */
export const wfmShifts = pgTable('wfm_shifts', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  scheduleId: uuid('schedule_id').notNull().references(() => wfmSchedules.id),
  userId: uuid('user_id').notNull(),
  date: date('date', { mode: 'string' }).notNull(),
  templateId: text('template_id').notNull(),
  startMinute: integer('start_minute').notNull(),
  endMinute: integer('end_minute').notNull(),
  startAt: at('start_at').notNull(),
  endAt: at('end_at').notNull(),
  paidMinutes: integer('paid_minutes').notNull(),
  breaks: jsonb('breaks').$type<ScheduledBreak[]>().notNull(),
  editedBy: uuid('edited_by'),
  editedAt: at('edited_at'),
}, (t) => [
  index('wfm_shifts_schedule_idx').on(t.scheduleId, t.userId, t.startAt),
  index('wfm_shifts_tenant_user_idx').on(t.tenantId, t.userId, t.startAt),
]);
