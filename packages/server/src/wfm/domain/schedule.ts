/**
 * Schedule generator: shifts and breaks for 1–4 weeks that cover a per-interval requirement.
 *
 * Objective: under-staffing first, over-staffing second, both in agent-slots on a planning grid
 * (the gcd of all minute values, usually 15 min), weighted 1000 : 1 so that one slot short
 * outweighs any realistic surplus. Hard rules, never broken: shift
 * start windows and lengths, the break rules of each template (a rest break at least every
 * `maxWorkStretchMinutes`, work stretches no shorter than `minWorkStretchMinutes`, one meal of
 * `minMinutes`–`maxMinutes` starting inside its window), weekly paid hours between the agent's
 * minimum and contract hours, at most `maxDaysPerWeek` working days, fixed days off, time off, and
 * a minimum rest between shifts.
 *
 * Method (docs/wfm-math.md has the measurements behind it):
 * 1. Every template × paid length × meal length is a shift variant with a fixed span and break
 *    count. Breaks are placed by dynamic programming over the span, which finds the placement that
 *    loses the least coverage value, exactly, for a given start.
 * 2. LP guidance (HiGHS): per week, the LP relaxation over concrete shifts (day × variant × start ×
 *    break pattern) under the team's aggregate limits. Its optimum is a bound no schedule can beat;
 *    rounded, it is a pool of shifts for construction. (The MIP is far too slow: HiGHS needed
 *    minutes for one week.)
 * 3. Construction: round-robin over agent-weeks, each taking its most valuable shift from the
 *    pool, or the best free shift when the pool has none it may work, until the week holds the
 *    contract's minimum hours.
 * 4. Improvement sweeps until nothing improves: re-place every shift at its best start, variant
 *    and breaks given all others; move shifts to better days off; drop or add hours where a
 *    flexible contract allows; and ejection chains (drop a shift, or pull one onto an
 *    under-staffed slot, then let its neighbours repair the hole).
 * Deterministic for a given seed.
 */
import loadHighs, { type Highs, type ModelData } from 'highs';
import { seededRandom, type RandomSource } from '../../platform/random';
import { WfmInputError, isFiniteNumber, requireInput } from './errors';
import { dateOfDayNumber, dayNumberOf, weekdayOfDayNumber } from './forecast';

export interface MealRule {
  minMinutes: number;
  maxMinutes: number;
  /** Meals are unpaid unless this is true. */
  paid?: boolean;
  /** The meal starts this many minutes after the shift start, or later … */
  earliestStartAfterMinutes: number;
  /** … and no later than this. */
  latestStartAfterMinutes: number;
}

export interface BreakRules {
  /** Length of a rest break (小休), minutes. */
  restMinutes: number;
  /** Rest breaks are paid unless this is false. */
  restPaid?: boolean;
  /** Longest stretch of work without a break, minutes (120 = a break at least every 2 h). */
  maxWorkStretchMinutes: number;
  /** Shortest stretch of work before, between and after breaks; default 60. */
  minWorkStretchMinutes?: number;
  meal?: MealRule;
}

export interface ShiftTemplate {
  id: string;
  /** Minutes after midnight. */
  earliestStartMinute: number;
  latestStartMinute: number;
  /** Default 15. */
  startStepMinutes?: number;
  /** Paid lengths this template allows, minutes (e.g. [480] for 8 h). */
  paidMinutes: number[];
  /** Weekdays it may be worked (0 = Sunday); default every day. */
  weekdays?: number[];
  breaks: BreakRules;
}

export interface TimeOff {
  date: string;
  /** Minutes after midnight; without both bounds the whole day is off. */
  fromMinute?: number;
  toMinute?: number;
}

export interface ScheduleAgent {
  id: string;
  /** Paid hours per week the contract provides: the most the generator schedules. */
  contractHoursPerWeek: number;
  /** The least it may schedule; default the contract hours (a fixed contract). */
  minHoursPerWeek?: number;
  /** Default 5. */
  maxDaysPerWeek?: number;
  /** Weekdays never worked (0 = Sunday). */
  fixedDaysOff?: number[];
  /** Templates this agent may work; default all. */
  templateIds?: string[];
  /** Approved time off. A whole day off counts as contract hours / max days worked, for the weekly hours. */
  timeOff?: TimeOff[];
}

export interface ScheduleInput {
  /** First day, YYYY-MM-DD; weeks run in 7-day blocks from it. */
  startDate: string;
  /** 1 to 4. */
  weeks: number;
  intervalMinutes: number;
  /** Agents needed on the queue per interval, for every interval of the horizon. */
  requirement: number[];
  templates: ShiftTemplate[];
  agents: ScheduleAgent[];
  /** Default 660 (11 h). */
  minRestBetweenShiftsMinutes?: number;
}

export interface ScheduleOptions {
  /** Orders the search; default 1. */
  seed?: number;
  /** Improvement sweeps at most; default 12. */
  maxSweeps?: number;
  /** Start from the rounded LP relaxation (HiGHS); default true. Without it, from a greedy construction. */
  useLinearProgram?: boolean;
}

export interface ScheduledBreak {
  kind: 'rest' | 'meal';
  /** Minutes after midnight of the shift's date (may pass 1440). */
  startMinute: number;
  endMinute: number;
  paid: boolean;
}

export interface ScheduledShift {
  agentId: string;
  date: string;
  templateId: string;
  startMinute: number;
  endMinute: number;
  paidMinutes: number;
  breaks: ScheduledBreak[];
}

export interface UnderCoveredInterval {
  index: number;
  date: string;
  startMinute: number;
  required: number;
  /** The fewest agents on the queue in any grid slot of the interval. */
  scheduled: number;
}

export interface ScheduleMetrics {
  /** Σ requirement × interval length: no schedule can cover with fewer on-queue hours. */
  lowerBoundHours: number;
  /** Agent-hours on the queue (in shift, not on a break). */
  onQueueHours: number;
  /** Paid agent-hours (rest breaks paid, meals unpaid by default). */
  paidHours: number;
  /** onQueueHours / lowerBoundHours. */
  scheduledHoursVsLowerBound: number;
  underStaffedHours: number;
  overStaffedHours: number;
  underCoveredIntervals: number;
  /**
   * The LP relaxation's optimum, present when the LP ran with every break pattern. Every schedule
   * under these rules has 1001 × under-staffed hours + on-queue hours at least the same sum of
   * these (shifts that cross a week's last midnight aside), so at zero under-staffing its on-queue
   * hours are at least `onQueueHours` here: the best the rules allow, not just Σ requirement.
   */
  lpBound?: { onQueueHours: number; underStaffedHours: number };
}

export interface ScheduleResult {
  gridMinutes: number;
  shifts: ScheduledShift[];
  /** Mean agents on the queue per requirement interval. */
  coverage: number[];
  underCovered: UnderCoveredInterval[];
  metrics: ScheduleMetrics;
  agentWeeks: { agentId: string; week: number; paidHours: number; days: number }[];
  /** Improvement sweeps run. */
  sweeps: number;
}

const MINUTES_PER_DAY = 1440;
const DAYS_PER_WEEK = 7;
/** One slot of under-staffing outweighs this many slots of over-staffing: "under first". */
const UNDER_WEIGHT = 1000;
/** Candidate starts per variant that get the exact break placement. */
const CANDIDATES_PER_VARIANT = 3;
const EPSILON = 1e-9;
/** Added to a slot's value when a move must keep an agent on it; dwarfs every real gain. */
const MUST_COVER_BONUS = 1e9;

// ---------------------------------------------------------------------------------------------
// Shift variants and break placement
// ---------------------------------------------------------------------------------------------

interface Variant {
  template: number;
  paidMinutes: number;
  spanSlots: number;
  restSlots: number;
  restCount: number;
  mealSlots: number;
  minStretch: number;
  maxStretch: number;
  mealEarliest: number;
  mealLatest: number;
  /** Start offsets within the day, slots. */
  starts: number[];
  weekdays: boolean[];
}

interface PlacedBreak {
  /** Offset from the shift start, slots. */
  offset: number;
  length: number;
  kind: 'rest' | 'meal';
}

interface Placement {
  variant: number;
  /** Absolute slot of the shift start. */
  start: number;
  breaks: PlacedBreak[];
}

/**
 * Places breaks by dynamic programming over the positions of a span. States are (breaks placed,
 * position after the last break, meal taken); each transition is one work stretch of an allowed
 * length followed by a rest or the meal. Minimises Σ value over break slots, i.e. keeps the agent
 * on the queue where it is worth most. Scratch arrays are reused across calls.
 */
class BreakPlanner {
  private cost = new Float64Array(0);
  private parent = new Int32Array(0);

  place(variant: Variant, prefix: Float64Array, origin: number): { loss: number; breaks: PlacedBreak[] } | null {
    const span = variant.spanSlots;
    const hasMeal = variant.mealSlots > 0 ? 1 : 0;
    const breakCount = variant.restCount + hasMeal;
    const stride = span + 1;
    const size = (breakCount + 1) * stride * 2;
    if (this.cost.length < size) {
      this.cost = new Float64Array(size);
      this.parent = new Int32Array(size);
    }
    const cost = this.cost;
    const parent = this.parent;
    cost.fill(Number.POSITIVE_INFINITY, 0, size);
    const index = (placed: number, position: number, meal: number) => (placed * stride + position) * 2 + meal;
    const lossOf = (offset: number, length: number) => (prefix[origin + offset + length] ?? 0) - (prefix[origin + offset] ?? 0);
    cost[index(0, 0, 0)] = 0;

    for (let placed = 0; placed < breakCount; placed++) {
      for (let position = 0; position <= span; position++) {
        for (let meal = 0; meal <= hasMeal; meal++) {
          const here = cost[index(placed, position, meal)] ?? Number.POSITIVE_INFINITY;
          if (here === Number.POSITIVE_INFINITY) continue;
          const restsPlaced = placed - meal;
          for (let stretch = variant.minStretch; stretch <= variant.maxStretch; stretch++) {
            const at = position + stretch;
            if (at >= span) break;
            if (restsPlaced < variant.restCount && at + variant.restSlots < span) {
              const next = index(placed + 1, at + variant.restSlots, meal);
              const value = here + lossOf(at, variant.restSlots);
              if (value < (cost[next] ?? Number.POSITIVE_INFINITY)) {
                cost[next] = value;
                parent[next] = position * 2 + meal;
              }
            }
            if (meal === 0 && hasMeal === 1 && at >= variant.mealEarliest && at <= variant.mealLatest && at + variant.mealSlots < span) {
              const next = index(placed + 1, at + variant.mealSlots, 1);
              const value = here + lossOf(at, variant.mealSlots);
              if (value < (cost[next] ?? Number.POSITIVE_INFINITY)) {
                cost[next] = value;
                parent[next] = position * 2;
              }
            }
          }
        }
      }
    }

    let bestPosition = -1;
    let bestLoss = Number.POSITIVE_INFINITY;
    for (let stretch = variant.minStretch; stretch <= variant.maxStretch; stretch++) {
      const position = span - stretch;
      if (position < 0) break;
      const value = cost[index(breakCount, position, hasMeal)] ?? Number.POSITIVE_INFINITY;
      if (value < bestLoss) {
        bestLoss = value;
        bestPosition = position;
      }
    }
    if (bestPosition < 0) return null;

    const breaks: PlacedBreak[] = [];
    let position = bestPosition;
    let meal = hasMeal;
    for (let placed = breakCount; placed > 0; placed--) {
      const code = parent[index(placed, position, meal)] ?? 0;
      const previousPosition = code >> 1;
      const previousMeal = code & 1;
      const kind = previousMeal === meal ? 'rest' : 'meal';
      const length = kind === 'rest' ? variant.restSlots : variant.mealSlots;
      breaks.push({ offset: position - length, length, kind });
      position = previousPosition;
      meal = previousMeal;
    }
    return { loss: bestLoss, breaks: breaks.reverse() };
  }
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Every minute quantity must sit on the grid, so the grid is their gcd. */
function gridMinutesOf(input: ScheduleInput): number {
  let grid = input.intervalMinutes;
  const add = (minutes: number | undefined) => {
    if (minutes !== undefined && minutes > 0) grid = gcd(grid, minutes);
  };
  for (const template of input.templates) {
    add(template.earliestStartMinute);
    add(template.latestStartMinute);
    add(template.startStepMinutes ?? 15);
    template.paidMinutes.forEach(add);
    const rules = template.breaks;
    add(rules.restMinutes);
    add(rules.maxWorkStretchMinutes);
    add(rules.minWorkStretchMinutes ?? 60);
    if (rules.meal) {
      add(rules.meal.minMinutes);
      add(rules.meal.maxMinutes);
      add(rules.meal.earliestStartAfterMinutes);
      add(rules.meal.latestStartAfterMinutes);
    }
  }
  add(input.minRestBetweenShiftsMinutes ?? 660);
  for (const agent of input.agents) {
    for (const off of agent.timeOff ?? []) {
      add(off.fromMinute);
      add(off.toMinute);
    }
  }
  return grid;
}

function buildVariants(templates: ShiftTemplate[], grid: number, planner: BreakPlanner): Variant[] {
  const variants: Variant[] = [];
  templates.forEach((template, templateIndex) => {
    const field = `templates[${templateIndex}]`;
    validateTemplate(template, field);
    const rules = template.breaks;
    const restPaid = rules.restPaid ?? true;
    const step = template.startStepMinutes ?? 15;
    const starts: number[] = [];
    for (let minute = template.earliestStartMinute; minute <= template.latestStartMinute; minute += step) {
      starts.push(minute / grid);
    }
    const weekdays = Array.from({ length: DAYS_PER_WEEK }, (_, day) => template.weekdays?.includes(day) ?? true);
    const mealOptions: number[] = [];
    if (rules.meal) for (let minutes = rules.meal.minMinutes; minutes <= rules.meal.maxMinutes; minutes += grid) mealOptions.push(minutes);
    else mealOptions.push(0);

    const before = variants.length;
    for (const paidMinutes of template.paidMinutes) {
      for (const mealMinutes of mealOptions) {
        const mealPaid = rules.meal?.paid ?? false;
        // The fewest rest breaks that let the work fit in stretches of at most the maximum.
        for (let restCount = 0; restCount <= 12; restCount++) {
          const spanMinutes =
            paidMinutes + (mealPaid ? 0 : mealMinutes) + (restPaid ? 0 : restCount * rules.restMinutes);
          const variant: Variant = {
            template: templateIndex,
            paidMinutes,
            spanSlots: spanMinutes / grid,
            restSlots: rules.restMinutes / grid,
            restCount,
            mealSlots: mealMinutes / grid,
            minStretch: (rules.minWorkStretchMinutes ?? 60) / grid,
            maxStretch: rules.maxWorkStretchMinutes / grid,
            mealEarliest: (rules.meal?.earliestStartAfterMinutes ?? 0) / grid,
            mealLatest: (rules.meal?.latestStartAfterMinutes ?? 0) / grid,
            starts,
            weekdays,
          };
          if (spanMinutes > MINUTES_PER_DAY) break;
          const flat = new Float64Array(variant.spanSlots + 1);
          if (planner.place(variant, flat, 0) !== null) {
            variants.push(variant);
            break;
          }
        }
      }
    }
    if (variants.length === before) {
      throw new WfmInputError(
        'wfm.no_feasible_shift',
        field,
        `no shift of template "${template.id}" can place its breaks within the rules`,
      );
    }
  });
  return variants;
}

function validateTemplate(template: ShiftTemplate, field: string): void {
  const minuteOfDay = (value: number) => Number.isInteger(value) && value >= 0 && value < MINUTES_PER_DAY;
  requireInput(typeof template.id === 'string' && template.id.length > 0, `${field}.id`, 'must be a non-empty string');
  requireInput(minuteOfDay(template.earliestStartMinute), `${field}.earliestStartMinute`, 'must be a minute of the day');
  requireInput(
    minuteOfDay(template.latestStartMinute) && template.latestStartMinute >= template.earliestStartMinute,
    `${field}.latestStartMinute`,
    'must be a minute of the day, not before the earliest start',
  );
  const step = template.startStepMinutes ?? 15;
  requireInput(Number.isInteger(step) && step > 0, `${field}.startStepMinutes`, 'must be a positive integer');
  requireInput(
    template.paidMinutes.length > 0 && template.paidMinutes.every((minutes) => Number.isInteger(minutes) && minutes > 0),
    `${field}.paidMinutes`,
    'must list positive whole minutes',
  );
  if (template.weekdays !== undefined) {
    requireInput(
      template.weekdays.every((day) => Number.isInteger(day) && day >= 0 && day < DAYS_PER_WEEK),
      `${field}.weekdays`,
      'must be weekdays 0 (Sunday) to 6',
    );
  }
  const rules = template.breaks;
  requireInput(Number.isInteger(rules.restMinutes) && rules.restMinutes > 0, `${field}.breaks.restMinutes`, 'must be a positive integer');
  const minStretch = rules.minWorkStretchMinutes ?? 60;
  requireInput(Number.isInteger(minStretch) && minStretch > 0, `${field}.breaks.minWorkStretchMinutes`, 'must be a positive integer');
  requireInput(
    Number.isInteger(rules.maxWorkStretchMinutes) && rules.maxWorkStretchMinutes >= minStretch,
    `${field}.breaks.maxWorkStretchMinutes`,
    'must be a whole number of minutes, at least the minimum stretch',
  );
  if (rules.meal) {
    const meal = rules.meal;
    requireInput(Number.isInteger(meal.minMinutes) && meal.minMinutes > 0, `${field}.breaks.meal.minMinutes`, 'must be a positive integer');
    requireInput(
      Number.isInteger(meal.maxMinutes) && meal.maxMinutes >= meal.minMinutes,
      `${field}.breaks.meal.maxMinutes`,
      'must be at least minMinutes',
    );
    requireInput(
      Number.isInteger(meal.earliestStartAfterMinutes) && meal.earliestStartAfterMinutes >= 0,
      `${field}.breaks.meal.earliestStartAfterMinutes`,
      'must be a whole number of minutes ≥ 0',
    );
    requireInput(
      Number.isInteger(meal.latestStartAfterMinutes) && meal.latestStartAfterMinutes >= meal.earliestStartAfterMinutes,
      `${field}.breaks.meal.latestStartAfterMinutes`,
      'must not be before the earliest meal start',
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Agents
// ---------------------------------------------------------------------------------------------

interface AgentPlan {
  index: number;
  id: string;
  maxDaysPerWeek: number;
  /** Per week, paid minutes bounds after time-off credit. */
  minPaid: number[];
  maxPaid: number[];
  /** Per day: can this agent work at all. */
  availableDay: boolean[];
  /** Absolute [from, to) slot ranges the agent cannot work (partial-day time off). */
  blocked: [number, number][];
  /** Variants this agent may work, per weekday. */
  variantsByWeekday: number[][];
}

function buildAgents(input: ScheduleInput, variants: Variant[], grid: number, startDay: number, days: number): AgentPlan[] {
  requireInput(input.agents.length > 0, 'agents', 'must not be empty');
  const templateIds = new Set(input.templates.map((template) => template.id));
  const slotsPerDay = MINUTES_PER_DAY / grid;
  const weeks = days / DAYS_PER_WEEK;
  const seen = new Set<string>();
  return input.agents.map((agent, index) => {
    const field = `agents[${index}]`;
    requireInput(typeof agent.id === 'string' && agent.id.length > 0 && !seen.has(agent.id), `${field}.id`, 'must be a unique non-empty string');
    seen.add(agent.id);
    requireInput(
      isFiniteNumber(agent.contractHoursPerWeek) && agent.contractHoursPerWeek > 0 && agent.contractHoursPerWeek <= 168,
      `${field}.contractHoursPerWeek`,
      'must be > 0 and ≤ 168',
    );
    const minHours = agent.minHoursPerWeek ?? agent.contractHoursPerWeek;
    requireInput(
      isFiniteNumber(minHours) && minHours >= 0 && minHours <= agent.contractHoursPerWeek,
      `${field}.minHoursPerWeek`,
      'must be ≥ 0 and at most the contract hours',
    );
    const maxDays = agent.maxDaysPerWeek ?? 5;
    requireInput(Number.isInteger(maxDays) && maxDays >= 1 && maxDays <= 7, `${field}.maxDaysPerWeek`, 'must be an integer from 1 to 7');
    const fixedDaysOff = agent.fixedDaysOff ?? [];
    requireInput(
      fixedDaysOff.every((day) => Number.isInteger(day) && day >= 0 && day < DAYS_PER_WEEK),
      `${field}.fixedDaysOff`,
      'must be weekdays 0 (Sunday) to 6',
    );
    for (const id of agent.templateIds ?? []) {
      requireInput(templateIds.has(id), `${field}.templateIds`, `unknown template "${id}"`);
    }
    const allowedTemplates = new Set(agent.templateIds ?? input.templates.map((template) => template.id));

    const availableDay = Array.from({ length: days }, (_, day) => !fixedDaysOff.includes(weekdayOfDayNumber(startDay + day)));
    const wholeDaysOff = new Array<number>(weeks).fill(0);
    const blocked: [number, number][] = [];
    (agent.timeOff ?? []).forEach((off, offIndex) => {
      const offField = `${field}.timeOff[${offIndex}]`;
      const day = dayNumberOf(off.date, `${offField}.date`) - startDay;
      if (day < 0 || day >= days) return;
      if (off.fromMinute === undefined && off.toMinute === undefined) {
        if (availableDay[day]) wholeDaysOff[Math.floor(day / DAYS_PER_WEEK)] = (wholeDaysOff[Math.floor(day / DAYS_PER_WEEK)] ?? 0) + 1;
        availableDay[day] = false;
        return;
      }
      const from = off.fromMinute ?? 0;
      const to = off.toMinute ?? MINUTES_PER_DAY;
      requireInput(Number.isInteger(from) && from >= 0 && from < MINUTES_PER_DAY, `${offField}.fromMinute`, 'must be a minute of the day');
      requireInput(Number.isInteger(to) && to > from && to <= MINUTES_PER_DAY, `${offField}.toMinute`, 'must be after fromMinute, at most 1440');
      blocked.push([day * slotsPerDay + Math.floor(from / grid), day * slotsPerDay + Math.ceil(to / grid)]);
    });

    const variantsByWeekday = Array.from({ length: DAYS_PER_WEEK }, (_, weekday) =>
      variants.flatMap((variant, variantIndex) =>
        variant.weekdays[weekday] && allowedTemplates.has(input.templates[variant.template]?.id ?? '') ? [variantIndex] : [],
      ),
    );
    const creditPerDay = (agent.contractHoursPerWeek * 60) / maxDays;
    const minPaid = wholeDaysOff.map((count) => Math.max(0, minHours * 60 - count * creditPerDay));
    const maxPaid = wholeDaysOff.map((count) => Math.max(0, agent.contractHoursPerWeek * 60 - count * creditPerDay));
    return { index, id: agent.id, maxDaysPerWeek: maxDays, minPaid, maxPaid, availableDay, blocked, variantsByWeekday };
  });
}

/**
 * Can some set of the given days, each with one of its paid lengths, bring the week's paid
 * minutes into [min, max] without exceeding the day limit? A subset-sum over the grid.
 */
function canCompleteWeek(
  paidOptionsPerDay: number[][],
  paidSoFar: number,
  daysSoFar: number,
  minPaid: number,
  maxPaid: number,
  maxDays: number,
  grid: number,
): boolean {
  if (paidSoFar >= minPaid - EPSILON && paidSoFar <= maxPaid + EPSILON) return true;
  const budget = Math.floor((maxPaid - paidSoFar + EPSILON) / grid);
  if (budget < 0) return false;
  const daysLeft = maxDays - daysSoFar;
  // reachable[count][units] for count days added.
  let reachable: Uint8Array[] = Array.from({ length: daysLeft + 1 }, () => new Uint8Array(budget + 1));
  (reachable[0] as Uint8Array)[0] = 1;
  for (const options of paidOptionsPerDay) {
    const next = reachable.map((row) => row.slice());
    for (let count = 0; count < daysLeft; count++) {
      const row = reachable[count] as Uint8Array;
      const nextRow = next[count + 1] as Uint8Array;
      for (let units = 0; units <= budget; units++) {
        if (!row[units]) continue;
        for (const paid of options) {
          const total = units + paid / grid;
          if (total <= budget) nextRow[total] = 1;
        }
      }
    }
    reachable = next;
  }
  const minUnits = Math.ceil((minPaid - paidSoFar - EPSILON) / grid);
  for (const row of reachable) {
    for (let units = Math.max(0, minUnits); units <= budget; units++) if (row[units]) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The search
// ---------------------------------------------------------------------------------------------

interface Candidate {
  placement: Placement;
  /** Objective improvement from adding this shift (positive is better). */
  gain: number;
}

class Scheduler {
  readonly slotsPerDay: number;
  readonly totalSlots: number;
  readonly need: Float64Array;
  readonly cover: Float64Array;
  readonly shifts: (Placement | null)[][];
  readonly weekPaid: number[][];
  readonly weekDays: number[][];
  private readonly prefix: Float64Array;
  private readonly planner = new BreakPlanner();
  private readonly restSlots: number;

  constructor(
    readonly grid: number,
    readonly startDay: number,
    readonly days: number,
    need: Float64Array,
    readonly variants: Variant[],
    readonly agents: AgentPlan[],
    restMinutes: number,
  ) {
    this.slotsPerDay = MINUTES_PER_DAY / grid;
    // One extra day of slots for shifts that run past the horizon's last midnight.
    this.totalSlots = (days + 1) * this.slotsPerDay;
    this.need = need;
    this.cover = new Float64Array(this.totalSlots);
    this.prefix = new Float64Array(this.totalSlots + 1);
    this.shifts = agents.map(() => new Array<Placement | null>(days).fill(null));
    const weeks = days / DAYS_PER_WEEK;
    this.weekPaid = agents.map(() => new Array<number>(weeks).fill(0));
    this.weekDays = agents.map(() => new Array<number>(weeks).fill(0));
    this.restSlots = restMinutes / grid;
  }

  private costAt(slot: number, cover: number): number {
    const need = this.need[slot] ?? 0;
    return cover < need ? UNDER_WEIGHT * (need - cover) : cover - need;
  }

  /** The objective over [from, to). */
  costBetween(from: number, to: number): number {
    let cost = 0;
    for (let slot = from; slot < Math.min(to, this.totalSlots); slot++) cost += this.costAt(slot, this.cover[slot] ?? 0);
    return cost;
  }

  /** Objective decrease from one more agent on the queue at `slot`. */
  private gainAt(slot: number): number {
    const cover = this.cover[slot] ?? 0;
    return this.costAt(slot, cover) - this.costAt(slot, cover + 1);
  }

  private variant(index: number): Variant {
    const variant = this.variants[index];
    if (!variant) throw new Error(`no variant ${index}`);
    return variant;
  }

  apply(agent: number, day: number, placement: Placement, sign: 1 | -1): void {
    const variant = this.variant(placement.variant);
    const end = placement.start + variant.spanSlots;
    for (let slot = placement.start; slot < end; slot++) this.cover[slot] = (this.cover[slot] ?? 0) + sign;
    for (const item of placement.breaks) {
      for (let slot = placement.start + item.offset; slot < placement.start + item.offset + item.length; slot++) {
        this.cover[slot] = (this.cover[slot] ?? 0) - sign;
      }
    }
    const week = Math.floor(day / DAYS_PER_WEEK);
    const paid = this.weekPaid[agent] as number[];
    const worked = this.weekDays[agent] as number[];
    paid[week] = (paid[week] ?? 0) + sign * variant.paidMinutes;
    worked[week] = (worked[week] ?? 0) + sign;
    (this.shifts[agent] as (Placement | null)[])[day] = sign === 1 ? placement : null;
  }

  /** Objective decrease the placement brings if added now (Σ gain over its on-queue slots). */
  gainOf(placement: Placement): number {
    const variant = this.variant(placement.variant);
    let gain = 0;
    for (let slot = placement.start; slot < placement.start + variant.spanSlots; slot++) gain += this.gainAt(slot);
    for (const item of placement.breaks) {
      for (let slot = placement.start + item.offset; slot < placement.start + item.offset + item.length; slot++) {
        gain -= this.gainAt(slot);
      }
    }
    return gain;
  }

  shiftAt(agent: number, day: number): Placement | null {
    return this.shifts[agent]?.[day] ?? null;
  }

  /** Earliest start and latest end (absolute slots) that keep the minimum rest to neighbouring shifts. */
  private restWindow(agent: number, day: number): { earliestStart: number; latestEnd: number } {
    let earliestStart = 0;
    let latestEnd = this.totalSlots;
    for (let other = Math.max(0, day - 2); other <= Math.min(this.days - 1, day + 2); other++) {
      if (other === day) continue;
      const shift = this.shiftAt(agent, other);
      if (!shift) continue;
      const end = shift.start + this.variant(shift.variant).spanSlots;
      if (other < day) earliestStart = Math.max(earliestStart, end + this.restSlots);
      else latestEnd = Math.min(latestEnd, shift.start - this.restSlots);
    }
    return { earliestStart, latestEnd };
  }

  /** Whether the agent may work this exact shift on this day, given rest rules and time off. */
  fits(agent: number, day: number, placement: Placement): boolean {
    const plan = this.agents[agent] as AgentPlan;
    if (!plan.availableDay[day] || this.shiftAt(agent, day)) return false;
    const weekday = weekdayOfDayNumber(this.startDay + day);
    if (!(plan.variantsByWeekday[weekday] ?? []).includes(placement.variant)) return false;
    const end = placement.start + this.variant(placement.variant).spanSlots;
    const { earliestStart, latestEnd } = this.restWindow(agent, day);
    if (placement.start < earliestStart || end > latestEnd || end > this.totalSlots) return false;
    return !plan.blocked.some(([from, to]) => placement.start < to && end > from);
  }

  /**
   * The best shift for `agent` on `day` with a paid length in [minPaid, maxPaid], given everyone
   * else. Starts are ranked by the value of their whole span (prefix sums); the best few of each
   * variant, plus `keep` when given, get the exact break placement.
   */
  bestShift(
    agent: number,
    day: number,
    minPaid: number,
    maxPaid: number,
    { keep, mustCover }: { keep?: Placement; mustCover?: number } = {},
  ): Candidate | null {
    const plan = this.agents[agent] as AgentPlan;
    if (!plan.availableDay[day]) return null;
    const weekday = weekdayOfDayNumber(this.startDay + day);
    const variantIndexes = plan.variantsByWeekday[weekday] ?? [];
    const dayStart = day * this.slotsPerDay;
    const { earliestStart, latestEnd } = this.restWindow(agent, day);

    // Prefix sums of the gain over this day and the next (shifts may pass midnight). A slot that
    // must be covered gets a bonus so large that the break placement keeps the agent on it.
    const windowEnd = Math.min(this.totalSlots, dayStart + 2 * this.slotsPerDay);
    this.prefix[dayStart] = 0;
    for (let slot = dayStart; slot < windowEnd; slot++) {
      const bonus = slot === mustCover ? MUST_COVER_BONUS : 0;
      this.prefix[slot + 1] = (this.prefix[slot] ?? 0) + this.gainAt(slot) + bonus;
    }

    let best: Candidate | null = null;
    const consider = (variantIndex: number, start: number) => {
      const variant = this.variant(variantIndex);
      const placed = this.planner.place(variant, this.prefix, start);
      if (!placed) return;
      let gain = (this.prefix[start + variant.spanSlots] ?? 0) - (this.prefix[start] ?? 0) - placed.loss;
      if (mustCover !== undefined) {
        const onBreak = placed.breaks.some((item) => mustCover >= start + item.offset && mustCover < start + item.offset + item.length);
        if (mustCover < start || mustCover >= start + variant.spanSlots || onBreak) return;
        gain -= MUST_COVER_BONUS;
      }
      if (!best || gain > best.gain + EPSILON) {
        best = { placement: { variant: variantIndex, start, breaks: placed.breaks }, gain };
      }
    };

    const topStarts: number[] = [];
    const topValues: number[] = [];
    for (const variantIndex of variantIndexes) {
      const variant = this.variant(variantIndex);
      if (variant.paidMinutes < minPaid - EPSILON || variant.paidMinutes > maxPaid + EPSILON) continue;
      topStarts.length = 0;
      topValues.length = 0;
      for (const offset of variant.starts) {
        const start = dayStart + offset;
        const end = start + variant.spanSlots;
        if (start < earliestStart || end > latestEnd || end > windowEnd) continue;
        if (plan.blocked.some(([from, to]) => start < to && end > from)) continue;
        const value = (this.prefix[end] ?? 0) - (this.prefix[start] ?? 0);
        // Keep the best few starts of this variant (insertion into a short sorted list).
        let position = topValues.length;
        while (position > 0 && (topValues[position - 1] ?? 0) < value) position--;
        if (position >= CANDIDATES_PER_VARIANT) continue;
        topValues.splice(position, 0, value);
        topStarts.splice(position, 0, start);
        if (topValues.length > CANDIDATES_PER_VARIANT) {
          topValues.pop();
          topStarts.pop();
        }
      }
      for (const start of topStarts) consider(variantIndex, start);
    }
    if (keep && keep.start >= earliestStart && keep.start + this.variant(keep.variant).spanSlots <= latestEnd) {
      consider(keep.variant, keep.start);
    }
    return best;
  }
}

// ---------------------------------------------------------------------------------------------
// LP guidance: which shifts, on which days, the whole team should work
// ---------------------------------------------------------------------------------------------

/** Break patterns per variant kept as LP columns; more are thinned out evenly. */
const PATTERNS_PER_VARIANT = 48;
/** Above this many columns in a week's LP the generator skips the LP and relies on the heuristic. */
const MAX_LP_COLUMNS = 60_000;

let highsRuntime: Promise<Highs> | undefined;

/**
 * Every valid break placement of a variant (offsets from the shift start), thinned evenly to
 * `limit`; `complete` says whether none were left out (only then is the LP a true bound).
 */
function breakPatterns(variant: Variant, limit: number): { patterns: PlacedBreak[][]; complete: boolean } {
  const patterns: PlacedBreak[][] = [];
  const enumerationCap = 50 * limit;
  const walk = (position: number, restsLeft: number, mealLeft: boolean, placed: PlacedBreak[]) => {
    if (patterns.length >= enumerationCap) return;
    if (restsLeft === 0 && !mealLeft) {
      const lastStretch = variant.spanSlots - position;
      if (lastStretch >= variant.minStretch && lastStretch <= variant.maxStretch) patterns.push([...placed]);
      return;
    }
    for (let stretch = variant.minStretch; stretch <= variant.maxStretch; stretch++) {
      const at = position + stretch;
      if (at >= variant.spanSlots) break;
      if (restsLeft > 0 && at + variant.restSlots < variant.spanSlots) {
        placed.push({ offset: at, length: variant.restSlots, kind: 'rest' });
        walk(at + variant.restSlots, restsLeft - 1, mealLeft, placed);
        placed.pop();
      }
      if (mealLeft && at >= variant.mealEarliest && at <= variant.mealLatest && at + variant.mealSlots < variant.spanSlots) {
        placed.push({ offset: at, length: variant.mealSlots, kind: 'meal' });
        walk(at + variant.mealSlots, restsLeft, false, placed);
        placed.pop();
      }
    }
  };
  walk(0, variant.restCount, variant.mealSlots > 0, []);
  if (patterns.length <= limit) return { patterns, complete: true };
  return {
    patterns: Array.from({ length: limit }, (_, i) => patterns[Math.floor((i * patterns.length) / limit)] as PlacedBreak[]),
    complete: false,
  };
}

interface PoolEntry {
  placement: Placement;
  remaining: number;
}

interface ShiftPlan {
  pools: PoolEntry[][];
  /** The LP optimum summed over weeks, when every week was solved with every break pattern. */
  bound: { onQueueSlots: number; underSlots: number } | null;
}

/**
 * Solves, per week, the LP relaxation of covering the requirement with concrete shifts (day ×
 * variant × start × break pattern), under the team's aggregate limits: agents available per day
 * and template, and each group of agents' weekly paid hours. Objective: (W + 1)·under + on-queue
 * slots, which is W·under + over up to a constant. The fractional optimum is rounded
 * systematically along each day into a pool of shifts that construction hands out to agents.
 * Since individual agents' rules are relaxed to aggregates, the optimum also bounds every schedule.
 */
async function planShiftPools(scheduler: Scheduler, templates: ShiftTemplate[], rng: RandomSource): Promise<ShiftPlan> {
  highsRuntime ??= loadHighs();
  const highs = await highsRuntime;
  const pools: PoolEntry[][] = Array.from({ length: scheduler.days }, () => []);
  const enumerated = scheduler.variants.map((variant) => breakPatterns(variant, PATTERNS_PER_VARIANT));
  const patternsByVariant = enumerated.map((result) => result.patterns);
  let bound: ShiftPlan['bound'] = enumerated.every((result) => result.complete) ? { onQueueSlots: 0, underSlots: 0 } : null;
  for (let week = 0; week < scheduler.days / DAYS_PER_WEEK; week++) {
    const model = weekModel(scheduler, templates, patternsByVariant, week);
    const values = model
      ? highs.withModel(model.data, (solver) => {
          solver.options.set({ output_flag: false });
          solver.run();
          return solver.getModelStatus() === highs.constants.modelStatus.optimal ? solver.getSolution().colValue : null;
        })
      : null;
    if (!model || !values) {
      bound = null;
      continue;
    }
    let accumulated = rng.next();
    model.columns.forEach((column, index) => {
      const value = Math.max(0, values[index] ?? 0);
      const copies = Math.floor(accumulated + value) - Math.floor(accumulated);
      accumulated += value;
      if (copies > 0) pools[column.day]?.push({ placement: column.placement, remaining: copies });
      if (bound) bound.onQueueSlots += value * (model.data.colCost[index] ?? 0);
    });
    if (bound) {
      for (let index = model.columns.length; index < model.data.numCols; index++) bound.underSlots += values[index] ?? 0;
    }
  }
  return { pools, bound };
}

interface WeekModel {
  data: ModelData;
  /** The shift columns, in model order (the under-staffing columns follow them). */
  columns: { day: number; placement: Placement }[];
}

function weekModel(
  scheduler: Scheduler,
  templates: ShiftTemplate[],
  patternsByVariant: PlacedBreak[][][],
  week: number,
): WeekModel | null {
  const spd = scheduler.slotsPerDay;
  const firstDay = week * DAYS_PER_WEEK;
  const firstSlot = firstDay * spd;
  const coverageRows = DAYS_PER_WEEK * spd;
  const templateCount = templates.length;
  const agents = scheduler.agents;
  const allowed = agents.map((plan) => new Set(plan.variantsByWeekday.flat().map((v) => scheduler.variants[v]?.template ?? -1)));

  // Row layout: coverage, then (day, template) counts, then day totals, then agent-group paid hours.
  const dayTemplateRow = (dayOffset: number, template: number) => coverageRows + dayOffset * templateCount + template;
  const dayTotalRow = (dayOffset: number) => coverageRows + DAYS_PER_WEEK * templateCount + dayOffset;
  const groups = [...new Map(allowed.map((set) => [[...set].sort().join(','), set])).values()];
  const groupRow = (group: number) => coverageRows + DAYS_PER_WEEK * (templateCount + 1) + group;
  const rowCount = coverageRows + DAYS_PER_WEEK * (templateCount + 1) + groups.length;
  const rowLower = new Float64Array(rowCount);
  const rowUpper = new Float64Array(rowCount).fill(Number.POSITIVE_INFINITY);
  for (let slot = 0; slot < coverageRows; slot++) rowLower[slot] = scheduler.need[firstSlot + slot] ?? 0;
  for (let dayOffset = 0; dayOffset < DAYS_PER_WEEK; dayOffset++) {
    const day = firstDay + dayOffset;
    rowUpper[dayTotalRow(dayOffset)] = agents.filter((plan) => plan.availableDay[day]).length;
    for (let template = 0; template < templateCount; template++) {
      rowUpper[dayTemplateRow(dayOffset, template)] = agents.filter(
        (plan, index) => plan.availableDay[day] && allowed[index]?.has(template),
      ).length;
    }
  }
  groups.forEach((group, index) => {
    let lower = 0;
    let upper = 0;
    agents.forEach((plan, agentIndex) => {
      const own = allowed[agentIndex] ?? new Set<number>();
      if ([...own].every((template) => group.has(template))) lower += (plan.minPaid[week] ?? 0) / 60;
      if ([...own].some((template) => group.has(template))) upper += (plan.maxPaid[week] ?? 0) / 60;
    });
    rowLower[groupRow(index)] = lower;
    rowUpper[groupRow(index)] = upper;
  });

  const columns: { day: number; placement: Placement }[] = [];
  const costs: number[] = [];
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  for (let dayOffset = 0; dayOffset < DAYS_PER_WEEK; dayOffset++) {
    const day = firstDay + dayOffset;
    const weekday = weekdayOfDayNumber(scheduler.startDay + day);
    scheduler.variants.forEach((variant, variantIndex) => {
      if (!variant.weekdays[weekday] || (rowUpper[dayTemplateRow(dayOffset, variant.template)] ?? 0) === 0) return;
      for (const offset of variant.starts) {
        const start = day * spd + offset;
        for (const breaks of patternsByVariant[variantIndex] ?? []) {
          let onQueue = 0;
          let position = 0;
          for (const item of [...breaks, { offset: variant.spanSlots, length: 0 }]) {
            for (let slot = start + position; slot < start + item.offset; slot++) {
              onQueue++;
              if (slot - firstSlot < coverageRows) {
                indices.push(slot - firstSlot);
                values.push(1);
              }
            }
            position = item.offset + item.length;
          }
          indices.push(dayTemplateRow(dayOffset, variant.template), dayTotalRow(dayOffset));
          values.push(1, 1);
          groups.forEach((group, index) => {
            if (group.has(variant.template)) {
              indices.push(groupRow(index));
              values.push(variant.paidMinutes / 60);
            }
          });
          starts.push(indices.length);
          costs.push(onQueue);
          columns.push({ day, placement: { variant: variantIndex, start, breaks } });
        }
      }
    });
    if (columns.length > MAX_LP_COLUMNS) return null;
  }
  for (let slot = 0; slot < coverageRows; slot++) {
    indices.push(slot);
    values.push(1);
    starts.push(indices.length);
    costs.push(UNDER_WEIGHT + 1);
  }
  const columnCount = costs.length;
  return {
    columns,
    data: {
      numCols: columnCount,
      numRows: rowCount,
      colCost: costs,
      colLower: new Float64Array(columnCount),
      colUpper: new Float64Array(columnCount).fill(Number.POSITIVE_INFINITY),
      rowLower,
      rowUpper,
      matrix: { format: 'csc', numRows: rowCount, numCols: columnCount, starts, indices, values },
    },
  };
}

/** Generates a schedule; throws WfmInputError naming the field for bad or infeasible input. */
export async function generateSchedule(input: ScheduleInput, options: ScheduleOptions = {}): Promise<ScheduleResult> {
  const startDay = dayNumberOf(input.startDate, 'startDate');
  requireInput(Number.isInteger(input.weeks) && input.weeks >= 1 && input.weeks <= 4, 'weeks', 'must be 1 to 4');
  requireInput(
    Number.isInteger(input.intervalMinutes) && input.intervalMinutes > 0 && MINUTES_PER_DAY % input.intervalMinutes === 0,
    'intervalMinutes',
    'must divide a day',
  );
  const days = input.weeks * DAYS_PER_WEEK;
  const intervalsPerDay = MINUTES_PER_DAY / input.intervalMinutes;
  requireInput(
    input.requirement.length === days * intervalsPerDay,
    'requirement',
    `must have ${days * intervalsPerDay} intervals (${input.weeks} weeks of ${intervalsPerDay} a day)`,
  );
  input.requirement.forEach((value, index) =>
    requireInput(isFiniteNumber(value) && value >= 0, `requirement[${index}]`, 'must be a number ≥ 0'),
  );
  requireInput(input.templates.length > 0, 'templates', 'must not be empty');
  const restMinutes = input.minRestBetweenShiftsMinutes ?? 660;
  requireInput(Number.isInteger(restMinutes) && restMinutes >= 0, 'minRestBetweenShiftsMinutes', 'must be a whole number ≥ 0');

  const grid = gridMinutesOf(input);
  requireInput(grid >= 5, 'templates', 'all minute values must be multiples of 5');
  const planner = new BreakPlanner();
  const variants = buildVariants(input.templates, grid, planner);
  const agents = buildAgents(input, variants, grid, startDay, days);

  const slotsPerDay = MINUTES_PER_DAY / grid;
  const slotsPerInterval = input.intervalMinutes / grid;
  const need = new Float64Array((days + 1) * slotsPerDay);
  input.requirement.forEach((value, index) => {
    for (let slot = 0; slot < slotsPerInterval; slot++) need[index * slotsPerInterval + slot] = value;
  });

  const scheduler = new Scheduler(grid, startDay, days, need, variants, agents, restMinutes);
  checkContracts(scheduler, input);
  const rng = seededRandom(options.seed ?? 1);
  const plan = (options.useLinearProgram ?? true) ? await planShiftPools(scheduler, input.templates, rng) : null;
  construct(scheduler, rng, plan?.pools ?? []);
  const sweeps = improve(scheduler, rng, options.maxSweeps ?? 12);
  return report(scheduler, input, startDay, sweeps, plan?.bound ?? null);
}

function paidOptions(scheduler: Scheduler, plan: AgentPlan, day: number): number[] {
  const weekday = weekdayOfDayNumber(scheduler.startDay + day);
  const options = new Set<number>();
  for (const variantIndex of plan.variantsByWeekday[weekday] ?? []) {
    options.add(scheduler.variants[variantIndex]?.paidMinutes ?? 0);
  }
  return [...options];
}

function weekDaysOf(week: number): number[] {
  return Array.from({ length: DAYS_PER_WEEK }, (_, offset) => week * DAYS_PER_WEEK + offset);
}

/** Every agent-week must be able to reach its minimum hours at all, or the input is infeasible. */
function checkContracts(scheduler: Scheduler, input: ScheduleInput): void {
  for (const plan of scheduler.agents) {
    plan.minPaid.forEach((minPaid, week) => {
      const options = weekDaysOf(week)
        .filter((day) => plan.availableDay[day])
        .map((day) => paidOptions(scheduler, plan, day))
        .filter((list) => list.length > 0);
      const maxPaid = plan.maxPaid[week] ?? 0;
      if (!canCompleteWeek(options, 0, 0, minPaid, maxPaid, plan.maxDaysPerWeek, scheduler.grid)) {
        const agent = input.agents[plan.index];
        const field = agent?.minHoursPerWeek === undefined ? 'contractHoursPerWeek' : 'minHoursPerWeek';
        throw new WfmInputError(
          'wfm.infeasible_contract',
          `agents[${plan.index}].${field}`,
          `agent "${plan.id}" cannot be given ${minPaid / 60}–${maxPaid / 60} paid hours in week ${week + 1} ` +
            'with the allowed shift lengths, days off and time off',
        );
      }
    });
  }
}

function shuffled<T>(items: T[], rng: RandomSource): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

interface AgentWeek {
  agent: number;
  week: number;
}

/** Best shift an agent-week can still add without making its hours unreachable. */
function bestAddition(scheduler: Scheduler, { agent, week }: AgentWeek): { day: number; candidate: Candidate } | null {
  const plan = scheduler.agents[agent] as AgentPlan;
  const paid = scheduler.weekPaid[agent]?.[week] ?? 0;
  const worked = scheduler.weekDays[agent]?.[week] ?? 0;
  const minPaid = plan.minPaid[week] ?? 0;
  const maxPaid = plan.maxPaid[week] ?? 0;
  if (worked >= plan.maxDaysPerWeek) return null;
  const freeDays = weekDaysOf(week).filter((day) => plan.availableDay[day] && !scheduler.shiftAt(agent, day));
  let best: { day: number; candidate: Candidate } | null = null;
  for (const day of freeDays) {
    const others = freeDays.filter((other) => other !== day).map((other) => paidOptions(scheduler, plan, other));
    for (const length of paidOptions(scheduler, plan, day)) {
      if (paid + length > maxPaid + EPSILON) continue;
      if (!canCompleteWeek(others, paid + length, worked + 1, minPaid, maxPaid, plan.maxDaysPerWeek, scheduler.grid)) continue;
      const candidate = scheduler.bestShift(agent, day, length, length);
      if (candidate && (!best || candidate.gain > best.candidate.gain + EPSILON)) best = { day, candidate };
    }
  }
  return best;
}

/**
 * The most valuable shift from the LP pool an agent-week can still take, or null when the pool has
 * nothing this agent may work.
 */
function bestPooledAddition(
  scheduler: Scheduler,
  { agent, week }: AgentWeek,
  pools: PoolEntry[][],
): { day: number; entry: PoolEntry; gain: number } | null {
  const plan = scheduler.agents[agent] as AgentPlan;
  const paid = scheduler.weekPaid[agent]?.[week] ?? 0;
  const worked = scheduler.weekDays[agent]?.[week] ?? 0;
  const minPaid = plan.minPaid[week] ?? 0;
  const maxPaid = plan.maxPaid[week] ?? 0;
  if (worked >= plan.maxDaysPerWeek) return null;
  const freeDays = weekDaysOf(week).filter((day) => plan.availableDay[day] && !scheduler.shiftAt(agent, day));
  let best: { day: number; entry: PoolEntry; gain: number } | null = null;
  for (const day of freeDays) {
    const completes = new Map<number, boolean>();
    const others = freeDays.filter((other) => other !== day).map((other) => paidOptions(scheduler, plan, other));
    for (const entry of pools[day] ?? []) {
      if (entry.remaining === 0) continue;
      const length = scheduler.variants[entry.placement.variant]?.paidMinutes ?? 0;
      if (paid + length > maxPaid + EPSILON) continue;
      let completable = completes.get(length);
      if (completable === undefined) {
        completable = canCompleteWeek(others, paid + length, worked + 1, minPaid, maxPaid, plan.maxDaysPerWeek, scheduler.grid);
        completes.set(length, completable);
      }
      if (!completable || !scheduler.fits(agent, day, entry.placement)) continue;
      const gain = scheduler.gainOf(entry.placement);
      if (!best || gain > best.gain + EPSILON) best = { day, entry, gain };
    }
  }
  return best;
}

/**
 * Round-robin construction: each unfinished agent-week takes, per round, its most valuable shift,
 * from the LP pool while the pool has one it may work, else the best free shift.
 */
function construct(scheduler: Scheduler, rng: RandomSource, pools: PoolEntry[][]): void {
  let open: AgentWeek[] = [];
  scheduler.agents.forEach((plan) => plan.minPaid.forEach((_, week) => open.push({ agent: plan.index, week })));
  while (open.length > 0) {
    const stillOpen: AgentWeek[] = [];
    for (const agentWeek of shuffled(open, rng)) {
      const plan = scheduler.agents[agentWeek.agent] as AgentPlan;
      const paid = scheduler.weekPaid[agentWeek.agent]?.[agentWeek.week] ?? 0;
      const reachedMinimum = paid >= (plan.minPaid[agentWeek.week] ?? 0) - EPSILON;
      const pooled = bestPooledAddition(scheduler, agentWeek, pools);
      if (pooled && (!reachedMinimum || pooled.gain > EPSILON)) {
        scheduler.apply(agentWeek.agent, pooled.day, pooled.entry.placement, 1);
        pooled.entry.remaining--;
        stillOpen.push(agentWeek);
        continue;
      }
      // With an LP pool, extra hours beyond the minimum wait for the improvement sweeps, which
      // first try to close gaps by moving shifts rather than by adding hours.
      const addition = reachedMinimum && pools.length > 0 ? null : bestAddition(scheduler, agentWeek);
      if (!addition || (reachedMinimum && addition.candidate.gain <= EPSILON)) {
        if (!reachedMinimum) {
          throw new WfmInputError(
            'wfm.infeasible_contract',
            `agents[${plan.index}].contractHoursPerWeek`,
            `agent "${plan.id}" cannot reach the minimum hours in week ${agentWeek.week + 1} within the rest rules`,
          );
        }
        continue;
      }
      scheduler.apply(agentWeek.agent, addition.day, addition.candidate.placement, 1);
      stillOpen.push(agentWeek);
    }
    open = stillOpen;
  }
}

/** Improvement sweeps; returns how many ran. */
function improve(scheduler: Scheduler, rng: RandomSource, maxSweeps: number): number {
  let sweep = 0;
  while (sweep < maxSweeps) {
    sweep++;
    let improvement = 0;
    improvement += replaceShifts(scheduler, rng);
    improvement += moveDays(scheduler, rng);
    improvement += adjustFlexibleHours(scheduler, rng);
    improvement += dropAndRepair(scheduler, rng);
    improvement += coverAndRepair(scheduler, rng);
    if (improvement <= EPSILON) break;
  }
  return sweep;
}

function allShifts(scheduler: Scheduler): { agent: number; day: number }[] {
  const list: { agent: number; day: number }[] = [];
  scheduler.agents.forEach((plan) => {
    for (let day = 0; day < scheduler.days; day++) if (scheduler.shiftAt(plan.index, day)) list.push({ agent: plan.index, day });
  });
  return list;
}

/** Re-places each shift at its best start, variant and breaks, with the others fixed. */
function replaceShifts(scheduler: Scheduler, rng: RandomSource): number {
  let improvement = 0;
  for (const { agent, day } of shuffled(allShifts(scheduler), rng)) {
    const current = scheduler.shiftAt(agent, day);
    if (!current) continue;
    const plan = scheduler.agents[agent] as AgentPlan;
    const week = Math.floor(day / DAYS_PER_WEEK);
    scheduler.apply(agent, day, current, -1);
    const currentGain = scheduler.gainOf(current);
    const paidWithout = scheduler.weekPaid[agent]?.[week] ?? 0;
    const best = scheduler.bestShift(
      agent,
      day,
      (plan.minPaid[week] ?? 0) - paidWithout,
      (plan.maxPaid[week] ?? 0) - paidWithout,
      { keep: current },
    );
    if (best && best.gain > currentGain - EPSILON && (best.gain > currentGain + EPSILON || rng.next() < 0.5)) {
      scheduler.apply(agent, day, best.placement, 1);
      improvement += best.gain - currentGain;
    } else {
      scheduler.apply(agent, day, current, 1);
    }
  }
  return improvement;
}

/** Moves a shift to one of the agent's free days in the same week when that covers better. */
function moveDays(scheduler: Scheduler, rng: RandomSource): number {
  let improvement = 0;
  for (const { agent, day } of shuffled(allShifts(scheduler), rng)) {
    const current = scheduler.shiftAt(agent, day);
    if (!current) continue;
    const plan = scheduler.agents[agent] as AgentPlan;
    const week = Math.floor(day / DAYS_PER_WEEK);
    const paidLength = scheduler.variants[current.variant]?.paidMinutes ?? 0;
    scheduler.apply(agent, day, current, -1);
    const currentGain = scheduler.gainOf(current);
    let best: { day: number; candidate: Candidate } | null = null;
    for (const other of weekDaysOf(week)) {
      if (other === day || !plan.availableDay[other] || scheduler.shiftAt(agent, other)) continue;
      const candidate = scheduler.bestShift(agent, other, paidLength, paidLength);
      if (candidate && candidate.gain > (best?.candidate.gain ?? currentGain) + EPSILON) best = { day: other, candidate };
    }
    if (best) {
      scheduler.apply(agent, best.day, best.candidate.placement, 1);
      improvement += best.candidate.gain - currentGain;
    } else {
      scheduler.apply(agent, day, current, 1);
    }
  }
  return improvement;
}

/** Where contracts are flexible, drops shifts that only add over-staffing and adds ones that remove under-staffing. */
function adjustFlexibleHours(scheduler: Scheduler, rng: RandomSource): number {
  let improvement = 0;
  for (const { agent, day } of shuffled(allShifts(scheduler), rng)) {
    const current = scheduler.shiftAt(agent, day);
    if (!current) continue;
    const plan = scheduler.agents[agent] as AgentPlan;
    const week = Math.floor(day / DAYS_PER_WEEK);
    const paidLength = scheduler.variants[current.variant]?.paidMinutes ?? 0;
    if ((scheduler.weekPaid[agent]?.[week] ?? 0) - paidLength < (plan.minPaid[week] ?? 0) - EPSILON) continue;
    scheduler.apply(agent, day, current, -1);
    const currentGain = scheduler.gainOf(current);
    if (currentGain < -EPSILON) {
      improvement -= currentGain;
    } else {
      scheduler.apply(agent, day, current, 1);
    }
  }
  const agentWeeks: AgentWeek[] = [];
  scheduler.agents.forEach((plan) => plan.maxPaid.forEach((_, week) => agentWeeks.push({ agent: plan.index, week })));
  for (const agentWeek of shuffled(agentWeeks, rng)) {
    const addition = bestAddition(scheduler, agentWeek);
    if (addition && addition.candidate.gain > EPSILON) {
      scheduler.apply(agentWeek.agent, addition.day, addition.candidate.placement, 1);
      improvement += addition.candidate.gain;
    }
  }
  return improvement;
}

/** Shifts re-placed, at most, to repair the hole a kicked or dropped shift leaves. */
const REPAIR_LIMIT = 24;
/** Shifts tried, at most, per under-staffed slot and kind of kick. */
const KICK_LIMIT = 8;

interface Change {
  agent: number;
  day: number;
  /** What the agent worked that day before the change. */
  previous: Placement | null;
}

/**
 * Lets up to REPAIR_LIMIT other shifts of `day` that start within `reach` slots of `anchor` move to
 * their best placement (best response each), recording every change in `undo`.
 */
function repairAround(
  scheduler: Scheduler,
  rng: RandomSource,
  day: number,
  anchor: number,
  reach: number,
  skipAgent: number,
  undo: Change[],
): void {
  const week = Math.floor(day / DAYS_PER_WEEK);
  const neighbours = scheduler.agents.filter((other) => {
    const shift = other.index === skipAgent ? null : scheduler.shiftAt(other.index, day);
    return shift !== null && Math.abs(shift.start - anchor) <= reach;
  });
  for (const other of shuffled(neighbours, rng).slice(0, REPAIR_LIMIT)) {
    const current = scheduler.shiftAt(other.index, day);
    if (!current) continue;
    scheduler.apply(other.index, day, current, -1);
    const paidWithout = scheduler.weekPaid[other.index]?.[week] ?? 0;
    const best = scheduler.bestShift(
      other.index,
      day,
      (other.minPaid[week] ?? 0) - paidWithout,
      (other.maxPaid[week] ?? 0) - paidWithout,
      { keep: current },
    );
    const chosen = best && best.gain > scheduler.gainOf(current) + EPSILON ? best.placement : current;
    scheduler.apply(other.index, day, chosen, 1);
    if (chosen !== current) undo.push({ agent: other.index, day, previous: current });
  }
}

function undoChanges(scheduler: Scheduler, undo: Change[]): void {
  for (const change of [...undo].reverse()) {
    const present = scheduler.shiftAt(change.agent, change.day);
    if (present) scheduler.apply(change.agent, change.day, present, -1);
    if (change.previous) scheduler.apply(change.agent, change.day, change.previous, 1);
  }
}

/**
 * Runs `change` (which records what it does in `undo`), keeps it if the objective over the days
 * it touched fell, and undoes it otherwise. Returns the improvement (0 when undone).
 */
function tryChange(scheduler: Scheduler, days: number[], change: (undo: Change[]) => boolean): number {
  const spd = scheduler.slotsPerDay;
  const from = Math.max(0, (Math.min(...days) - 1) * spd);
  const to = (Math.max(...days) + 2) * spd;
  const before = scheduler.costBetween(from, to);
  const undo: Change[] = [];
  if (change(undo)) {
    const after = scheduler.costBetween(from, to);
    if (after < before - EPSILON) return before - after;
  }
  undoChanges(scheduler, undo);
  return 0;
}

/**
 * An ejection chain for flexible contracts: drop a shift, let neighbouring shifts of the same day
 * move into the hole, and keep the result only if the objective fell. Single moves cannot find
 * this: the drop alone leaves under-staffing.
 */
function dropAndRepair(scheduler: Scheduler, rng: RandomSource): number {
  let improvement = 0;
  for (const { agent, day } of shuffled(allShifts(scheduler), rng)) {
    const dropped = scheduler.shiftAt(agent, day);
    if (!dropped) continue;
    const plan = scheduler.agents[agent] as AgentPlan;
    const week = Math.floor(day / DAYS_PER_WEEK);
    const variant = scheduler.variants[dropped.variant] as Variant;
    if ((scheduler.weekPaid[agent]?.[week] ?? 0) - variant.paidMinutes < (plan.minPaid[week] ?? 0) - EPSILON) continue;
    improvement += tryChange(scheduler, [day], (undo) => {
      scheduler.apply(agent, day, dropped, -1);
      undo.push({ agent, day, previous: dropped });
      repairAround(scheduler, rng, day, dropped.start, variant.spanSlots, agent, undo);
      return true;
    });
  }
  return improvement;
}

/**
 * Ejection chains aimed at each slot still under-staffed: pull a shift onto the slot, either by
 * re-placing one of that day's shifts or by moving an agent's shift there from another day of the
 * week, then let neighbours repair the hole it left.
 */
function coverAndRepair(scheduler: Scheduler, rng: RandomSource): number {
  let improvement = 0;
  const spd = scheduler.slotsPerDay;
  const horizonSlots = scheduler.days * spd;
  const underSlots: number[] = [];
  for (let slot = 0; slot < horizonSlots; slot++) {
    if ((scheduler.cover[slot] ?? 0) < (scheduler.need[slot] ?? 0) - EPSILON) underSlots.push(slot);
  }
  for (const slot of shuffled(underSlots, rng)) {
    const day = Math.floor(slot / spd);
    const week = Math.floor(day / DAYS_PER_WEEK);
    const pull = (agent: number, fromDay: number, undo: Change[]): boolean => {
      const current = scheduler.shiftAt(agent, fromDay);
      if (!current) return false;
      const plan = scheduler.agents[agent] as AgentPlan;
      scheduler.apply(agent, fromDay, current, -1);
      undo.push({ agent, day: fromDay, previous: current });
      const paidWithout = scheduler.weekPaid[agent]?.[week] ?? 0;
      const best = scheduler.bestShift(agent, day, (plan.minPaid[week] ?? 0) - paidWithout, (plan.maxPaid[week] ?? 0) - paidWithout, {
        mustCover: slot,
      });
      if (!best) return false;
      if (fromDay !== day) undo.push({ agent, day, previous: null });
      scheduler.apply(agent, day, best.placement, 1);
      const reach = (scheduler.variants[current.variant] as Variant).spanSlots;
      repairAround(scheduler, rng, fromDay, current.start, reach, agent, undo);
      return true;
    };
    const sameDay: number[] = [];
    const otherDays: { agent: number; day: number }[] = [];
    for (const plan of scheduler.agents) {
      const today = scheduler.shiftAt(plan.index, day);
      if (today) {
        if (!isOnQueue(scheduler, today, slot)) sameDay.push(plan.index);
        continue;
      }
      if (!plan.availableDay[day]) continue;
      for (const other of weekDaysOf(week)) {
        if (other !== day && scheduler.shiftAt(plan.index, other)) otherDays.push({ agent: plan.index, day: other });
      }
    }
    for (const agent of shuffled(sameDay, rng).slice(0, KICK_LIMIT)) {
      if ((scheduler.cover[slot] ?? 0) >= (scheduler.need[slot] ?? 0) - EPSILON) break;
      improvement += tryChange(scheduler, [day], (undo) => pull(agent, day, undo));
    }
    for (const move of shuffled(otherDays, rng).slice(0, KICK_LIMIT)) {
      if ((scheduler.cover[slot] ?? 0) >= (scheduler.need[slot] ?? 0) - EPSILON) break;
      improvement += tryChange(scheduler, [day, move.day], (undo) => pull(move.agent, move.day, undo));
    }
  }
  return improvement;
}

function isOnQueue(scheduler: Scheduler, placement: Placement, slot: number): boolean {
  const variant = scheduler.variants[placement.variant] as Variant;
  if (slot < placement.start || slot >= placement.start + variant.spanSlots) return false;
  return !placement.breaks.some((item) => slot >= placement.start + item.offset && slot < placement.start + item.offset + item.length);
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function report(
  scheduler: Scheduler,
  input: ScheduleInput,
  startDay: number,
  sweeps: number,
  bound: ShiftPlan['bound'],
): ScheduleResult {
  const grid = scheduler.grid;
  const slotHours = grid / 60;
  const horizonSlots = scheduler.days * scheduler.slotsPerDay;
  let onQueueSlots = 0;
  let underSlots = 0;
  let overSlots = 0;
  for (let slot = 0; slot < horizonSlots; slot++) {
    const cover = scheduler.cover[slot] ?? 0;
    const need = scheduler.need[slot] ?? 0;
    onQueueSlots += cover;
    underSlots += Math.max(0, need - cover);
    overSlots += Math.max(0, cover - need);
  }
  // On-queue time of shifts that run past the horizon still counts as scheduled.
  for (let slot = horizonSlots; slot < scheduler.totalSlots; slot++) {
    onQueueSlots += scheduler.cover[slot] ?? 0;
    overSlots += scheduler.cover[slot] ?? 0;
  }

  const slotsPerInterval = input.intervalMinutes / grid;
  const intervalsPerDay = MINUTES_PER_DAY / input.intervalMinutes;
  const coverage: number[] = [];
  const underCovered: UnderCoveredInterval[] = [];
  input.requirement.forEach((required, index) => {
    let sum = 0;
    let least = Number.POSITIVE_INFINITY;
    for (let offset = 0; offset < slotsPerInterval; offset++) {
      const cover = scheduler.cover[index * slotsPerInterval + offset] ?? 0;
      sum += cover;
      least = Math.min(least, cover);
    }
    coverage.push(sum / slotsPerInterval);
    if (least < required - EPSILON) {
      underCovered.push({
        index,
        date: dateOfDayNumber(startDay + Math.floor(index / intervalsPerDay)),
        startMinute: (index % intervalsPerDay) * input.intervalMinutes,
        required,
        scheduled: least,
      });
    }
  });

  const shifts: ScheduledShift[] = [];
  let paidMinutes = 0;
  scheduler.agents.forEach((plan) => {
    for (let day = 0; day < scheduler.days; day++) {
      const placement = scheduler.shiftAt(plan.index, day);
      if (!placement) continue;
      const variant = scheduler.variants[placement.variant] as Variant;
      const template = input.templates[variant.template] as ShiftTemplate;
      const dayStart = day * scheduler.slotsPerDay;
      const startMinute = (placement.start - dayStart) * grid;
      paidMinutes += variant.paidMinutes;
      shifts.push({
        agentId: plan.id,
        date: dateOfDayNumber(startDay + day),
        templateId: template.id,
        startMinute,
        endMinute: startMinute + variant.spanSlots * grid,
        paidMinutes: variant.paidMinutes,
        breaks: placement.breaks.map((item) => ({
          kind: item.kind,
          startMinute: startMinute + item.offset * grid,
          endMinute: startMinute + (item.offset + item.length) * grid,
          paid: item.kind === 'rest' ? (template.breaks.restPaid ?? true) : (template.breaks.meal?.paid ?? false),
        })),
      });
    }
  });

  const lowerBoundHours = input.requirement.reduce((sum, value) => sum + value, 0) * (input.intervalMinutes / 60);
  const onQueueHours = onQueueSlots * slotHours;
  return {
    gridMinutes: grid,
    shifts,
    coverage,
    underCovered,
    metrics: {
      lowerBoundHours,
      onQueueHours,
      paidHours: paidMinutes / 60,
      scheduledHoursVsLowerBound: lowerBoundHours > 0 ? onQueueHours / lowerBoundHours : onQueueHours > 0 ? Number.POSITIVE_INFINITY : 1,
      underStaffedHours: underSlots * slotHours,
      overStaffedHours: overSlots * slotHours,
      underCoveredIntervals: underCovered.length,
      ...(bound
        ? { lpBound: { onQueueHours: bound.onQueueSlots * slotHours, underStaffedHours: bound.underSlots * slotHours } }
        : {}),
    },
    agentWeeks: scheduler.agents.flatMap((plan) =>
      (scheduler.weekPaid[plan.index] ?? []).map((paid, week) => ({
        agentId: plan.id,
        week: week + 1,
        paidHours: paid / 60,
        days: scheduler.weekDays[plan.index]?.[week] ?? 0,
      })),
    ),
    sweeps,
  };
}
