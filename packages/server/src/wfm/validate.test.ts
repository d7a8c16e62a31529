/**
 * Erlang C against the simulator (the real router in virtual time), under Erlang C's own
 * assumptions and where they break. Stated tolerance under the assumptions: over 5 seeds × 160
 * half-hours × 100 calls (80,000 calls), the simulated service level is within ±0.02 of the
 * formula and ASA within ±1.5 s, and the formula lies inside the 95% confidence interval.
 */
import { describe, expect, it } from 'vitest';
import { computeStaffing } from './domain/erlang.ts';
import { estimate, planFromForecast, promiseOf, validatePlan, validationPlanSchema } from './validate.ts';

const constantPlan = (options: { intervals: number; calls: number; agents: number; patienceSeconds?: number; cv?: number }) =>
  validationPlanSchema.parse({
    slTarget: 0.8,
    slSeconds: 20,
    ...(options.patienceSeconds === undefined ? {} : { patienceSeconds: options.patienceSeconds }),
    ...(options.cv === undefined ? {} : { ahtDistribution: { type: 'lognormal', cv: options.cv } }),
    intervals: Array.from({ length: options.intervals }, () => ({ calls: options.calls, ahtSeconds: 180, agents: options.agents })),
  });

describe('wfm validate: Erlang vs simulation', () => {
  it('agrees with Erlang C under its assumptions (Poisson, exponential AHT, no abandonment)', () => {
    const staffing = computeStaffing({ calls: 100, intervalMinutes: 30, ahtSeconds: 180, slTarget: 0.8, slSeconds: 20 });
    expect(staffing.rawAgents).toBe(14);
    const report = validatePlan(constantPlan({ intervals: 160, calls: 100, agents: staffing.rawAgents }), { seeds: 5 });
    const { promised, achieved } = report.totals;
    expect(report.model).toBe('erlangC');
    expect(promised.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(Math.abs(achieved.serviceLevel.mean! - promised.serviceLevel)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(achieved.asaSeconds.mean! - promised.asaSeconds)).toBeLessThanOrEqual(1.5);
    expect(achieved.serviceLevel.low!).toBeLessThanOrEqual(promised.serviceLevel);
    expect(achieved.serviceLevel.high!).toBeGreaterThanOrEqual(promised.serviceLevel);
    expect(achieved.abandonRate.mean).toBe(0);
    // Per interval, every row carries the promise and an interval estimate over the seeds.
    const row = report.intervals[80]!;
    expect(row.promised.serviceLevel).toBeCloseTo(promised.serviceLevel, 10);
    expect(row.achieved.serviceLevel.n).toBe(5);
    expect(row.achieved.serviceLevel.low!).toBeLessThanOrEqual(row.achieved.serviceLevel.mean!);
    expect(row.achieved.serviceLevel.high!).toBeLessThanOrEqual(1);
  }, 60_000);

  it('shows Erlang C optimistic with lognormal AHT of CV 2, and Erlang A matching abandonment', () => {
    const variable = validatePlan(constantPlan({ intervals: 60, calls: 100, agents: 14, cv: 2 }), { seeds: 4 });
    expect(variable.totals.achieved.asaSeconds.mean!).toBeGreaterThan(variable.totals.promised.asaSeconds + 2);

    const impatient = validatePlan(constantPlan({ intervals: 60, calls: 100, agents: 14, patienceSeconds: 60 }), { seeds: 4 });
    expect(impatient.model).toBe('erlangA');
    expect(impatient.totals.promised.abandonRate).toBeCloseTo(0.0303, 3);
    expect(Math.abs(impatient.totals.achieved.abandonRate.mean! - impatient.totals.promised.abandonRate!)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(impatient.totals.achieved.serviceLevel.mean! - impatient.totals.promised.serviceLevel)).toBeLessThanOrEqual(0.02);
  }, 60_000);

  it('promises nothing for an unstaffed or unstable interval, everything for an empty one', () => {
    const plan = { intervalMinutes: 30, slSeconds: 20 };
    expect(promiseOf(0, 180, 0, plan)).toMatchObject({ serviceLevel: 1, asaSeconds: 0 });
    expect(promiseOf(100, 180, 0, plan)).toMatchObject({ serviceLevel: 0, waitProbability: 1 });
    expect(promiseOf(100, 180, 10, plan)).toMatchObject({ serviceLevel: 0, waitProbability: 1 });
  });

  it('gives a Student t interval over seeds, clamped to the range', () => {
    const result = estimate([0.8, 0.9, 1]);
    expect(result.mean).toBeCloseTo(0.9, 12);
    expect(result.low).toBeCloseTo(0.9 - 4.303 * Math.sqrt(0.01 / 3), 6);
    expect(result.high).toBe(1);
    expect(estimate([null, null])).toEqual({ mean: null, low: null, high: null, n: 0 });
  });

  it('refuses plans too large to simulate, naming the field', () => {
    expect(() => validatePlan(constantPlan({ intervals: 2000, calls: 1000, agents: 120 }), { seeds: 5 })).toThrow(/intervals: .*simulated calls/);
    const noAht = validationPlanSchema.parse({ slTarget: 0.8, slSeconds: 20, intervals: [{ calls: 5, ahtSeconds: 0, agents: 1 }] });
    expect(() => validatePlan(noAht, { seeds: 2 })).toThrow(/intervals\[0\]\.ahtSeconds/);
  });

  it('builds the plan of a stored forecast from its volumes, AHT and rawAgents, at local midnight', () => {
    const plan = planFromForecast({
      startDate: '2026-03-02',
      timeZone: 'Asia/Shanghai',
      intervalMinutes: 30,
      series: { volumes: [0, 10], ahtSeconds: [0, 200] },
      staffingParams: { slTarget: 0.8, slSeconds: 20, shrinkage: 0.3, maxOccupancy: 0.85, patienceSeconds: 90 },
      staffingPlan: { model: 'erlangA', rawAgents: [0, 2], agents: [0, 3], serviceLevel: [1, 0.9], asaSeconds: [0, 1], occupancy: [0, 0.5], waitProbability: [0, 0.2], peakRawAgents: 2, peakAgents: 3, requiredAgentHours: 1 },
    });
    expect(plan.startAt).toBe('2026-03-01T16:00:00.000Z');
    expect(plan.patienceSeconds).toBe(90);
    expect(plan.intervals).toEqual([{ calls: 0, ahtSeconds: 0, agents: 0 }, { calls: 10, ahtSeconds: 200, agents: 2 }]);
  });
});
