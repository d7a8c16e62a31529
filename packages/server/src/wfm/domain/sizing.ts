/**
 * Sizing beyond one inbound queue-interval: chat with concurrency, outbound campaigns, seats and
 * headcount from the peak, and per-interval staffing plans for a forecast.
 */
import { isFiniteNumber, requireInput } from './errors';
import {
  DEFAULT_MAX_AGENTS,
  STAFFING_DEFAULTS,
  applyShrinkage,
  computeStaffing,
  erlangAMetrics,
  erlangCMetrics,
  exactCeilAfterShrinkage,
  type StaffingInput,
  type StaffingResult,
} from './erlang';

// ---------------------------------------------------------------------------------------------
// Chat
// ---------------------------------------------------------------------------------------------

export interface ChatStaffingInput {
  chats: number;
  intervalMinutes: number;
  /**
   * Mean time a chat holds one of an agent's slots, seconds, measured at the planned concurrency.
   * A chat handled alongside others lasts longer than one handled alone, so this is not the
   * one-at-a-time handle time.
   */
  handleSeconds: number;
  /** Chats one agent handles at once (an integer ≥ 1). */
  concurrency: number;
  slTarget: number;
  /** First-response target, seconds. */
  slSeconds: number;
  shrinkage?: number;
  maxOccupancy?: number;
  patienceSeconds?: number;
}

export interface ChatStaffingResult extends StaffingResult {
  /** Chat slots needed (agents × concurrency ≥ slots). */
  slots: number;
}

/**
 * Model: each agent is `concurrency` independent servers, so n agents form an M/M/(n·c) queue of
 * chat slots with the per-slot handle time. The slot count comes from Erlang C (or A), then
 * rawAgents = ⌈slots / c⌉, and the reported metrics are those of rawAgents·c slots. Occupancy is
 * slot occupancy. It assumes a waiting chat may take any free slot; a router that caps some agents
 * below `concurrency` gets less than the model promises.
 */
export function computeChatStaffing(input: ChatStaffingInput): ChatStaffingResult {
  requireInput(Number.isInteger(input.concurrency) && input.concurrency >= 1, 'concurrency', 'must be an integer ≥ 1');
  requireInput(isFiniteNumber(input.handleSeconds) && input.handleSeconds > 0, 'handleSeconds', 'must be > 0');
  const concurrency = input.concurrency;
  const slotResult = computeStaffing({
    calls: input.chats,
    intervalMinutes: input.intervalMinutes,
    ahtSeconds: input.handleSeconds,
    slTarget: input.slTarget,
    slSeconds: input.slSeconds,
    ...(input.maxOccupancy === undefined ? {} : { maxOccupancy: input.maxOccupancy }),
    ...(input.patienceSeconds === undefined ? {} : { patienceSeconds: input.patienceSeconds }),
    maxAgents: DEFAULT_MAX_AGENTS * concurrency,
  });
  const rawAgents = Math.ceil(slotResult.rawAgents / concurrency);
  const slotsStaffed = rawAgents * concurrency;
  const shrinkage = input.shrinkage ?? STAFFING_DEFAULTS.shrinkage;
  if (slotsStaffed === slotResult.rawAgents || input.chats === 0) {
    return { ...slotResult, slots: slotResult.rawAgents, rawAgents, agents: applyShrinkage(rawAgents, shrinkage) };
  }
  const traffic = slotResult.trafficErlangs;
  const base = { rawAgents, agents: applyShrinkage(rawAgents, shrinkage), trafficErlangs: traffic, slots: slotResult.rawAgents };
  if (input.patienceSeconds === undefined) {
    return { ...base, ...erlangCMetrics(slotsStaffed, traffic, input.handleSeconds, input.slSeconds) };
  }
  const metrics = erlangAMetrics(slotsStaffed, traffic, input.handleSeconds, input.patienceSeconds, input.slSeconds);
  return {
    ...base,
    serviceLevel: metrics.serviceLevel,
    asaSeconds: metrics.asaSeconds,
    occupancy: metrics.occupancy,
    waitProbability: metrics.waitProbability,
    abandonRate: metrics.abandonRate,
  };
}

// ---------------------------------------------------------------------------------------------
// Outbound (000 §4.2.1: list size, connect rate and handling time drive the seat count)
// ---------------------------------------------------------------------------------------------

export interface OutboundSizingInput {
  /** Records to work in the campaign. */
  listSize: number;
  /** Share of records that reach a person (0 < rate ≤ 1). */
  connectRate: number;
  /** Handling time per connected call: talk + wrap-up, seconds. */
  ahtSeconds: number;
  /** Hours one agent can spend calling over the campaign (days × calling hours per day). */
  callingWindowHours: number;
  /** Share of the calling window spent on connected calls (dialling, waiting); default 1. */
  productiveShare?: number;
  shrinkage?: number;
}

export interface OutboundSizingResult {
  /** Connected-call workload, hours: list size × connect rate × AHT. */
  workloadHours: number;
  /** Agents calling throughout the window: ⌈workload / (window × productive share)⌉. */
  rawAgents: number;
  /** After shrinkage. */
  agents: number;
}

export function computeOutboundAgents(input: OutboundSizingInput): OutboundSizingResult {
  requireInput(isFiniteNumber(input.listSize) && input.listSize >= 0, 'listSize', 'must be ≥ 0');
  requireInput(
    isFiniteNumber(input.connectRate) && input.connectRate > 0 && input.connectRate <= 1,
    'connectRate',
    'must be > 0 and ≤ 1',
  );
  requireInput(isFiniteNumber(input.ahtSeconds) && input.ahtSeconds > 0, 'ahtSeconds', 'must be > 0');
  requireInput(
    isFiniteNumber(input.callingWindowHours) && input.callingWindowHours > 0,
    'callingWindowHours',
    'must be > 0',
  );
  const productiveShare = input.productiveShare ?? 1;
  requireInput(
    isFiniteNumber(productiveShare) && productiveShare > 0 && productiveShare <= 1,
    'productiveShare',
    'must be > 0 and ≤ 1',
  );
  const shrinkage = input.shrinkage ?? 0;
  requireInput(isFiniteNumber(shrinkage) && shrinkage >= 0 && shrinkage < 1, 'shrinkage', 'must be ≥ 0 and < 1');

  const workload = [input.listSize, input.connectRate, input.ahtSeconds];
  const capacity = [input.callingWindowHours, 3600, productiveShare];
  const rawAgents = exactCeilAfterShrinkage(workload, capacity, 0);
  return {
    workloadHours: (input.listSize * input.connectRate * input.ahtSeconds) / 3600,
    rawAgents,
    agents: exactCeilAfterShrinkage(workload, capacity, shrinkage),
  };
}

// ---------------------------------------------------------------------------------------------
// Seats and headcount (000 §4.2.2: 3 regular + 1 management + 1 flexible = 5 seats, 7 agents)
// ---------------------------------------------------------------------------------------------

export interface SeatPlanInput {
  /** Agents staffed (present on the floor) per interval, e.g. a schedule's or plan's counts. */
  staffedPerInterval: number[];
  intervalMinutes: number;
  /** Seats for team leads, quality and supervisors. */
  managementSeats: number;
  /** Spare seats kept for surges (机动席). */
  flexibleSeats: number;
  /** Paid hours of one full-time agent per week, for the headcount. */
  contractHoursPerWeek: number;
  /**
   * Share of paid time an agent is not staffed (leave, sickness, training); default 0. Use the
   * full shrinkage when `staffedPerInterval` are raw on-queue needs, and only absence when they
   * are already positions after shrinkage.
   */
  shrinkage?: number;
}

export interface SeatPlanResult {
  /** The most agents staffed in any one interval: regular seats. */
  peakStaffed: number;
  managementSeats: number;
  flexibleSeats: number;
  /** peak staffed + management + flexible. */
  totalSeats: number;
  /** Staffed agent-hours per week (averaged over whole weeks of the plan). */
  staffedHoursPerWeek: number;
  /** Agents to employ: ⌈weekly staffed hours / (contract hours × (1 − shrinkage))⌉. */
  headcount: number;
}

/**
 * Seats come from the peak, headcount from the hours. The seed gives 5 seats for 7 agents without
 * its derivation; one reading it fits: 3 seats staffed 12 h a day, 7 days a week, is 252 agent-hours,
 * and agents contracted for 40 h a week need ⌈252 / 40⌉ = 7 people (see the test).
 */
export function planSeats(input: SeatPlanInput): SeatPlanResult {
  requireInput(input.staffedPerInterval.length > 0, 'staffedPerInterval', 'must not be empty');
  input.staffedPerInterval.forEach((staffed, index) =>
    requireInput(isFiniteNumber(staffed) && staffed >= 0, `staffedPerInterval[${index}]`, 'must be a number ≥ 0'),
  );
  requireInput(isFiniteNumber(input.intervalMinutes) && input.intervalMinutes > 0, 'intervalMinutes', 'must be > 0');
  requireInput(Number.isInteger(input.managementSeats) && input.managementSeats >= 0, 'managementSeats', 'must be an integer ≥ 0');
  requireInput(Number.isInteger(input.flexibleSeats) && input.flexibleSeats >= 0, 'flexibleSeats', 'must be an integer ≥ 0');
  requireInput(
    isFiniteNumber(input.contractHoursPerWeek) && input.contractHoursPerWeek > 0,
    'contractHoursPerWeek',
    'must be > 0',
  );
  const shrinkage = input.shrinkage ?? 0;
  requireInput(isFiniteNumber(shrinkage) && shrinkage >= 0 && shrinkage < 1, 'shrinkage', 'must be ≥ 0 and < 1');

  const peakStaffed = Math.ceil(Math.max(...input.staffedPerInterval));
  const intervalsPerWeek = (7 * 24 * 60) / input.intervalMinutes;
  const weeks = Math.max(1, input.staffedPerInterval.length / intervalsPerWeek);
  const staffedIntervals = input.staffedPerInterval.reduce((sum, staffed) => sum + staffed, 0);
  const staffedHoursPerWeek = (staffedIntervals * input.intervalMinutes) / 60 / weeks;
  return {
    peakStaffed,
    managementSeats: input.managementSeats,
    flexibleSeats: input.flexibleSeats,
    totalSeats: peakStaffed + input.managementSeats + input.flexibleSeats,
    staffedHoursPerWeek,
    headcount: exactCeilAfterShrinkage(
      [staffedIntervals, input.intervalMinutes],
      [60, weeks, input.contractHoursPerWeek],
      shrinkage,
    ),
  };
}

// ---------------------------------------------------------------------------------------------
// Staffing plan for a forecast
// ---------------------------------------------------------------------------------------------

export interface ForecastInterval {
  calls: number;
  /** May be 0 or absent only when `calls` is 0. */
  ahtSeconds?: number;
}

export interface StaffingPlanInput {
  intervals: ForecastInterval[];
  intervalMinutes: number;
  slTarget: number;
  slSeconds: number;
  shrinkage?: number;
  maxOccupancy?: number;
  patienceSeconds?: number;
  /** Agents scheduled per interval (same length as `intervals`), to show the gap. */
  scheduled?: number[];
}

export interface StaffingPlanInterval extends StaffingResult {
  /** scheduled − rawAgents when a schedule was given: negative means short. */
  gap?: number;
}

export interface StaffingPlanResult {
  intervals: StaffingPlanInterval[];
  peakRawAgents: number;
  peakAgents: number;
  /** Σ rawAgents × interval length: the scheduling lower bound, in agent-hours. */
  requiredAgentHours: number;
  /** Intervals where scheduled < rawAgents (only with `scheduled`). */
  shortIntervals?: number;
}

/** Required agents for every interval of a forecast (and the gap to a schedule, when given). */
export function buildStaffingPlan(input: StaffingPlanInput): StaffingPlanResult {
  requireInput(input.intervals.length > 0, 'intervals', 'must not be empty');
  if (input.scheduled !== undefined) {
    requireInput(input.scheduled.length === input.intervals.length, 'scheduled', 'must have one count per interval');
  }
  const intervals = input.intervals.map((interval, index): StaffingPlanInterval => {
    const result = staffInterval(input, interval, index);
    const scheduled = input.scheduled?.[index];
    return scheduled === undefined ? result : { ...result, gap: scheduled - result.rawAgents };
  });
  const requiredIntervals = intervals.reduce((sum, interval) => sum + interval.rawAgents, 0);
  return {
    intervals,
    peakRawAgents: Math.max(...intervals.map((interval) => interval.rawAgents)),
    peakAgents: Math.max(...intervals.map((interval) => interval.agents)),
    requiredAgentHours: (requiredIntervals * input.intervalMinutes) / 60,
    ...(input.scheduled === undefined
      ? {}
      : { shortIntervals: intervals.filter((interval) => (interval.gap ?? 0) < 0).length }),
  };
}

function staffInterval(input: StaffingPlanInput, interval: ForecastInterval, index: number): StaffingResult {
  requireInput(isFiniteNumber(interval.calls) && interval.calls >= 0, `intervals[${index}].calls`, 'must be a number ≥ 0');
  if (interval.calls > 0) {
    requireInput(
      isFiniteNumber(interval.ahtSeconds) && interval.ahtSeconds > 0,
      `intervals[${index}].ahtSeconds`,
      'must be > 0 when calls > 0',
    );
  }
  // An empty interval has no AHT to speak of; any positive value passes validation and gives zero agents.
  const ahtSeconds = interval.calls > 0 ? (interval.ahtSeconds ?? 0) : 1;
  const staffingInput: StaffingInput = {
    calls: interval.calls,
    intervalMinutes: input.intervalMinutes,
    ahtSeconds,
    slTarget: input.slTarget,
    slSeconds: input.slSeconds,
    ...(input.shrinkage === undefined ? {} : { shrinkage: input.shrinkage }),
    ...(input.maxOccupancy === undefined ? {} : { maxOccupancy: input.maxOccupancy }),
    ...(input.patienceSeconds === undefined ? {} : { patienceSeconds: input.patienceSeconds }),
  };
  return computeStaffing(staffingInput);
}
