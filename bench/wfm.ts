/**
 * WFM benchmark: `node --import tsx bench/wfm.ts [--json] [--smoke]`.
 *
 * 1. Staffing: Erlang C for 200 queues × 48 half-hours (target ≤ 50 ms).
 * 2. Scheduling: 4 weeks for 200 agents against an Erlang requirement (target ≤ 60 s, on-queue
 *    hours ≤ 1.05 × Σ requirement at zero under-coverage where the rules allow it; the LP bound
 *    shows what the rules allow).
 * 3. Forecasting: backtest WAPE on a synthetic year with known seasonality.
 * All inputs are generated from fixed seeds, so runs differ only in timings. `--smoke` shrinks every
 * size so CI finishes in seconds.
 */
import { poisson, seededRandom } from '../packages/server/src/platform/random';
import { computeStaffing } from '../packages/server/src/wfm/domain/erlang';
import { backtest, wape } from '../packages/server/src/wfm/domain/forecast';
import { generateSchedule, type ScheduleAgent, type ShiftTemplate } from '../packages/server/src/wfm/domain/schedule';

const json = process.argv.includes('--json');
const smoke = process.argv.includes('--smoke');

const sizes = smoke
  ? { queues: 20, scheduleWeeks: 1, agents: 30, forecastDays: 42 }
  : { queues: 200, scheduleWeeks: 4, agents: 200, forecastDays: 364 };

/** Sunday-first weekday factors and a two-peak intraday shape, 07:00–22:00. */
const WEEKDAY_FACTOR = [0.6, 1.2, 1.1, 1.05, 1.0, 0.95, 0.7];
function intradayShape(halfHour: number): number {
  const hour = halfHour / 2;
  if (hour < 7 || hour >= 22) return 0;
  return Math.exp(-((hour - 10.5) ** 2) / 4) + 0.8 * Math.exp(-((hour - 15) ** 2) / 5) + 0.25;
}

// ---------------------------------------------------------------------------------------------
// 1. Staffing
// ---------------------------------------------------------------------------------------------

function benchStaffing(): { staffingMs: number; staffingCalls: number; peakAgents: number } {
  const rng = seededRandom(1);
  const inputs = Array.from({ length: sizes.queues }, () => {
    const dailyCalls = 500 + rng.next() * 4000;
    const ahtSeconds = 120 + rng.next() * 480;
    return Array.from({ length: 48 }, (_, halfHour) => ({
      calls: (dailyCalls * intradayShape(halfHour)) / 12,
      intervalMinutes: 30,
      ahtSeconds,
      slTarget: 0.8,
      slSeconds: 20,
      shrinkage: 0.3,
      maxOccupancy: 0.85,
    }));
  }).flat();
  // One untimed pass so the figure is steady-state code, as in a long-running server.
  for (const input of inputs) computeStaffing(input);
  const started = performance.now();
  let peakAgents = 0;
  for (const input of inputs) peakAgents = Math.max(peakAgents, computeStaffing(input).agents);
  return { staffingMs: performance.now() - started, staffingCalls: inputs.length, peakAgents };
}

// ---------------------------------------------------------------------------------------------
// 2. Scheduling
// ---------------------------------------------------------------------------------------------

const TEMPLATES: ShiftTemplate[] = [
  {
    id: 'full-time',
    earliestStartMinute: 6 * 60 + 30,
    latestStartMinute: 13 * 60 + 30,
    paidMinutes: [480],
    breaks: {
      restMinutes: 15,
      maxWorkStretchMinutes: 120,
      minWorkStretchMinutes: 60,
      meal: { minMinutes: 30, maxMinutes: 60, earliestStartAfterMinutes: 180, latestStartAfterMinutes: 300 },
    },
  },
  {
    id: 'part-time',
    earliestStartMinute: 7 * 60,
    latestStartMinute: 18 * 60,
    paidMinutes: [240, 300],
    breaks: { restMinutes: 15, maxWorkStretchMinutes: 120, minWorkStretchMinutes: 60 },
  },
];

/**
 * 200 agents: 65% full-time on fixed 40-hour weeks (five 8-hour shifts, days off chosen by the
 * generator, some with fixed weekends), 35% part-time on flexible 12–30-hour weeks of 4–5-hour
 * shifts; a few approved days off. Calls are scaled so Σ requirement is about 93% of what the team
 * could cover at full contract hours, as a center staffed to its forecast would be.
 */
function scheduleScenario() {
  const rng = seededRandom(2);
  const days = sizes.scheduleWeeks * 7;
  const fullTime = Math.round(sizes.agents * 0.65);
  const agents: ScheduleAgent[] = Array.from({ length: sizes.agents }, (_, index) =>
    index < fullTime
      ? {
          id: `ft-${index}`,
          contractHoursPerWeek: 40,
          templateIds: ['full-time'],
          ...(index % 5 === 0 ? { fixedDaysOff: [0, 6] } : {}),
        }
      : { id: `pt-${index}`, contractHoursPerWeek: 30, minHoursPerWeek: 12, maxDaysPerWeek: 6, templateIds: ['part-time'] },
  );
  for (let request = 0; request < sizes.agents / 10; request++) {
    const agent = agents[Math.floor(rng.next() * agents.length)];
    const day = Math.floor(rng.next() * days);
    if (agent) agent.timeOff = [...(agent.timeOff ?? []), { date: dateAfter('2025-03-03', day) }];
  }
  // On-queue capacity at full contract hours: 7.5 h per 8-hour shift, 4.5 h per 5-hour shift.
  const capacityPerWeek = fullTime * 5 * 7.5 + (sizes.agents - fullTime) * 6 * 4.5;
  const shapeTotal = Array.from({ length: 48 }, (_, halfHour) => intradayShape(halfHour)).reduce((a, b) => a + b, 0);
  const requirementFor = (callsPerDay: number) =>
    Array.from({ length: days * 48 }, (_, index) => {
      const day = Math.floor(index / 48);
      const calls = (callsPerDay * (WEEKDAY_FACTOR[day % 7] ?? 1) * intradayShape(index % 48)) / shapeTotal;
      return calls <= 0 ? 0 : computeStaffing({ calls, intervalMinutes: 30, ahtSeconds: 300, slTarget: 0.8, slSeconds: 20 }).rawAgents;
    });
  // Erlang requirements are integers, so find the volume that fills the target share by bisection.
  let low = 0;
  let high = 1e6;
  for (let step = 0; step < 40; step++) {
    const middle = (low + high) / 2;
    const hoursPerWeek = requirementFor(middle).reduce((a, b) => a + b, 0) / 2 / sizes.scheduleWeeks;
    if (hoursPerWeek > 0.93 * capacityPerWeek) high = middle;
    else low = middle;
  }
  return { startDate: '2025-03-03', weeks: sizes.scheduleWeeks, intervalMinutes: 30, requirement: requirementFor(low), templates: TEMPLATES, agents };
}

function dateAfter(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

async function benchSchedule() {
  const input = scheduleScenario();
  const started = performance.now();
  const result = await generateSchedule(input, { seed: 1 });
  const scheduleSeconds = (performance.now() - started) / 1000;
  const metrics = result.metrics;
  return {
    scheduleSeconds,
    scheduledHoursVsLowerBound: metrics.scheduledHoursVsLowerBound,
    underCoveredIntervals: metrics.underCoveredIntervals,
    scheduleLowerBoundHours: metrics.lowerBoundHours,
    scheduleOnQueueHours: metrics.onQueueHours,
    schedulePaidHours: metrics.paidHours,
    scheduleLpBoundVsLowerBound: metrics.lpBound
      ? (metrics.lpBound.onQueueHours + 1001 * metrics.lpBound.underStaffedHours) / metrics.lowerBoundHours
      : null,
    scheduleShifts: result.shifts.length,
    scheduleSweeps: result.sweeps,
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Forecasting
// ---------------------------------------------------------------------------------------------

/**
 * A year of half-hourly Poisson volumes: weekday × intraday shape × a yearly wave × 20% growth.
 * Also scores the true means on the holdout: the noise floor no method can beat.
 */
function benchForecast() {
  const rng = seededRandom(3);
  const meanAt = (day: number, halfHour: number) =>
    60 *
    (1 + (0.2 * day) / 365) *
    (1 + 0.15 * Math.sin((2 * Math.PI * day) / 365)) *
    (WEEKDAY_FACTOR[day % 7] ?? 1) *
    intradayShape(halfHour);
  const volumes = Array.from({ length: sizes.forecastDays * 48 }, (_, t) => poisson(rng, meanAt(Math.floor(t / 48), t % 48)));
  const started = performance.now();
  // 2024-01-07 is a Sunday, matching WEEKDAY_FACTOR's order.
  const scores = backtest({ startDate: '2024-01-07', intervalMinutes: 30, volumes }, { holdoutDays: 7 });
  const forecastMs = performance.now() - started;
  const holdoutStart = (sizes.forecastDays - 7) * 48;
  const truth = Array.from({ length: 7 * 48 }, (_, i) => meanAt(Math.floor((holdoutStart + i) / 48), (holdoutStart + i) % 48));
  const best = scores[0];
  return {
    forecastWape: best?.wape ?? null,
    forecastMethod: best?.method ?? null,
    forecastWapeByMethod: Object.fromEntries(scores.map((score) => [score.method, score.wape])),
    forecastNoiseFloorWape: wape(volumes.slice(holdoutStart), truth),
    forecastMs,
  };
}

const staffing = benchStaffing();
const schedule = await benchSchedule();
const forecast = benchForecast();
const result = { smoke, ...staffing, ...schedule, ...forecast };

if (json) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const percent = (value: number | null) => (value === null ? 'n/a' : `${(value * 100).toFixed(1)}%`);
  console.log(`staffing   ${staffing.staffingCalls} queue-intervals in ${staffing.staffingMs.toFixed(1)} ms (target ≤ 50 ms)`);
  console.log(
    `schedule   ${sizes.scheduleWeeks} weeks × ${sizes.agents} agents in ${schedule.scheduleSeconds.toFixed(1)} s (target ≤ 60 s); ` +
      `on-queue hours ${schedule.scheduledHoursVsLowerBound.toFixed(3)} × Σ requirement (target ≤ 1.05), ` +
      `LP bound ${schedule.scheduleLpBoundVsLowerBound?.toFixed(3) ?? 'n/a'}, under-covered intervals ${schedule.underCoveredIntervals}`,
  );
  console.log(
    `forecast   backtest WAPE ${percent(forecast.forecastWape)} (${forecast.forecastMethod}), ` +
      `noise floor ${percent(forecast.forecastNoiseFloorWape)}, in ${forecast.forecastMs.toFixed(0)} ms`,
  );
}
