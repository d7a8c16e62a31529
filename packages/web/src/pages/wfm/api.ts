/**
 * The WFM endpoints (docs/wfm-api.md): staffing calculator, interval history, forecasts with their
 * staffing plans, shift templates, schedules with approval, the agent's own schedule and adherence.
 * Ratios are fractions in [0, 1], durations seconds unless named …Ms / …Minutes; dates YYYY-MM-DD
 * in the planning time zone, minutes after the local midnight.
 */
import { request, type List } from '../../api/client.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

// ------------------------------------------------------------------ staffing

export interface StaffingInput {
  calls: number;
  intervalMinutes: number;
  ahtSeconds: number;
  slTarget: number;
  slSeconds: number;
  shrinkage?: number;
  maxOccupancy?: number;
  patienceSeconds?: number;
  maxAgents?: number;
}

export interface StaffingResult {
  model: 'erlangC' | 'erlangA';
  rawAgents: number;
  agents: number;
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
  waitProbability: number;
  abandonRate?: number;
  trafficErlangs: number;
}

// ------------------------------------------------------------------ history

export interface HistoryQueueSummary {
  queueId: string;
  queueCode: string | null;
  channel: string;
  intervals: number;
  offered: number;
  from: string | null;
  to: string | null;
}

export interface ImportInput {
  format: 'csv' | 'xlsx';
  content: string;
  intervalMinutes: 15 | 30;
  timeZone: string;
  dryRun: boolean;
}

export interface ImportResult {
  imported: number;
  checked: number;
  dryRun: boolean;
  queues: HistoryQueueSummary[];
}

export interface DeriveInput {
  from: string;
  to: string;
  intervalMinutes: 15 | 30;
  timeZone: string;
  queueIds?: string[];
  includeSimulated: boolean;
}

export interface DeriveResult {
  stored: number;
  queues: HistoryQueueSummary[];
}

export interface HistorySummary {
  queueId: string;
  queueCode: string | null;
  queueName: string | null;
  channel: string;
  intervalMinutes: number | null;
  intervals: number;
  offered: number;
  from: string | null;
  to: string | null;
  sources: ('import' | 'interactions')[];
}

export interface HistorySeries {
  queueId: string;
  queueCode: string;
  channel: string;
  intervalMinutes: number | null;
  intervalStarts: string[];
  offered: number[];
  ahtSeconds: (number | null)[];
  sources: string[];
}

/** One refused row of an import (line 1 is the header). */
export interface ImportRowError {
  line: number;
  field: string;
  message: string;
}

// ------------------------------------------------------------------ forecasts

export const FORECAST_METHODS = ['seasonalNaive', 'weekdayProfile', 'holtWinters'] as const;
export type ForecastMethod = (typeof FORECAST_METHODS)[number];
export type ForecastMethodChoice = 'auto' | ForecastMethod;
export type ForecastStatus = 'draft' | 'approved' | 'superseded';

export type ForecastAdjustment =
  | { kind: 'percent'; fromDate: string; toDate: string; percent: number; fromMinute?: number; toMinute?: number }
  | { kind: 'holiday'; date: string; likeDate?: string }
  | { kind: 'businessChange'; fromDate: string; multiplier: number };

export interface ForecastCreate {
  queueId: string;
  horizonWeeks: number;
  method: ForecastMethodChoice;
  intervalMinutes?: 15 | 30;
  holdoutDays?: number;
  adjustments: ForecastAdjustment[];
  timeZone?: string;
}

export interface BacktestRow {
  method: ForecastMethod;
  wape: number | null;
  mape: number | null;
  zeroActuals?: number;
}

export interface StaffingParams {
  slTarget: number;
  slSeconds: number;
  shrinkage: number;
  maxOccupancy: number;
  patienceSeconds?: number;
  ahtSeconds?: number;
}

export interface StaffingPlan {
  model: 'erlangC' | 'erlangA';
  rawAgents: number[];
  agents: number[];
  serviceLevel: number[];
  asaSeconds: number[];
  occupancy: number[];
  waitProbability: number[];
  abandonRate?: number[];
  peakRawAgents: number;
  peakAgents: number;
  requiredAgentHours: number;
}

export interface ForecastSummary {
  id: string;
  queueId: string;
  queueCode: string | null;
  channel: string;
  version: number;
  status: ForecastStatus;
  method: ForecastMethod;
  intervalMinutes: number;
  timeZone: string;
  startDate: string;
  horizonDays: number;
  backtest: BacktestRow[];
  staffingParams: StaffingParams | null;
  peakAgents: number | null;
  createdBy: string;
  createdAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface ForecastDetail extends ForecastSummary {
  historyStartDate: string;
  historyDays: number;
  options: { method: ForecastMethodChoice; horizonWeeks: number; holdoutDays?: number; profileWeeks?: number; adjustments: ForecastAdjustment[] };
  series: {
    startDate: string;
    intervalMinutes: number;
    forecast: number[];
    baseForecast: number[];
    ahtSeconds: number[];
    actual: (number | null)[];
    recent: { startDate: string; volumes: number[] };
    holdout: { startDate: string; actual: number[]; forecast: number[] } | null;
  };
  staffing: { params: StaffingParams; plan: StaffingPlan } | null;
}

// ------------------------------------------------------------------ shift templates

export interface MealRule {
  minMinutes: number;
  maxMinutes: number;
  paid?: boolean;
  earliestStartAfterMinutes: number;
  latestStartAfterMinutes: number;
}

export interface ShiftTemplateInput {
  name: string;
  earliestStartMinute: number;
  latestStartMinute: number;
  startStepMinutes?: number;
  paidMinutes: number[];
  weekdays?: number[];
  breaks: {
    restMinutes: number;
    restPaid?: boolean;
    maxWorkStretchMinutes: number;
    minWorkStretchMinutes?: number;
    meal?: MealRule;
  };
}

export interface ShiftTemplate extends ShiftTemplateInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}

// ------------------------------------------------------------------ schedules

export type ScheduleStatus = 'draft' | 'submitted' | 'published' | 'superseded';

export interface ContractInput {
  contractHoursPerWeek?: number;
  minHoursPerWeek?: number;
  maxDaysPerWeek?: number;
  fixedDaysOff?: number[];
}

export interface ScheduleCreate {
  teamId: string;
  forecastId: string;
  startDate: string;
  weeks: number;
  templateIds?: string[];
  defaultContract: ContractInput;
  minRestBetweenShiftsMinutes?: number;
  seed?: number;
}

export interface ScheduleMetrics {
  lowerBoundHours: number;
  onQueueHours: number;
  paidHours: number;
  scheduledHoursVsLowerBound: number;
  underStaffedHours: number;
  overStaffedHours: number;
  underCoveredIntervals: number;
  lpBound?: { onQueueHours: number; underStaffedHours: number };
}

export interface ScheduleSummary {
  id: string;
  teamId: string;
  forecastId: string;
  status: ScheduleStatus;
  startDate: string;
  weeks: number;
  intervalMinutes: number;
  timeZone: string;
  metrics: ScheduleMetrics;
  note: string | null;
  createdBy: string;
  createdAt: string;
  submittedBy: string | null;
  submittedAt: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
}

export interface ScheduledBreak {
  kind: 'rest' | 'meal';
  startMinute: number;
  endMinute: number;
  paid: boolean;
}

export interface Shift {
  id: string;
  scheduleId: string;
  userId: string;
  username?: string | null;
  date: string;
  templateId: string;
  startMinute: number;
  endMinute: number;
  startAt: string;
  endAt: string;
  paidMinutes: number;
  breaks: ScheduledBreak[];
  edited: boolean;
  editedAt: string | null;
}

export interface ScheduleAgentRow {
  userId: string;
  username: string | null;
  contractHoursPerWeek: number;
  minHoursPerWeek?: number;
  maxDaysPerWeek?: number;
  paidHours: number;
}

export interface ScheduleDetail extends ScheduleSummary {
  templates: (Omit<ShiftTemplateInput, 'name'> & { id: string })[];
  generator: { sweeps: number; elapsedMs: number; seed: number };
  agents: ScheduleAgentRow[];
  series: { startDate: string; intervalMinutes: number; required: number[]; scheduled: number[] };
  underCoveredIntervals: number;
  shifts: Shift[];
}

export interface ShiftEdit {
  userId?: string;
  date?: string;
  startMinute?: number;
  endMinute?: number;
  breaks?: ScheduledBreak[];
}

export interface MySchedule {
  from: string;
  to: string;
  timeZone: string;
  items: Shift[];
}

// ------------------------------------------------------------------ adherence

export type ActivityKind = 'work' | 'break' | 'meal' | 'training' | 'meeting' | 'off';

export interface AdherenceTotals {
  scheduledMs: number;
  adherentMs: number;
  adherence: number | null;
  scheduledWorkMs: number;
  workedMs: number;
  conformance: number | null;
}

export interface AdherenceAlert {
  agentId: string;
  username: string | null;
  start: string;
  end: string;
  ongoing: boolean;
  scheduled: ActivityKind;
  actual: ActivityKind | null;
  alertAt: string;
}

export interface Adherence {
  date: string;
  timeZone: string;
  from: string;
  to: string;
  agents: (AdherenceTotals & { agentId: string; username: string | null })[];
  teams: (AdherenceTotals & { teamId: string; name: string | null })[];
  alerts: AdherenceAlert[];
}

const post = <T>(path: string, body?: unknown) => request<T>('POST', path, body);

export const wfmApi = {
  staffing: (input: StaffingInput) => post<StaffingResult>('/wfm/staffing', input),

  importHistory: (input: ImportInput) => post<ImportResult>('/wfm/history/import', input),
  deriveHistory: (input: DeriveInput) => post<DeriveResult>('/wfm/history/derive', input),
  history: () => request<List<HistorySummary>>('GET', '/wfm/history'),
  queueHistory: (queueId: string, query: { from?: string; to?: string; timeZone?: string } = {}) =>
    request<HistorySeries>('GET', `/wfm/queues/${queueId}/history`, undefined, query),

  forecasts: (query: { queueId?: string; status?: ForecastStatus } = {}) => request<List<ForecastSummary>>('GET', '/wfm/forecasts', undefined, query),
  forecast: (id: string) => request<ForecastDetail>('GET', `/wfm/forecasts/${id}`),
  createForecast: (input: ForecastCreate) => post<ForecastDetail>('/wfm/forecasts', input),
  staffForecast: (id: string, params: StaffingParams) => post<{ params: StaffingParams; plan: StaffingPlan }>(`/wfm/forecasts/${id}/staffing`, params),
  approveForecast: (id: string) => post<ForecastDetail>(`/wfm/forecasts/${id}/approve`),

  shiftTemplates: () => request<List<ShiftTemplate>>('GET', '/wfm/shift-templates'),
  createShiftTemplate: (input: ShiftTemplateInput) => post<ShiftTemplate>('/wfm/shift-templates', input),
  deleteShiftTemplate: (id: string) => request<void>('DELETE', `/wfm/shift-templates/${id}`),

  schedules: (query: { teamId?: string; status?: ScheduleStatus } = {}) => request<List<ScheduleSummary>>('GET', '/wfm/schedules', undefined, query),
  schedule: (id: string) => request<ScheduleDetail>('GET', `/wfm/schedules/${id}`),
  generateSchedule: (input: ScheduleCreate) => post<ScheduleDetail>('/wfm/schedules', input),
  submitSchedule: (id: string, note?: string) => post<ScheduleSummary>(`/wfm/schedules/${id}/submit`, note ? { note } : {}),
  publishSchedule: (id: string, note?: string) => post<ScheduleSummary>(`/wfm/schedules/${id}/publish`, note ? { note } : {}),
  rejectSchedule: (id: string, note?: string) => post<ScheduleSummary>(`/wfm/schedules/${id}/reject`, note ? { note } : {}),
  editShift: (id: string, edit: ShiftEdit) => request<Shift>('PATCH', `/wfm/shifts/${id}`, edit),

  mySchedule: (query: { from?: string; to?: string; timeZone?: string } = {}) => request<MySchedule>('GET', '/wfm/my-schedule', undefined, query),

  adherence: (query: { date?: string; teamId?: string; timeZone?: string; graceMinutes?: number }) => request<Adherence>('GET', '/wfm/adherence', undefined, query),
};
