/**
 * Validation of a staffing plan by simulation: the plan's volumes, staff on the phones, handling
 * time and patience become a one-queue scenario for the discrete-event simulator (the real router,
 * in virtual time), run over several seeds. Per interval, the achieved service level, ASA and
 * abandon rate are reported as a mean with a 95% confidence interval over the seeds (Student's t),
 * next to what Erlang C (or Erlang A, with patience) promised for that interval.
 *
 * Modelling choices, so the comparison isolates the formula's assumptions: Poisson arrivals at the
 * interval's expected volume, bots answer at once (no ring time), no wrap-up beyond the AHT (the
 * handle-time distribution has the AHT as its mean), patience exponential with the plan's mean.
 * The simulator takes one handle-time distribution per queue, so intervals share the plan's
 * volume-weighted mean AHT; the promise is computed with each interval's own AHT.
 */
import { z } from 'zod';
import { parseScenario, type ScenarioInput } from '../simulator/domain/scenario.ts';
import { runSimulation, type SimulationResult } from '../simulator/domain/simulation.ts';
import { erlangAMetrics, erlangCMetrics, trafficErlangs } from './domain/erlang.ts';
import { WfmInputError, requireInput } from './domain/errors.ts';
import { localToInstant } from './time.ts';
import type { StaffingParams, StaffingPlanStored } from './model.ts';

/** Σ expected calls × seeds above this is refused: it would take minutes. */
export const MAX_SIMULATED_CALLS = 1_000_000;

const positiveSeconds = z.number().positive().max(24 * 3600);

/** The `--plan file.json` format (docs/wfm-api.md). */
export const validationPlanSchema = z.strictObject({
  /** Start of the first interval, ISO 8601 with offset; default 2026-01-05T00:00:00+08:00. */
  startAt: z.iso.datetime({ offset: true }).default('2026-01-05T00:00:00+08:00'),
  intervalMinutes: z.int().positive().max(1440).default(30),
  slTarget: z.number().gt(0).lt(1),
  slSeconds: z.number().min(0).max(3600),
  /** Mean caller patience: simulated callers abandon (exponential patience) and the promise is Erlang A's. */
  patienceSeconds: positiveSeconds.max(1e6).optional(),
  /** Handling-time distribution around each AHT: exponential (Erlang's assumption) or lognormal with this coefficient of variation. */
  ahtDistribution: z
    .discriminatedUnion('type', [z.strictObject({ type: z.literal('exponential') }), z.strictObject({ type: z.literal('lognormal'), cv: z.number().positive().max(10) })])
    .default({ type: 'exponential' }),
  intervals: z
    .array(z.strictObject({ calls: z.number().min(0).max(100_000), ahtSeconds: z.number().min(0).max(24 * 3600), agents: z.int().min(0).max(10_000) }))
    .min(1)
    .max(10_000),
});
export type ValidationPlan = z.output<typeof validationPlanSchema>;

export interface Estimate {
  /** Mean over the seeds where the measure exists (an interval nobody called has no service level). */
  mean: number | null;
  /** 95% confidence interval of the mean (Student's t over the seeds); null with fewer than 2 values. */
  low: number | null;
  high: number | null;
  n: number;
}

export interface Promised {
  serviceLevel: number;
  asaSeconds: number;
  abandonRate: number | null;
  waitProbability: number;
  occupancy: number;
}

export interface ValidationInterval {
  index: number;
  start: string;
  calls: number;
  ahtSeconds: number;
  agents: number;
  promised: Promised;
  achieved: { offered: number; serviceLevel: Estimate; asaSeconds: Estimate; abandonRate: Estimate };
}

export interface ValidationReport {
  model: 'erlangC' | 'erlangA';
  seeds: number;
  startAt: string;
  intervalMinutes: number;
  slTarget: number;
  slSeconds: number;
  patienceSeconds: number | null;
  /** The volume-weighted mean AHT every simulated call draws its handling time around. */
  simulatedAhtSeconds: number;
  ahtDistribution: ValidationPlan['ahtDistribution'];
  intervals: ValidationInterval[];
  totals: { calls: number; promised: Omit<Promised, 'waitProbability' | 'occupancy'>; achieved: { serviceLevel: Estimate; asaSeconds: Estimate; abandonRate: Estimate } };
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom. */
const T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/** Mean and 95% confidence interval over seeds, clamped to the measure's range. */
export function estimate(values: readonly (number | null)[], range: [number, number] = [0, 1]): Estimate {
  const present = values.filter((value): value is number => value !== null && Number.isFinite(value));
  const n = present.length;
  if (n === 0) return { mean: null, low: null, high: null, n };
  const mean = present.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { mean, low: null, high: null, n };
  const variance = present.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (n - 1);
  const half = (T_975[n - 2] ?? 1.96) * Math.sqrt(variance / n);
  return { mean, low: Math.max(range[0], mean - half), high: Math.min(range[1], mean + half), n };
}

/** What the formula promises at exactly `agents` on the phones (an unstable Erlang C queue promises nothing). */
export function promiseOf(calls: number, ahtSeconds: number, agents: number, plan: Pick<ValidationPlan, 'intervalMinutes' | 'slSeconds' | 'patienceSeconds'>): Promised {
  if (calls === 0) return { serviceLevel: 1, asaSeconds: 0, abandonRate: plan.patienceSeconds === undefined ? null : 0, waitProbability: 0, occupancy: 0 };
  const traffic = trafficErlangs(calls, plan.intervalMinutes, ahtSeconds);
  if (agents === 0) return { serviceLevel: 0, asaSeconds: Number.POSITIVE_INFINITY, abandonRate: plan.patienceSeconds === undefined ? null : 1, waitProbability: 1, occupancy: 0 };
  if (plan.patienceSeconds !== undefined) {
    const metrics = erlangAMetrics(agents, traffic, ahtSeconds, plan.patienceSeconds, plan.slSeconds);
    return { serviceLevel: metrics.serviceLevel, asaSeconds: metrics.asaSeconds, abandonRate: metrics.abandonRate, waitProbability: metrics.waitProbability, occupancy: metrics.occupancy };
  }
  if (agents <= traffic) return { serviceLevel: 0, asaSeconds: Number.POSITIVE_INFINITY, abandonRate: null, waitProbability: 1, occupancy: 1 };
  const metrics = erlangCMetrics(agents, traffic, ahtSeconds, plan.slSeconds);
  return { ...metrics, abandonRate: null };
}

function scenarioOf(plan: ValidationPlan, meanAht: number): ScenarioInput {
  const handleTime =
    plan.ahtDistribution.type === 'exponential'
      ? ({ type: 'exponential', meanSeconds: meanAht } as const)
      : ({ type: 'lognormal', meanSeconds: meanAht, sdSeconds: meanAht * plan.ahtDistribution.cv } as const);
  return {
    name: 'wfm validate',
    startAt: plan.startAt,
    intervalMinutes: plan.intervalMinutes,
    expectedCalls: plan.intervals.map((interval) => interval.calls),
    ivr: { start: 'queue', nodes: { queue: { type: 'queue', queueId: 'q' } } },
    queues: [
      {
        id: 'q',
        serviceLevel: { percent: plan.slTarget * 100, seconds: plan.slSeconds },
        maxWrapUpSeconds: 0,
        handleTime,
        patience: plan.patienceSeconds === undefined ? null : { type: 'exponential', meanSeconds: plan.patienceSeconds },
      },
    ],
    agentGroups: [{ id: 'planned', skills: {}, staffing: plan.intervals.map((interval) => interval.agents) }],
    botAnswerSeconds: 0,
  };
}

export function validatePlan(plan: ValidationPlan, options: { seeds: number; firstSeed?: number }): ValidationReport {
  requireInput(Number.isInteger(options.seeds) && options.seeds >= 2, 'seeds', 'must be a whole number ≥ 2');
  const totalCalls = plan.intervals.reduce((sum, interval) => sum + interval.calls, 0);
  const work = plan.intervals.reduce((sum, interval) => sum + interval.calls * interval.ahtSeconds, 0);
  plan.intervals.forEach((interval, index) =>
    requireInput(interval.calls === 0 || interval.ahtSeconds > 0, `intervals[${index}].ahtSeconds`, 'must be > 0 where calls > 0'),
  );
  if (totalCalls * options.seeds > MAX_SIMULATED_CALLS) {
    throw new WfmInputError('wfm.invalid_input', 'intervals', `${Math.round(totalCalls)} calls × ${options.seeds} seeds is more than ${MAX_SIMULATED_CALLS} simulated calls; use fewer seeds or a shorter plan`);
  }
  const meanAht = totalCalls > 0 ? work / totalCalls : 1;
  const scenario = parseScenario(scenarioOf(plan, meanAht));
  const firstSeed = options.firstSeed ?? 1;
  const runs: SimulationResult[] = [];
  for (let k = 0; k < options.seeds; k++) runs.push(runSimulation(scenario, { seed: firstSeed + k, idPrefix: `v${k}-` }));

  const intervals = plan.intervals.map((interval, index): ValidationInterval => {
    const stats = runs.map((run) => run.intervals[index]);
    return {
      index,
      start: new Date((runs[0]?.startAt ?? 0) + index * plan.intervalMinutes * 60_000).toISOString(),
      calls: interval.calls,
      ahtSeconds: interval.ahtSeconds,
      agents: interval.agents,
      promised: promiseOf(interval.calls, interval.ahtSeconds, interval.agents, plan),
      achieved: {
        offered: stats.reduce((sum, item) => sum + (item?.offered ?? 0), 0) / runs.length,
        serviceLevel: estimate(stats.map((item) => item?.serviceLevel ?? null)),
        asaSeconds: estimate(stats.map((item) => item?.asaSeconds ?? null), [0, Number.POSITIVE_INFINITY]),
        abandonRate: estimate(stats.map((item) => item?.abandonRate ?? null)),
      },
    };
  });

  const weighted = (pick: (row: ValidationInterval) => number) =>
    totalCalls === 0 ? 0 : intervals.reduce((sum, row) => sum + row.calls * pick(row), 0) / totalCalls;
  return {
    model: plan.patienceSeconds === undefined ? 'erlangC' : 'erlangA',
    seeds: options.seeds,
    startAt: new Date(runs[0]?.startAt ?? 0).toISOString(),
    intervalMinutes: plan.intervalMinutes,
    slTarget: plan.slTarget,
    slSeconds: plan.slSeconds,
    patienceSeconds: plan.patienceSeconds ?? null,
    simulatedAhtSeconds: meanAht,
    ahtDistribution: plan.ahtDistribution,
    intervals,
    totals: {
      calls: totalCalls,
      promised: {
        serviceLevel: weighted((row) => row.promised.serviceLevel),
        asaSeconds: weighted((row) => row.promised.asaSeconds),
        abandonRate: plan.patienceSeconds === undefined ? null : weighted((row) => row.promised.abandonRate ?? 0),
      },
      achieved: {
        serviceLevel: estimate(runs.map((run) => run.totals.serviceLevel)),
        asaSeconds: estimate(runs.map((run) => run.totals.asaSeconds), [0, Number.POSITIVE_INFINITY]),
        abandonRate: estimate(runs.map((run) => run.totals.abandonRate)),
      },
    },
  };
}

/** A stored forecast with its staffing plan → the plan to validate: forecast volumes and AHT, rawAgents on the phones. */
export function planFromForecast(forecast: {
  startDate: string;
  timeZone: string;
  intervalMinutes: number;
  series: { volumes: number[]; ahtSeconds: number[] };
  staffingParams: StaffingParams | null;
  staffingPlan: StaffingPlanStored | null;
}): ValidationPlan {
  const params = forecast.staffingParams;
  const staffing = forecast.staffingPlan;
  if (!params || !staffing) throw new WfmInputError('wfm.invalid_input', 'staffingPlan', 'the forecast has no staffing plan');
  return validationPlanSchema.parse({
    startAt: new Date(localToInstant(forecast.startDate, 0, forecast.timeZone)).toISOString(),
    intervalMinutes: forecast.intervalMinutes,
    slTarget: params.slTarget,
    slSeconds: params.slSeconds,
    ...(params.patienceSeconds === undefined ? {} : { patienceSeconds: params.patienceSeconds }),
    intervals: forecast.series.volumes.map((calls, index) => ({
      calls,
      ahtSeconds: params.ahtSeconds ?? forecast.series.ahtSeconds[index] ?? 0,
      agents: staffing.rawAgents[index] ?? 0,
    })),
  });
}
