/**
 * Zod schemas for the WFM inputs, for the HTTP routes, the CLI and imports. Each parses to exactly
 * the domain type (checked with `satisfies`), so a route passes the parsed body straight to the
 * domain function. The domain validates again and throws WfmInputError naming the same fields, for
 * callers that skip the schema.
 */
import { z } from 'zod';
import type { ActivityKind, ScheduledActivity, StateInterval } from './domain/adherence';
import { DEFAULT_MAX_AGENTS, STAFFING_DEFAULTS, type StaffingInput } from './domain/erlang';
import { FORECAST_METHODS, type ForecastAdjustment, type ForecastOptions, type IntervalHistory } from './domain/forecast';
import type { ScheduleInput, ScheduleOptions } from './domain/schedule';
import type { ChatStaffingInput, OutboundSizingInput, SeatPlanInput, StaffingPlanInput } from './domain/sizing';

const MINUTES_PER_DAY = 1440;
/** Two years of 15-minute intervals: the longest history one request may carry. */
const MAX_HISTORY_INTERVALS = 2 * 366 * 96;

const ratioBelowOne = z.number().gt(0).lt(1);
const shrinkage = z.number().min(0).lt(1);
const seconds = z.number().min(0).max(24 * 3600);
const positiveSeconds = z.number().positive().max(24 * 3600);
const intervalMinutes = z.int().positive().max(MINUTES_PER_DAY);
const minuteOfDay = z.int().min(0).max(MINUTES_PER_DAY - 1);
const weekday = z.int().min(0).max(6);
const id = z.string().trim().min(1).max(100);

function isRealDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return date.toISOString().slice(0, 10) === value;
}

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isRealDate, 'must be a real calendar date');

// ---------------------------------------------------------------------------------------------
// Staffing and sizing
// ---------------------------------------------------------------------------------------------

/** Body of POST /api/wfm/staffing and the flags of `seatline wfm staffing`. */
export const staffingRequestSchema = z.object({
  calls: z.number().min(0).max(1e7),
  intervalMinutes,
  ahtSeconds: positiveSeconds,
  slTarget: ratioBelowOne,
  slSeconds: seconds,
  shrinkage: shrinkage.default(STAFFING_DEFAULTS.shrinkage),
  maxOccupancy: z.number().gt(0).max(1).default(STAFFING_DEFAULTS.maxOccupancy),
  patienceSeconds: positiveSeconds.optional(),
  maxAgents: z.int().min(1).max(DEFAULT_MAX_AGENTS).optional(),
}) satisfies z.ZodType<StaffingInput>;

export const chatStaffingRequestSchema = z.object({
  chats: z.number().min(0).max(1e7),
  intervalMinutes,
  handleSeconds: positiveSeconds,
  concurrency: z.int().min(1).max(20),
  slTarget: ratioBelowOne,
  slSeconds: seconds,
  shrinkage: shrinkage.default(STAFFING_DEFAULTS.shrinkage),
  maxOccupancy: z.number().gt(0).max(1).default(STAFFING_DEFAULTS.maxOccupancy),
  patienceSeconds: positiveSeconds.optional(),
}) satisfies z.ZodType<ChatStaffingInput>;

export const outboundSizingRequestSchema = z.object({
  listSize: z.number().min(0).max(1e9),
  connectRate: z.number().gt(0).max(1),
  ahtSeconds: positiveSeconds,
  callingWindowHours: z.number().positive().max(24 * 366),
  productiveShare: z.number().gt(0).max(1).default(1),
  shrinkage: shrinkage.default(0),
}) satisfies z.ZodType<OutboundSizingInput>;

export const seatPlanRequestSchema = z.object({
  staffedPerInterval: z.array(z.number().min(0)).min(1).max(MAX_HISTORY_INTERVALS),
  intervalMinutes,
  managementSeats: z.int().min(0).max(10_000),
  flexibleSeats: z.int().min(0).max(10_000),
  contractHoursPerWeek: z.number().positive().max(168),
  shrinkage: shrinkage.default(0),
}) satisfies z.ZodType<SeatPlanInput>;

export const staffingPlanRequestSchema = z.object({
  intervals: z
    .array(z.object({ calls: z.number().min(0).max(1e7), ahtSeconds: positiveSeconds.optional() }))
    .min(1)
    .max(MAX_HISTORY_INTERVALS),
  intervalMinutes,
  slTarget: ratioBelowOne,
  slSeconds: seconds,
  shrinkage: shrinkage.default(STAFFING_DEFAULTS.shrinkage),
  maxOccupancy: z.number().gt(0).max(1).default(STAFFING_DEFAULTS.maxOccupancy),
  patienceSeconds: positiveSeconds.optional(),
  scheduled: z.array(z.number().min(0)).max(MAX_HISTORY_INTERVALS).optional(),
}) satisfies z.ZodType<StaffingPlanInput>;

// ---------------------------------------------------------------------------------------------
// Forecasting
// ---------------------------------------------------------------------------------------------

export const intervalHistorySchema = z.object({
  startDate: isoDateSchema,
  intervalMinutes: z.int().positive().max(60),
  volumes: z.array(z.number().min(0)).min(1).max(MAX_HISTORY_INTERVALS),
  ahtSeconds: z.array(z.number().min(0)).max(MAX_HISTORY_INTERVALS).optional(),
}) satisfies z.ZodType<IntervalHistory>;

export const forecastAdjustmentSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('percent'),
    fromDate: isoDateSchema,
    toDate: isoDateSchema,
    percent: z.number().min(-100).max(10_000),
    fromMinute: minuteOfDay.optional(),
    toMinute: z.int().min(1).max(MINUTES_PER_DAY).optional(),
  }),
  z.object({
    kind: z.literal('holiday'),
    date: isoDateSchema,
    volumes: z.array(z.number().min(0)).max(MINUTES_PER_DAY).optional(),
    likeDate: isoDateSchema.optional(),
  }),
  z.object({ kind: z.literal('businessChange'), fromDate: isoDateSchema, multiplier: z.number().min(0).max(1000) }),
]) satisfies z.ZodType<ForecastAdjustment>;

export const forecastOptionsSchema = z.object({
  horizonDays: z.int().min(1).max(366).optional(),
  method: z.enum(FORECAST_METHODS).optional(),
  holdoutDays: z.int().min(1).max(366).optional(),
  profileWeeks: z.int().min(1).max(104).optional(),
  adjustments: z.array(forecastAdjustmentSchema).max(1000).optional(),
}) satisfies z.ZodType<ForecastOptions>;

export const forecastRequestSchema = z.object({
  history: intervalHistorySchema,
  options: forecastOptionsSchema.default({}),
});

export const intradayReforecastRequestSchema = z.object({
  todayForecast: z.array(z.number().min(0)).min(1).max(MINUTES_PER_DAY),
  actualSoFar: z.array(z.number().min(0)).max(MINUTES_PER_DAY),
});

// ---------------------------------------------------------------------------------------------
// Scheduling
// ---------------------------------------------------------------------------------------------

const wholeMinutes = z.int().min(1).max(MINUTES_PER_DAY);

export const shiftTemplateSchema = z.object({
  id,
  earliestStartMinute: minuteOfDay,
  latestStartMinute: minuteOfDay,
  startStepMinutes: wholeMinutes.optional(),
  paidMinutes: z.array(wholeMinutes).min(1).max(20),
  weekdays: z.array(weekday).max(7).optional(),
  breaks: z.object({
    restMinutes: wholeMinutes,
    restPaid: z.boolean().optional(),
    maxWorkStretchMinutes: wholeMinutes,
    minWorkStretchMinutes: wholeMinutes.optional(),
    meal: z
      .object({
        minMinutes: wholeMinutes,
        maxMinutes: wholeMinutes,
        paid: z.boolean().optional(),
        earliestStartAfterMinutes: z.int().min(0).max(MINUTES_PER_DAY),
        latestStartAfterMinutes: z.int().min(0).max(MINUTES_PER_DAY),
      })
      .optional(),
  }),
});

export const scheduleAgentSchema = z.object({
  id,
  contractHoursPerWeek: z.number().positive().max(168),
  minHoursPerWeek: z.number().min(0).max(168).optional(),
  maxDaysPerWeek: z.int().min(1).max(7).optional(),
  fixedDaysOff: z.array(weekday).max(7).optional(),
  templateIds: z.array(id).max(100).optional(),
  timeOff: z
    .array(
      z.object({
        date: isoDateSchema,
        fromMinute: minuteOfDay.optional(),
        toMinute: z.int().min(1).max(MINUTES_PER_DAY).optional(),
      }),
    )
    .max(400)
    .optional(),
});

export const scheduleRequestSchema = z.object({
  startDate: isoDateSchema,
  weeks: z.int().min(1).max(4),
  intervalMinutes,
  requirement: z.array(z.number().min(0)).min(1).max(4 * 7 * 288),
  templates: z.array(shiftTemplateSchema).min(1).max(50),
  agents: z.array(scheduleAgentSchema).min(1).max(5000),
  minRestBetweenShiftsMinutes: z.int().min(0).max(MINUTES_PER_DAY).optional(),
}) satisfies z.ZodType<ScheduleInput>;

export const scheduleOptionsSchema = z.object({
  seed: z.int().min(0).max(2 ** 32 - 1).optional(),
  maxSweeps: z.int().min(0).max(100).optional(),
  useLinearProgram: z.boolean().optional(),
}) satisfies z.ZodType<ScheduleOptions>;

// ---------------------------------------------------------------------------------------------
// Adherence and breaks
// ---------------------------------------------------------------------------------------------

const ACTIVITY_KINDS = ['work', 'break', 'meal', 'training', 'meeting', 'off'] as const satisfies readonly ActivityKind[];
const epochMs = z.int().min(0);

export const scheduledActivitySchema = z.object({
  agentId: id,
  kind: z.enum(ACTIVITY_KINDS),
  start: epochMs,
  end: epochMs,
}) satisfies z.ZodType<ScheduledActivity>;

export const stateIntervalSchema = z.object({
  agentId: id,
  state: z.string().trim().min(1).max(64),
  start: epochMs,
  end: epochMs.optional(),
}) satisfies z.ZodType<StateInterval>;

export const adherenceRequestSchema = z.object({
  activities: z.array(scheduledActivitySchema).max(100_000),
  states: z.array(stateIntervalSchema).max(500_000),
  from: epochMs,
  to: epochMs,
  graceMs: z.int().min(0).max(24 * 3600 * 1000).optional(),
  teams: z.record(id, id).optional(),
});

export const breakLimitSchema = z.object({ maxOnBreak: z.int().min(0).max(10_000) });
