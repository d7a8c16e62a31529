import { describe, expect, it } from 'vitest';
import { poisson, seededRandom } from '../../platform/random';
import { WfmInputError } from './errors';
import {
  applyAdjustments,
  backtest,
  dayNumberOf,
  forecastAht,
  forecastSeries,
  holtWinters,
  mape,
  reforecastIntraday,
  seasonalNaive,
  wape,
  weekdayOfDayNumber,
  weekdayProfile,
  type IntervalHistory,
} from './forecast';

const SLOTS = 48;
/** 2024-01-07 is a Sunday, so day d of a series has weekday d mod 7. */
const START = '2024-01-07';
const WEEKDAY_FACTOR = [0.55, 1.25, 1.15, 1.05, 1.0, 0.95, 0.7];

function intradayShape(slot: number): number {
  const hour = slot / 2;
  if (hour < 7 || hour >= 22) return 0;
  return Math.exp(-((hour - 10.5) ** 2) / 4) + 0.8 * Math.exp(-((hour - 15) ** 2) / 5) + 0.2;
}

/** Expected volume of day d, slot s: level × (1 + growth·d) × weekday factor × intraday shape. */
function expectedVolume(day: number, slot: number, growthPerDay = 0): number {
  return 40 * (1 + growthPerDay * day) * (WEEKDAY_FACTOR[day % 7] ?? 1) * intradayShape(slot);
}

function series(days: number, value: (day: number, slot: number) => number): number[] {
  return Array.from({ length: days * SLOTS }, (_, t) => value(Math.floor(t / SLOTS), t % SLOTS));
}

function errorOf(run: () => unknown): WfmInputError {
  try {
    run();
  } catch (error) {
    if (error instanceof WfmInputError) return error;
    throw error;
  }
  throw new Error('expected a WfmInputError');
}

describe('calendar', () => {
  it('parses dates and weekdays without the clock', () => {
    expect(weekdayOfDayNumber(dayNumberOf(START, 'date'))).toBe(0);
    expect(weekdayOfDayNumber(dayNumberOf('2024-02-29', 'date'))).toBe(4);
    expect(errorOf(() => dayNumberOf('2023-02-29', 'startDate')).field).toBe('startDate');
    expect(errorOf(() => dayNumberOf('7/1/2024', 'startDate')).code).toBe('wfm.invalid_input');
  });
});

describe('accuracy measures', () => {
  it('computes WAPE and skips zero actuals in MAPE', () => {
    expect(wape([10, 0, 30], [12, 1, 27])).toBeCloseTo(6 / 40, 15);
    expect(mape([10, 0, 30], [12, 1, 27])).toEqual({ mape: (0.2 + 0.1) / 2, zeroActuals: 1 });
    expect(mape([0, 0], [1, 0])).toEqual({ mape: null, zeroActuals: 2 });
    expect(wape([0, 0], [0, 0])).toBe(0);
    expect(wape([0, 0], [1, 0])).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('methods', () => {
  it('seasonal naive repeats the last week', () => {
    const train = series(14, (day, slot) => day * 100 + slot);
    const forecast = seasonalNaive(train, SLOTS, 8 * SLOTS);
    expect(forecast[0]).toBe(700);
    expect(forecast[6 * SLOTS + 5]).toBe(1305);
    expect(forecast[7 * SLOTS + 3]).toBe(703);
  });

  it('weekday profile reproduces a stable weekly pattern exactly and follows a trend', () => {
    const flat = series(28, (day, slot) => expectedVolume(day, slot));
    const forecast = weekdayProfile(flat, SLOTS, 7 * SLOTS, 8);
    const truth = series(35, (day, slot) => expectedVolume(day, slot)).slice(28 * SLOTS);
    forecast.forEach((value, index) => expect(value).toBeCloseTo(truth[index] ?? 0, 9));

    const growing = series(56, (day, slot) => expectedVolume(day, slot, 0.01));
    const trended = weekdayProfile(growing, SLOTS, 7 * SLOTS, 8);
    const future = series(63, (day, slot) => expectedVolume(day, slot, 0.01)).slice(56 * SLOTS);
    expect(wape(future, trended)).toBeLessThan(1e-4);
    // The naive method misses the week of growth (1% a day).
    expect(wape(future, seasonalNaive(growing, SLOTS, 7 * SLOTS))).toBeGreaterThan(0.04);
  });

  it('Holt-Winters reproduces a noise-free double-seasonal series', () => {
    const clean = series(35, (day, slot) => expectedVolume(day, slot));
    const forecast = holtWinters(clean, SLOTS, 7 * SLOTS);
    const truth = series(42, (day, slot) => expectedVolume(day, slot)).slice(35 * SLOTS);
    expect(wape(truth, forecast)).toBeLessThan(1e-6);
  });
});

describe('backtest and selection', () => {
  const rng = seededRandom(3);
  const noisy: IntervalHistory = {
    startDate: START,
    intervalMinutes: 30,
    volumes: series(84, (day, slot) => poisson(rng, expectedVolume(day, slot, 0.003))),
  };

  it('scores each method on the holdout, best first, close to the Poisson noise floor', () => {
    const scores = backtest(noisy);
    expect(scores.map((score) => score.method).sort()).toEqual(['holtWinters', 'seasonalNaive', 'weekdayProfile']);
    for (let i = 1; i < scores.length; i++) expect(scores[i - 1]?.wape).toBeLessThanOrEqual(scores[i]?.wape ?? 0);
    // The true means score what pure Poisson noise allows.
    const holdout = noisy.volumes.slice(77 * SLOTS);
    const truth = series(84, (day, slot) => expectedVolume(day, slot, 0.003)).slice(77 * SLOTS);
    const noiseFloor = wape(holdout, truth);
    expect(scores[0]?.wape).toBeLessThan(noiseFloor * 1.15);
    expect(scores[0]?.zeroActuals).toBeGreaterThan(0);
  });

  it('forecasts with the winning method and starts the day after the history', () => {
    const result = forecastSeries(noisy, { horizonDays: 14 });
    expect(result.method).toBe(backtest(noisy)[0]?.method);
    expect(result.startDate).toBe('2024-03-31');
    expect(result.volumes).toHaveLength(14 * SLOTS);
    expect(result.volumes.every((value) => value >= 0)).toBe(true);
  });

  it('skips the backtest when the history is too short for a holdout, and honours a forced method', () => {
    const shortHistory = { ...noisy, volumes: noisy.volumes.slice(0, 10 * SLOTS) };
    const result = forecastSeries(shortHistory, { horizonDays: 1 });
    expect(result.backtest).toEqual([]);
    expect(result.method).toBe('weekdayProfile');
    expect(forecastSeries(noisy, { method: 'seasonalNaive', horizonDays: 1 }).method).toBe('seasonalNaive');
    expect(errorOf(() => forecastSeries(shortHistory, { method: 'holtWinters' })).field).toBe('method');
  });
});

describe('adjustments', () => {
  const firstDay = dayNumberOf('2024-03-04', 'date'); // a Monday
  const base = new Array<number>(3 * SLOTS).fill(10);

  it('applies a percentage to a date range and time window', () => {
    const adjusted = applyAdjustments(base, firstDay, SLOTS, [
      { kind: 'percent', fromDate: '2024-03-05', toDate: '2024-03-06', percent: 20, fromMinute: 540, toMinute: 600 },
    ]);
    expect(adjusted[18]).toBe(10); // day 1, 09:00: outside the range
    expect(adjusted[SLOTS + 17]).toBe(10); // day 2, 08:30
    expect(adjusted[SLOTS + 18]).toBe(12); // day 2, 09:00
    expect(adjusted[SLOTS + 19]).toBe(12); // day 2, 09:30
    expect(adjusted[SLOTS + 20]).toBe(10); // day 2, 10:00
    expect(adjusted[2 * SLOTS + 18]).toBe(12);
  });

  it('closes a holiday, or gives it a profile, after business changes and percentages', () => {
    const holidayProfile = new Array<number>(SLOTS).fill(2);
    const adjusted = applyAdjustments(base, firstDay, SLOTS, [
      { kind: 'holiday', date: '2024-03-04' },
      { kind: 'percent', fromDate: '2024-03-04', toDate: '2024-03-06', percent: 50 },
      { kind: 'businessChange', fromDate: '2024-03-05', multiplier: 2 },
      { kind: 'holiday', date: '2024-03-06', volumes: holidayProfile },
    ]);
    expect(adjusted.slice(0, SLOTS).every((value) => value === 0)).toBe(true);
    expect(adjusted.slice(SLOTS, 2 * SLOTS).every((value) => value === 30)).toBe(true);
    expect(adjusted.slice(2 * SLOTS)).toEqual(holidayProfile);
  });

  it('lets a holiday look like another forecast day', () => {
    const varied = base.map((value, index) => value + Math.floor(index / SLOTS));
    const adjusted = applyAdjustments(varied, firstDay, SLOTS, [{ kind: 'holiday', date: '2024-03-04', likeDate: '2024-03-06' }]);
    expect(adjusted.slice(0, SLOTS)).toEqual(varied.slice(2 * SLOTS));
  });

  it('names the bad adjustment field', () => {
    expect(
      errorOf(() => applyAdjustments(base, firstDay, SLOTS, [{ kind: 'businessChange', fromDate: '2024-03-05', multiplier: -1 }])).field,
    ).toBe('adjustments[0].multiplier');
    expect(
      errorOf(() => applyAdjustments(base, firstDay, SLOTS, [{ kind: 'holiday', date: '2024-03-04', volumes: [1] }])).field,
    ).toBe('adjustments[0].volumes');
    expect(
      errorOf(() =>
        applyAdjustments(base, firstDay, SLOTS, [{ kind: 'percent', fromDate: '2024-03-06', toDate: '2024-03-05', percent: 5 }]),
      ).field,
    ).toBe('adjustments[0].toDate');
  });
});

describe('AHT forecast', () => {
  it('weights AHT by volume per weekday-slot and falls back to the slot, then the overall mean', () => {
    // One week: slot 0 has volume 1 at 100 s and volume 3 at 200 s on two different weeks.
    const volumes = new Array<number>(14 * SLOTS).fill(0);
    const aht = new Array<number>(14 * SLOTS).fill(0);
    volumes[0] = 1;
    aht[0] = 100;
    volumes[7 * SLOTS] = 3;
    aht[7 * SLOTS] = 200;
    volumes[SLOTS + 1] = 2; // Monday slot 1 only
    aht[SLOTS + 1] = 400;
    const forecast = forecastAht(volumes, aht, SLOTS, 7 * SLOTS, 8);
    expect(forecast[0]).toBeCloseTo(175, 12); // (100 + 600) / 4
    expect(forecast[1]).toBeCloseTo(400, 12); // Sunday slot 1 borrows Monday's slot 1
    expect(forecast[5]).toBeCloseTo((100 + 600 + 800) / 6, 12); // nothing in slot 5: overall mean
  });

  it('is part of the series forecast when the history has AHT', () => {
    const volumes = series(14, (day, slot) => expectedVolume(day, slot));
    const result = forecastSeries(
      { startDate: START, intervalMinutes: 30, volumes, ahtSeconds: volumes.map(() => 180) },
      { horizonDays: 2 },
    );
    expect(result.ahtSeconds).toHaveLength(2 * SLOTS);
    expect(result.ahtSeconds?.every((value) => Math.abs(value - 180) < 1e-9)).toBe(true);
  });
});

describe('intraday reforecast', () => {
  it('scales the rest of the day by actual over forecast so far', () => {
    const result = reforecastIntraday([10, 10, 20, 20], [12, 13]);
    expect(result.ratio).toBe(1.25);
    expect(result.volumes).toEqual([12, 13, 25, 25]);
    expect(reforecastIntraday([0, 5], [3]).ratio).toBe(1);
  });
});

describe('bad history', () => {
  const good: IntervalHistory = { startDate: START, intervalMinutes: 30, volumes: new Array<number>(7 * SLOTS).fill(1) };

  it.each([
    ['no intervals', { volumes: [] }, 'wfm.empty_history', 'volumes'],
    ['a partial day', { volumes: [1, 2, 3] }, 'wfm.malformed_history', 'volumes'],
    ['a negative volume', { volumes: [...new Array<number>(7 * SLOTS - 1).fill(1), -1] }, 'wfm.malformed_history', `volumes[${7 * SLOTS - 1}]`],
    ['a NaN volume', { volumes: [Number.NaN, ...new Array<number>(7 * SLOTS - 1).fill(1)] }, 'wfm.malformed_history', 'volumes[0]'],
    ['six days', { volumes: new Array<number>(6 * SLOTS).fill(1) }, 'wfm.history_too_short', 'volumes'],
    ['AHT of the wrong length', { ahtSeconds: [180] }, 'wfm.malformed_history', 'ahtSeconds'],
    ['7-minute intervals', { intervalMinutes: 7 }, 'wfm.invalid_input', 'intervalMinutes'],
    ['month 13', { startDate: '2024-13-01' }, 'wfm.invalid_input', 'startDate'],
  ])('rejects %s with %s', (_label, override, code, field) => {
    const error = errorOf(() => forecastSeries({ ...good, ...override }));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
  });
});
