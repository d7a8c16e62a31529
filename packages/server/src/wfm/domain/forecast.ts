/**
 * Interval forecasting for one queue (or channel): volume and AHT per interval for the coming days.
 *
 * A series is a run of whole local days, `intervalsPerDay` values each, from `startDate` at
 * midnight. Calendar positions come from the date (weekday = day number mod 7) and the slot in the
 * day, so daylight-saving changes are the importer's job: it maps rollups to wall-clock slots.
 *
 * Methods (after Taylor 2008, see docs/wfm-math.md): seasonal naive, weekday × intraday profile
 * with a linear trend, and additive double-seasonal Holt-Winters (daily and weekly cycles). Each
 * is backtested on a holdout and the lowest WAPE wins.
 */
import { WfmInputError, isFiniteNumber, requireInput } from './errors';

export type ForecastMethod = 'seasonalNaive' | 'weekdayProfile' | 'holtWinters';
export const FORECAST_METHODS: readonly ForecastMethod[] = ['seasonalNaive', 'weekdayProfile', 'holtWinters'];

export interface IntervalHistory {
  /** Local date of the first interval, YYYY-MM-DD. */
  startDate: string;
  /** 15 or 30 in practice; any divisor of a day up to 60. */
  intervalMinutes: number;
  /** Offered volume per interval, whole days only. */
  volumes: number[];
  /** Average handling time per interval, seconds (ignored where the volume is 0). */
  ahtSeconds?: number[];
}

export type ForecastAdjustment =
  /** +x% (or −x%) on a date range, optionally only between two times of day. */
  | {
      kind: 'percent';
      fromDate: string;
      toDate: string;
      percent: number;
      /** Minutes after midnight, inclusive; default 0. */
      fromMinute?: number;
      /** Minutes after midnight, exclusive; default 1440. */
      toMinute?: number;
    }
  /** A holiday: the given volumes, or the forecast of `likeDate`, or closed (zero) when neither. */
  | { kind: 'holiday'; date: string; volumes?: number[]; likeDate?: string }
  /** A planned business change: volumes × multiplier from a date on. */
  | { kind: 'businessChange'; fromDate: string; multiplier: number };

export interface ForecastOptions {
  /** Days to forecast after the history; default 14. */
  horizonDays?: number;
  /** Force a method instead of picking the best backtest. */
  method?: ForecastMethod;
  /** Days held out for the backtest; default 7. */
  holdoutDays?: number;
  /** Weeks of recent history the profile methods average; default 8. */
  profileWeeks?: number;
  adjustments?: ForecastAdjustment[];
}

export interface BacktestScore {
  method: ForecastMethod;
  /** Σ|actual − forecast| / Σ actual. */
  wape: number;
  /** Mean of |actual − forecast| / actual over intervals with actual > 0 (zero actuals are skipped). */
  mape: number | null;
  /** How many holdout intervals MAPE skipped because the actual was 0. */
  zeroActuals: number;
}

export interface VolumeForecast {
  /** First forecast day (the day after the history). */
  startDate: string;
  intervalMinutes: number;
  method: ForecastMethod;
  /** One score per method that had enough history, best first; empty when the history is too short. */
  backtest: BacktestScore[];
  /** Forecast before adjustments. */
  baseVolumes: number[];
  volumes: number[];
  ahtSeconds?: number[];
}

const DAYS_PER_WEEK = 7;
const MINUTES_PER_DAY = 1440;
/** Training days each method needs: the profiles one week, Holt-Winters one to start, one to fit, one to validate. */
const MINIMUM_TRAINING_DAYS: Record<ForecastMethod, number> = {
  seasonalNaive: 7,
  weekdayProfile: 7,
  holtWinters: 21,
};
const DEFAULTS = { horizonDays: 14, holdoutDays: 7, profileWeeks: 8 } as const;

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------

/** Days since 1970-01-01 for a YYYY-MM-DD date; throws naming `field` when it is not a real date. */
export function dayNumberOf(date: string, field: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const milliseconds = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  const day = milliseconds / 86_400_000;
  if (!Number.isInteger(day) || dateOfDayNumber(day) !== date) {
    throw new WfmInputError('wfm.invalid_input', field, `must be a date as YYYY-MM-DD, got "${date}"`);
  }
  return day;
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDayNumber(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

// ---------------------------------------------------------------------------------------------
// Accuracy
// ---------------------------------------------------------------------------------------------

/** Weighted absolute percentage error; 0 when actuals and forecast are both all zero, Infinity when only actuals are. */
export function wape(actual: readonly number[], forecast: readonly number[]): number {
  let error = 0;
  let volume = 0;
  actual.forEach((value, index) => {
    error += Math.abs(value - (forecast[index] ?? 0));
    volume += Math.abs(value);
  });
  if (volume === 0) return error === 0 ? 0 : Number.POSITIVE_INFINITY;
  return error / volume;
}

/** Mean absolute percentage error over intervals with a non-zero actual; null when every actual is 0. */
export function mape(actual: readonly number[], forecast: readonly number[]): { mape: number | null; zeroActuals: number } {
  let sum = 0;
  let counted = 0;
  actual.forEach((value, index) => {
    if (value === 0) return;
    sum += Math.abs(value - (forecast[index] ?? 0)) / Math.abs(value);
    counted++;
  });
  return { mape: counted === 0 ? null : sum / counted, zeroActuals: actual.length - counted };
}

// ---------------------------------------------------------------------------------------------
// Methods. Each takes a training series of whole days and returns `horizon` values after it.
// ---------------------------------------------------------------------------------------------

/** The same slot one week earlier, repeating the last observed week. */
export function seasonalNaive(train: readonly number[], intervalsPerDay: number, horizon: number): number[] {
  const season = DAYS_PER_WEEK * intervalsPerDay;
  const lastWeek = train.slice(train.length - season);
  return Array.from({ length: horizon }, (_, step) => lastWeek[step % season] ?? 0);
}

/**
 * Day totals = linear trend × weekday factor, spread over the day by that weekday's intraday
 * profile. Factors, profiles and trend come from the last `profileWeeks` whole weeks; with a single
 * week the trend is flat.
 */
export function weekdayProfile(
  train: readonly number[],
  intervalsPerDay: number,
  horizon: number,
  profileWeeks: number,
): number[] {
  const trainDays = train.length / intervalsPerDay;
  const windowDays = Math.min(profileWeeks, Math.floor(trainDays / DAYS_PER_WEEK)) * DAYS_PER_WEEK;
  const firstDay = trainDays - windowDays;
  const dayTotals: number[] = [];
  const weekdayTotals = new Array<number>(DAYS_PER_WEEK).fill(0);
  const slotTotals = Array.from({ length: DAYS_PER_WEEK }, () => new Array<number>(intervalsPerDay).fill(0));
  for (let day = firstDay; day < trainDays; day++) {
    const phase = day % DAYS_PER_WEEK;
    let total = 0;
    for (let slot = 0; slot < intervalsPerDay; slot++) {
      const value = train[day * intervalsPerDay + slot] ?? 0;
      total += value;
      addAt(slotTotals[phase], slot, value);
    }
    dayTotals.push(total);
    addAt(weekdayTotals, phase, total);
  }
  const meanDay = weekdayTotals.reduce((sum, value) => sum + value, 0) / DAYS_PER_WEEK;
  if (meanDay === 0) return new Array<number>(horizon).fill(0);

  // Classical decomposition: weekday factors and the trend are estimated in turn, because under a
  // trend the raw weekday means are biased by where each weekday falls in the window.
  let weekdayFactor = weekdayTotals.map((total) => total / DAYS_PER_WEEK / meanDay);
  let trend = { intercept: meanDay, slope: 0 };
  const withTrend = windowDays > DAYS_PER_WEEK;
  for (let round = 0; round < (withTrend ? 3 : 1); round++) {
    const adjusted: { x: number; y: number }[] = [];
    dayTotals.forEach((total, index) => {
      const factor = weekdayFactor[(firstDay + index) % DAYS_PER_WEEK] ?? 0;
      if (factor > 0) adjusted.push({ x: index, y: total / factor });
    });
    trend = withTrend ? linearFit(adjusted) : flatFit(adjusted);
    if (!withTrend) break;
    const ratioSums = new Array<number>(DAYS_PER_WEEK).fill(0);
    dayTotals.forEach((total, index) => {
      const level = trend.intercept + trend.slope * index;
      addAt(ratioSums, (firstDay + index) % DAYS_PER_WEEK, level > 0 ? total / level : 0);
    });
    const meanRatio = ratioSums.reduce((sum, value) => sum + value, 0) / DAYS_PER_WEEK;
    if (meanRatio === 0) break;
    weekdayFactor = ratioSums.map((sum) => sum / meanRatio);
  }
  const { intercept, slope } = trend;

  return Array.from({ length: horizon }, (_, step) => {
    const day = trainDays + Math.floor(step / intervalsPerDay);
    const slot = step % intervalsPerDay;
    const phase = day % DAYS_PER_WEEK;
    const dayTotal = Math.max(0, intercept + slope * (day - firstDay)) * (weekdayFactor[phase] ?? 0);
    const phaseTotal = weekdayTotals[phase] ?? 0;
    return phaseTotal === 0 ? 0 : (dayTotal * (slotTotals[phase]?.[slot] ?? 0)) / phaseTotal;
  });
}

function addAt(values: number[] | undefined, index: number, amount: number): void {
  if (values) values[index] = (values[index] ?? 0) + amount;
}

function linearFit(points: { x: number; y: number }[]): { intercept: number; slope: number } {
  const n = points.length;
  if (n < 2) return flatFit(points);
  const meanX = points.reduce((sum, point) => sum + point.x, 0) / n;
  const meanY = points.reduce((sum, point) => sum + point.y, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.x - meanX) * (point.y - meanY);
    variance += (point.x - meanX) ** 2;
  }
  const slope = variance === 0 ? 0 : covariance / variance;
  return { intercept: meanY - slope * meanX, slope };
}

function flatFit(points: { x: number; y: number }[]): { intercept: number; slope: number } {
  const mean = points.length === 0 ? 0 : points.reduce((sum, point) => sum + point.y, 0) / points.length;
  return { intercept: mean, slope: 0 };
}

export interface HoltWintersParameters {
  /** Level smoothing. */
  alpha: number;
  /** Trend smoothing (0 keeps the trend at zero). */
  gamma: number;
  /** Daily seasonal smoothing. */
  delta: number;
  /** Weekly seasonal smoothing. */
  omega: number;
}

const HOLT_WINTERS_GRID: HoltWintersParameters[] = (() => {
  const grid: HoltWintersParameters[] = [];
  for (const alpha of [0.01, 0.05, 0.2])
    for (const gamma of [0, 0.001])
      for (const delta of [0.01, 0.05, 0.2])
        for (const omega of [0.01, 0.05, 0.2]) grid.push({ alpha, gamma, delta, omega });
  return grid;
})();

/**
 * Additive double-seasonal Holt-Winters (Taylor 2003), cycles of one day and one week:
 *   level  l_t = α(y_t − d_{t−s1} − w_{t−s2}) + (1−α)(l_{t−1} + b_{t−1})
 *   trend  b_t = γ(l_t − l_{t−1}) + (1−γ)b_{t−1}
 *   daily  d_t = δ(y_t − l_t − w_{t−s2}) + (1−δ)d_{t−s1}
 *   weekly w_t = ω(y_t − l_t − d_{t−s1}) + (1−ω)w_{t−s2}
 *   ŷ_{t+h} = l_t + h·b_t + d_{t−s1+h} + w_{t−s2+h}, floored at 0.
 * Additive, because night intervals with no calls would break multiplicative indices. The first
 * week initialises the indices. Without `parameters`, the grid point with the lowest WAPE on the
 * last week of the training data (fitted on the weeks before it) is used.
 */
export function holtWinters(
  train: readonly number[],
  intervalsPerDay: number,
  horizon: number,
  parameters?: HoltWintersParameters,
): number[] {
  const week = DAYS_PER_WEEK * intervalsPerDay;
  const chosen = parameters ?? chooseHoltWintersParameters(train, intervalsPerDay, week);
  return runHoltWinters(train, intervalsPerDay, horizon, chosen);
}

function chooseHoltWintersParameters(train: readonly number[], intervalsPerDay: number, week: number): HoltWintersParameters {
  const fit = train.slice(0, train.length - week);
  const validation = train.slice(train.length - week);
  let best = HOLT_WINTERS_GRID[0] as HoltWintersParameters;
  let bestError = Number.POSITIVE_INFINITY;
  for (const candidate of HOLT_WINTERS_GRID) {
    const error = wape(validation, runHoltWinters(fit, intervalsPerDay, week, candidate));
    if (error < bestError) {
      bestError = error;
      best = candidate;
    }
  }
  return best;
}

function runHoltWinters(
  train: readonly number[],
  dayLength: number,
  horizon: number,
  { alpha, gamma, delta, omega }: HoltWintersParameters,
): number[] {
  const weekLength = DAYS_PER_WEEK * dayLength;
  let level = 0;
  for (let t = 0; t < weekLength; t++) level += train[t] ?? 0;
  level /= weekLength;
  const daily = new Float64Array(dayLength);
  for (let t = 0; t < weekLength; t++) daily[t % dayLength] = (daily[t % dayLength] ?? 0) + ((train[t] ?? 0) - level) / DAYS_PER_WEEK;
  const weekly = new Float64Array(weekLength);
  for (let t = 0; t < weekLength; t++) weekly[t] = (train[t] ?? 0) - level - (daily[t % dayLength] ?? 0);

  let trend = 0;
  for (let t = weekLength; t < train.length; t++) {
    const y = train[t] ?? 0;
    const dayPhase = t % dayLength;
    const weekPhase = t % weekLength;
    const previousDaily = daily[dayPhase] ?? 0;
    const previousWeekly = weekly[weekPhase] ?? 0;
    const previousLevel = level;
    level = alpha * (y - previousDaily - previousWeekly) + (1 - alpha) * (level + trend);
    trend = gamma * (level - previousLevel) + (1 - gamma) * trend;
    daily[dayPhase] = delta * (y - level - previousWeekly) + (1 - delta) * previousDaily;
    weekly[weekPhase] = omega * (y - level - previousDaily) + (1 - omega) * previousWeekly;
  }
  const origin = train.length;
  return Array.from({ length: horizon }, (_, step) => {
    const t = origin + step;
    const value = level + (step + 1) * trend + (daily[t % dayLength] ?? 0) + (weekly[t % weekLength] ?? 0);
    return Math.max(0, value);
  });
}

function runMethod(
  method: ForecastMethod,
  train: readonly number[],
  intervalsPerDay: number,
  horizon: number,
  profileWeeks: number,
): number[] {
  switch (method) {
    case 'seasonalNaive':
      return seasonalNaive(train, intervalsPerDay, horizon);
    case 'weekdayProfile':
      return weekdayProfile(train, intervalsPerDay, horizon, profileWeeks);
    case 'holtWinters':
      return holtWinters(train, intervalsPerDay, horizon);
  }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

interface CheckedHistory {
  startDay: number;
  intervalsPerDay: number;
  days: number;
}

export function validateHistory(history: IntervalHistory): CheckedHistory {
  const startDay = dayNumberOf(history.startDate, 'startDate');
  requireInput(
    Number.isInteger(history.intervalMinutes) &&
      history.intervalMinutes > 0 &&
      history.intervalMinutes <= 60 &&
      MINUTES_PER_DAY % history.intervalMinutes === 0,
    'intervalMinutes',
    'must divide a day and be at most 60 (15 or 30 in practice)',
  );
  if (!Array.isArray(history.volumes) || history.volumes.length === 0) {
    throw new WfmInputError('wfm.empty_history', 'volumes', 'the history has no intervals');
  }
  const intervalsPerDay = MINUTES_PER_DAY / history.intervalMinutes;
  if (history.volumes.length % intervalsPerDay !== 0) {
    throw new WfmInputError(
      'wfm.malformed_history',
      'volumes',
      `must hold whole days of ${intervalsPerDay} intervals, got ${history.volumes.length}`,
    );
  }
  history.volumes.forEach((volume, index) => {
    if (!isFiniteNumber(volume) || volume < 0) {
      throw new WfmInputError('wfm.malformed_history', `volumes[${index}]`, `must be a number ≥ 0, got ${String(volume)}`);
    }
  });
  if (history.ahtSeconds !== undefined) {
    if (history.ahtSeconds.length !== history.volumes.length) {
      throw new WfmInputError('wfm.malformed_history', 'ahtSeconds', 'must have one value per volume');
    }
    history.ahtSeconds.forEach((aht, index) => {
      if (!isFiniteNumber(aht) || aht < 0) {
        throw new WfmInputError('wfm.malformed_history', `ahtSeconds[${index}]`, `must be a number ≥ 0, got ${String(aht)}`);
      }
    });
  }
  const days = history.volumes.length / intervalsPerDay;
  if (days < DAYS_PER_WEEK) {
    throw new WfmInputError('wfm.history_too_short', 'volumes', `needs at least 7 days of history, got ${days}`);
  }
  return { startDay, intervalsPerDay, days };
}

// ---------------------------------------------------------------------------------------------
// Backtest, selection and the forecast itself
// ---------------------------------------------------------------------------------------------

/** Scores every method with enough training data on the last `holdoutDays`, best (lowest WAPE) first. */
export function backtest(history: IntervalHistory, options: ForecastOptions = {}): BacktestScore[] {
  const { intervalsPerDay, days } = validateHistory(history);
  const holdoutDays = options.holdoutDays ?? DEFAULTS.holdoutDays;
  requireInput(Number.isInteger(holdoutDays) && holdoutDays >= 1, 'holdoutDays', 'must be an integer ≥ 1');
  const profileWeeks = options.profileWeeks ?? DEFAULTS.profileWeeks;
  const trainDays = days - holdoutDays;
  const split = trainDays * intervalsPerDay;
  const train = history.volumes.slice(0, split);
  const actual = history.volumes.slice(split);
  const scores: BacktestScore[] = [];
  for (const method of FORECAST_METHODS) {
    if (trainDays < MINIMUM_TRAINING_DAYS[method]) continue;
    const forecast = runMethod(method, train, intervalsPerDay, actual.length, profileWeeks);
    scores.push({ method, wape: wape(actual, forecast), ...mape(actual, forecast) });
  }
  // Stable sort keeps the simpler method first on a tie.
  return scores.sort((a, b) => a.wape - b.wape);
}

/** Forecast volumes (and AHT, when the history has it) for the days after the history. */
export function forecastSeries(history: IntervalHistory, options: ForecastOptions = {}): VolumeForecast {
  const { startDay, intervalsPerDay, days } = validateHistory(history);
  const horizonDays = options.horizonDays ?? DEFAULTS.horizonDays;
  requireInput(Number.isInteger(horizonDays) && horizonDays >= 1, 'horizonDays', 'must be an integer ≥ 1');
  const profileWeeks = options.profileWeeks ?? DEFAULTS.profileWeeks;
  requireInput(Number.isInteger(profileWeeks) && profileWeeks >= 1, 'profileWeeks', 'must be an integer ≥ 1');
  if (options.method !== undefined) {
    requireInput(FORECAST_METHODS.includes(options.method), 'method', `must be one of ${FORECAST_METHODS.join(', ')}`);
    requireInput(
      days >= MINIMUM_TRAINING_DAYS[options.method],
      'method',
      `${options.method} needs ${MINIMUM_TRAINING_DAYS[options.method]} days of history`,
    );
  }

  const holdoutDays = options.holdoutDays ?? DEFAULTS.holdoutDays;
  const canBacktest = days - holdoutDays >= DAYS_PER_WEEK;
  const scores = options.method === undefined && canBacktest ? backtest(history, options) : [];
  const method = options.method ?? scores[0]?.method ?? 'weekdayProfile';
  const horizon = horizonDays * intervalsPerDay;
  const baseVolumes = runMethod(method, history.volumes, intervalsPerDay, horizon, profileWeeks);
  const firstForecastDay = startDay + days;
  const volumes = applyAdjustments(baseVolumes, firstForecastDay, intervalsPerDay, options.adjustments ?? []);
  const ahtSeconds =
    history.ahtSeconds === undefined
      ? undefined
      : forecastAht(history.volumes, history.ahtSeconds, intervalsPerDay, horizon, profileWeeks);
  return {
    startDate: dateOfDayNumber(firstForecastDay),
    intervalMinutes: history.intervalMinutes,
    method,
    backtest: scores,
    baseVolumes,
    volumes,
    ...(ahtSeconds === undefined ? {} : { ahtSeconds }),
  };
}

/**
 * AHT per interval: the volume-weighted mean AHT of the same weekday and slot over the last
 * `profileWeeks` weeks, falling back to the same slot on any day, then to the overall mean.
 */
export function forecastAht(
  volumes: readonly number[],
  ahtSeconds: readonly number[],
  intervalsPerDay: number,
  horizon: number,
  profileWeeks: number,
): number[] {
  const week = DAYS_PER_WEEK * intervalsPerDay;
  const windowStart = Math.max(0, volumes.length - profileWeeks * week);
  const phaseWork = new Float64Array(week);
  const phaseVolume = new Float64Array(week);
  const slotWork = new Float64Array(intervalsPerDay);
  const slotVolume = new Float64Array(intervalsPerDay);
  let totalWork = 0;
  let totalVolume = 0;
  for (let t = windowStart; t < volumes.length; t++) {
    const volume = volumes[t] ?? 0;
    const work = volume * (ahtSeconds[t] ?? 0);
    const weekPhase = t % week;
    const slot = t % intervalsPerDay;
    phaseWork[weekPhase] = (phaseWork[weekPhase] ?? 0) + work;
    phaseVolume[weekPhase] = (phaseVolume[weekPhase] ?? 0) + volume;
    slotWork[slot] = (slotWork[slot] ?? 0) + work;
    slotVolume[slot] = (slotVolume[slot] ?? 0) + volume;
    totalWork += work;
    totalVolume += volume;
  }
  const overall = totalVolume > 0 ? totalWork / totalVolume : 0;
  return Array.from({ length: horizon }, (_, step) => {
    const t = volumes.length + step;
    const weekPhase = t % week;
    const slot = t % intervalsPerDay;
    const byPhase = phaseVolume[weekPhase] ?? 0;
    if (byPhase > 0) return (phaseWork[weekPhase] ?? 0) / byPhase;
    const bySlot = slotVolume[slot] ?? 0;
    return bySlot > 0 ? (slotWork[slot] ?? 0) / bySlot : overall;
  });
}

/**
 * Applies adjustments in a fixed order, whatever order they are given in: business changes
 * (multipliers from a date on), then percentage changes, which compound, then holidays, which
 * replace the day outright (a holiday `likeDate` copies that date's adjusted forecast).
 */
export function applyAdjustments(
  baseVolumes: readonly number[],
  firstDay: number,
  intervalsPerDay: number,
  adjustments: readonly ForecastAdjustment[],
): number[] {
  const volumes = [...baseVolumes];
  const days = volumes.length / intervalsPerDay;
  const intervalMinutes = MINUTES_PER_DAY / intervalsPerDay;
  const scaleDays = (fromDay: number, toDay: number, fromSlot: number, toSlot: number, factor: number) => {
    for (let day = Math.max(fromDay, firstDay); day <= Math.min(toDay, firstDay + days - 1); day++) {
      const offset = (day - firstDay) * intervalsPerDay;
      for (let slot = fromSlot; slot < toSlot; slot++) volumes[offset + slot] = (volumes[offset + slot] ?? 0) * factor;
    }
  };

  adjustments.forEach((adjustment, index) => {
    if (adjustment.kind !== 'businessChange') return;
    requireInput(
      isFiniteNumber(adjustment.multiplier) && adjustment.multiplier >= 0,
      `adjustments[${index}].multiplier`,
      'must be ≥ 0',
    );
    const fromDay = dayNumberOf(adjustment.fromDate, `adjustments[${index}].fromDate`);
    scaleDays(fromDay, Number.POSITIVE_INFINITY, 0, intervalsPerDay, adjustment.multiplier);
  });

  adjustments.forEach((adjustment, index) => {
    if (adjustment.kind !== 'percent') return;
    requireInput(
      isFiniteNumber(adjustment.percent) && adjustment.percent >= -100,
      `adjustments[${index}].percent`,
      'must be ≥ −100',
    );
    const fromDay = dayNumberOf(adjustment.fromDate, `adjustments[${index}].fromDate`);
    const toDay = dayNumberOf(adjustment.toDate, `adjustments[${index}].toDate`);
    requireInput(toDay >= fromDay, `adjustments[${index}].toDate`, 'must not be before fromDate');
    const fromMinute = adjustment.fromMinute ?? 0;
    const toMinute = adjustment.toMinute ?? MINUTES_PER_DAY;
    requireInput(
      Number.isInteger(fromMinute) && fromMinute >= 0 && fromMinute < MINUTES_PER_DAY,
      `adjustments[${index}].fromMinute`,
      'must be a minute of the day',
    );
    requireInput(
      Number.isInteger(toMinute) && toMinute > fromMinute && toMinute <= MINUTES_PER_DAY,
      `adjustments[${index}].toMinute`,
      'must be after fromMinute and at most 1440',
    );
    const fromSlot = Math.floor(fromMinute / intervalMinutes);
    const toSlot = Math.ceil(toMinute / intervalMinutes);
    scaleDays(fromDay, toDay, fromSlot, toSlot, 1 + adjustment.percent / 100);
  });

  const beforeHolidays = [...volumes];
  adjustments.forEach((adjustment, index) => {
    if (adjustment.kind !== 'holiday') return;
    const day = dayNumberOf(adjustment.date, `adjustments[${index}].date`);
    if (day < firstDay || day >= firstDay + days) return;
    const offset = (day - firstDay) * intervalsPerDay;
    const replacement = holidayVolumes(adjustment, index, beforeHolidays, firstDay, intervalsPerDay);
    replacement.forEach((value, slot) => {
      volumes[offset + slot] = value;
    });
  });
  return volumes;
}

function holidayVolumes(
  holiday: Extract<ForecastAdjustment, { kind: 'holiday' }>,
  index: number,
  adjusted: readonly number[],
  firstDay: number,
  intervalsPerDay: number,
): number[] {
  if (holiday.volumes !== undefined) {
    requireInput(
      holiday.volumes.length === intervalsPerDay && holiday.volumes.every((value) => isFiniteNumber(value) && value >= 0),
      `adjustments[${index}].volumes`,
      `must be ${intervalsPerDay} numbers ≥ 0`,
    );
    return holiday.volumes;
  }
  if (holiday.likeDate !== undefined) {
    const likeDay = dayNumberOf(holiday.likeDate, `adjustments[${index}].likeDate`);
    const offset = (likeDay - firstDay) * intervalsPerDay;
    requireInput(
      offset >= 0 && offset + intervalsPerDay <= adjusted.length,
      `adjustments[${index}].likeDate`,
      'must be a date inside the forecast horizon',
    );
    return adjusted.slice(offset, offset + intervalsPerDay);
  }
  return new Array<number>(intervalsPerDay).fill(0);
}

// ---------------------------------------------------------------------------------------------
// Intraday reforecast
// ---------------------------------------------------------------------------------------------

export interface IntradayReforecast {
  /** Σ actual / Σ forecast over the elapsed intervals; 1 when nothing was forecast so far. */
  ratio: number;
  /** Actuals for the elapsed intervals, forecast × ratio for the rest of the day. */
  volumes: number[];
}

/** Scales the rest of today by how the day has run so far (Taylor's intraday updating). */
export function reforecastIntraday(todayForecast: readonly number[], actualSoFar: readonly number[]): IntradayReforecast {
  requireInput(actualSoFar.length <= todayForecast.length, 'actualSoFar', 'has more intervals than the forecast');
  todayForecast.forEach((value, index) =>
    requireInput(isFiniteNumber(value) && value >= 0, `todayForecast[${index}]`, 'must be a number ≥ 0'),
  );
  actualSoFar.forEach((value, index) =>
    requireInput(isFiniteNumber(value) && value >= 0, `actualSoFar[${index}]`, 'must be a number ≥ 0'),
  );
  const forecastSoFar = todayForecast.slice(0, actualSoFar.length).reduce((sum, value) => sum + value, 0);
  const actualTotal = actualSoFar.reduce((sum, value) => sum + value, 0);
  const ratio = forecastSoFar > 0 ? actualTotal / forecastSoFar : 1;
  return {
    ratio,
    volumes: todayForecast.map((value, index) => (index < actualSoFar.length ? (actualSoFar[index] ?? 0) : value * ratio)),
  };
}
