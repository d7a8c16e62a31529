import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
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

/**
 * An agent's request: to swap one of their published shifts with a colleague's (the colleague
 * accepts, then a planner decides) or to work overtime (a planner decides). An approved swap
 * exchanges the two shifts' agents.
 */
export const wfmRequests = pgTable('wfm_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  kind: text('kind', { enum: ['swap', 'overtime'] }).notNull(),
  /** swap: awaiting_colleague → pending → approved | rejected; overtime: pending → approved | rejected; either may be cancelled while open. */
  status: text('status', { enum: ['awaiting_colleague', 'pending', 'approved', 'rejected', 'cancelled'] }).notNull(),
  requesterId: uuid('requester_id').notNull(),
  /** swap: the requester's shift and the colleague's. */
  shiftId: uuid('shift_id').references(() => wfmShifts.id),
  colleagueShiftId: uuid('colleague_shift_id').references(() => wfmShifts.id),
  colleagueId: uuid('colleague_id'),
  /** overtime: the local day and minutes after its midnight. */
  date: date('date', { mode: 'string' }),
  startMinute: integer('start_minute'),
  endMinute: integer('end_minute'),
  reason: text('reason'),
  acceptedAt: at('accepted_at'),
  decidedBy: uuid('decided_by'),
  decidedAt: at('decided_at'),
  decisionNote: text('decision_note'),
  createdAt: at('created_at').notNull(),
}, (t) => [index('wfm_requests_tenant_status_idx').on(t.tenantId, t.status, t.createdAt)]);

/** Per-team WFM settings: how many agents may be on break at once. */
export const wfmTeamSettings = pgTable('wfm_team_settings', {
  tenantId: uuid('tenant_id').notNull(),
  teamId: uuid('team_id').primaryKey(),
  maxOnBreak: integer('max_on_break').notNull(),
  updatedAt: at('updated_at').notNull(),
});

/** Live break management: who is on break and who waits (FIFO by requested_at), kept so a restart loses nothing. */
export const wfmBreaks = pgTable('wfm_breaks', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  teamId: uuid('team_id').notNull(),
  userId: uuid('user_id').notNull(),
  status: text('status', { enum: ['waiting', 'on_break', 'ended', 'cancelled'] }).notNull(),
  requestedAt: at('requested_at').notNull(),
  startedAt: at('started_at'),
  endedAt: at('ended_at'),
  /** Whether the contact center put the agent not ready (false: the desktop was not connected). */
  notReady: boolean('not_ready'),
}, (t) => [index('wfm_breaks_team_status_idx').on(t.tenantId, t.teamId, t.status, t.requestedAt)]);

/** Attendance of one shift (004 §2): one record per shift, the latest wins. */
export const wfmAttendance = pgTable('wfm_attendance', {
  shiftId: uuid('shift_id').primaryKey().references(() => wfmShifts.id),
  tenantId: uuid('tenant_id').notNull(),
  scheduleId: uuid('schedule_id').notNull(),
  status: text('status', { enum: ['present', 'late', 'absent', 'leave'] }).notNull(),
  minutesLate: integer('minutes_late').notNull(),
  note: text('note'),
  recordedBy: uuid('recorded_by').notNull(),
  recordedAt: at('recorded_at').notNull(),
}, (t) => [index('wfm_attendance_schedule_idx').on(t.tenantId, t.scheduleId)]);

/** Handover notes a shift's agent or team leader leaves for the next shift. */
export const wfmHandovers = pgTable('wfm_handovers', {
  id: uuid('id').primaryKey().defaultRandom(),
  tenantId: uuid('tenant_id').notNull(),
  scheduleId: uuid('schedule_id').notNull(),
  shiftId: uuid('shift_id').notNull().references(() => wfmShifts.id),
  authorId: uuid('author_id').notNull(),
  note: text('note').notNull(),
  createdAt: at('created_at').notNull(),
}, (t) => [index('wfm_handovers_schedule_idx').on(t.tenantId, t.scheduleId, t.createdAt)]);
