import { describe, expect, it } from 'vitest';
import { exponential, seededRandom } from '../../platform/random';
import { WfmInputError } from './errors';
import {
  applyShrinkage,
  computeStaffing,
  decimalFraction,
  erlangAMetrics,
  erlangB,
  erlangC,
  erlangCMetrics,
  exactCeilOfQuotient,
  type StaffingInput,
} from './erlang';

const workedExample: StaffingInput = {
  calls: 100,
  intervalMinutes: 30,
  ahtSeconds: 180,
  slTarget: 0.8,
  slSeconds: 20,
  shrinkage: 0.3,
  maxOccupancy: 0.85,
};

/**
 * FCFS multi-server queue with exponential patience, simulated call by call: a caller starts service
 * at max(arrival, earliest free agent) and leaves if that is later than their patience allows.
 * Independent of the formulas under test.
 */
function simulateQueue(options: {
  agents: number;
  traffic: number;
  ahtSeconds: number;
  patienceSeconds: number;
  slSeconds: number;
  calls: number;
  seed: number;
}) {
  const rng = seededRandom(options.seed);
  const freeAt = new Array<number>(options.agents).fill(0);
  const meanGap = options.ahtSeconds / options.traffic;
  let now = 0;
  let answered = 0;
  let withinTarget = 0;
  let waited = 0;
  let waitOfAnswered = 0;
  for (let call = 0; call < options.calls; call++) {
    now += exponential(rng, meanGap);
    let earliest = 0;
    for (let agent = 1; agent < options.agents; agent++) if ((freeAt[agent] ?? 0) < (freeAt[earliest] ?? 0)) earliest = agent;
    const start = Math.max(now, freeAt[earliest] ?? 0);
    const wait = start - now;
    if (wait > 0) waited++;
    if (wait > exponential(rng, options.patienceSeconds)) continue;
    answered++;
    waitOfAnswered += wait;
    if (wait <= options.slSeconds) withinTarget++;
    freeAt[earliest] = start + exponential(rng, options.ahtSeconds);
  }
  return {
    serviceLevel: withinTarget / options.calls,
    waitProbability: waited / options.calls,
    abandonRate: 1 - answered / options.calls,
    asaSeconds: waitOfAnswered / answered,
  };
}

describe('Erlang B and C', () => {
  it('matches hand-derived values', () => {
    expect(erlangB(1, 3)).toBeCloseTo(3 / 4, 15);
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    // M/M/2 with A = 1: P(wait) = 1/3 exactly.
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 14);
    expect(erlangC(5, 5)).toBe(1);
  });

  it('reproduces the published worked example (100 calls / 30 min, AHT 180 s, 80/20, 30% shrinkage, 85% cap)', () => {
    const result = computeStaffing(workedExample);
    expect(result.trafficErlangs).toBe(10);
    expect(result.rawAgents).toBe(14);
    expect(result.agents).toBe(20);
    expect(result.waitProbability).toBeCloseTo(0.1741, 4);
    expect(result.serviceLevel).toBeCloseTo(0.888, 3);
    expect(result.asaSeconds).toBeCloseTo(7.8, 1);
    expect(result.occupancy).toBeCloseTo(10 / 14, 12);
    expect(result.abandonRate).toBeUndefined();
  });

  it('stops at the first count that meets the target: 13 agents miss 80/20 for 10 Erlangs', () => {
    expect(erlangCMetrics(13, 10, 180, 20).serviceLevel).toBeLessThan(0.8);
    expect(erlangCMetrics(14, 10, 180, 20).serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('stays finite at 2,000 calls per 30 minutes and beyond', () => {
    const result = computeStaffing({ ...workedExample, calls: 2000 });
    expect(result.trafficErlangs).toBe(200);
    expect(result.rawAgents).toBeGreaterThan(200);
    for (const ratio of [result.serviceLevel, result.occupancy, result.waitProbability]) {
      expect(ratio).toBeGreaterThanOrEqual(0);
      expect(ratio).toBeLessThanOrEqual(1);
    }
    const huge = computeStaffing({ ...workedExample, calls: 20_000, ahtSeconds: 600, maxOccupancy: 1 });
    expect(huge.trafficErlangs).toBeCloseTo(20_000 / 3, 9);
    expect(Number.isFinite(huge.serviceLevel)).toBe(true);
    // Square-root staffing: n ≈ A + β√A with a small β for 80/20.
    expect(huge.rawAgents - huge.trafficErlangs).toBeLessThan(2 * Math.sqrt(huge.trafficErlangs));
  });

  it('needs zero agents for zero calls', () => {
    expect(computeStaffing({ ...workedExample, calls: 0 })).toEqual({
      rawAgents: 0,
      agents: 0,
      serviceLevel: 1,
      asaSeconds: 0,
      occupancy: 0,
      waitProbability: 0,
      trafficErlangs: 0,
    });
  });
});

describe('exact ceilings', () => {
  it('reads decimals as typed', () => {
    expect(decimalFraction(0.3)).toEqual({ numerator: 3n, denominator: 10n });
    expect(decimalFraction(1e-7)).toEqual({ numerator: 1n, denominator: 10_000_000n });
    expect(decimalFraction(1.5e21)).toEqual({ numerator: 1_500_000_000_000_000_000_000n, denominator: 1n });
  });

  it('gives 21 / (1 − 0.3) = 30, where naive floating point gives 31', () => {
    expect(Math.ceil(21 / (1 - 0.3))).toBe(31);
    expect(applyShrinkage(21, 0.3)).toBe(30);
    expect(applyShrinkage(14, 0.3)).toBe(20);
    expect(applyShrinkage(3, 0.25)).toBe(4);
    expect(applyShrinkage(100, 0.1)).toBe(112);
    expect(applyShrinkage(21, 0.31)).toBe(31);
    expect(applyShrinkage(7, 0)).toBe(7);
  });

  it('applies the occupancy cap exactly: 2.1 Erlangs at 70% needs 3 agents, not 4', () => {
    expect(Math.ceil((21 * 180) / 1800 / 0.7)).toBe(4);
    expect(exactCeilOfQuotient([21, 180], [30, 60, 0.7])).toBe(3);
    const result = computeStaffing({ ...workedExample, calls: 21, slTarget: 0.01, shrinkage: 0, maxOccupancy: 0.7 });
    expect(result.rawAgents).toBe(3);
    expect(result.occupancy).toBeCloseTo(0.7, 12);
  });

  it('lets the occupancy cap bind above the service-level count', () => {
    const result = computeStaffing({ ...workedExample, slTarget: 0.5, maxOccupancy: 0.6 });
    expect(result.rawAgents).toBe(17); // ⌈10 / 0.6⌉
    expect(result.occupancy).toBeLessThanOrEqual(0.6);
  });
});

describe('Erlang A', () => {
  it('tends to Erlang C as patience grows', () => {
    const erlangCResult = erlangCMetrics(14, 10, 180, 20);
    const patient = erlangAMetrics(14, 10, 180, 1e6, 20);
    expect(patient.waitProbability).toBeCloseTo(erlangCResult.waitProbability, 4);
    expect(patient.serviceLevel).toBeCloseTo(erlangCResult.serviceLevel, 4);
    expect(patient.asaSeconds).toBeCloseTo(erlangCResult.asaSeconds, 2);
    // And the gap closes as patience grows: ten times the patience, a tenth of the gap, roughly.
    const gap = (patience: number) => Math.abs(erlangAMetrics(14, 10, 180, patience, 20).serviceLevel - erlangCResult.serviceLevel);
    expect(gap(1e6)).toBeLessThan(gap(1e5) / 5);
    expect(gap(1e5)).toBeLessThan(gap(1e4) / 5);
    expect(patient.abandonRate).toBeLessThan(1e-5);
    const staffed = computeStaffing({ ...workedExample, patienceSeconds: 1e6 });
    expect(staffed.rawAgents).toBe(14);
    expect(staffed.agents).toBe(20);
  });

  it('has P(abandon) = θ·E[Lq] / λ', () => {
    for (const [agents, traffic, patience] of [
      [9, 10, 30],
      [14, 10, 120],
      [150, 200, 60],
    ] as const) {
      const metrics = erlangAMetrics(agents, traffic, 180, patience, 20);
      expect(metrics.abandonRate).toBeCloseTo((metrics.meanQueueLength * (180 / patience)) / traffic, 12);
      expect(metrics.occupancy).toBeCloseTo((traffic * (1 - metrics.abandonRate)) / agents, 12);
    }
  });

  it('agrees with a call-by-call simulation', () => {
    const options = { agents: 5, traffic: 5, ahtSeconds: 120, patienceSeconds: 90, slSeconds: 20 };
    const formula = erlangAMetrics(options.agents, options.traffic, options.ahtSeconds, options.patienceSeconds, options.slSeconds);
    const simulated = simulateQueue({ ...options, calls: 400_000, seed: 7 });
    expect(Math.abs(simulated.serviceLevel - formula.serviceLevel)).toBeLessThan(0.01);
    expect(Math.abs(simulated.waitProbability - formula.waitProbability)).toBeLessThan(0.01);
    expect(Math.abs(simulated.abandonRate - formula.abandonRate)).toBeLessThan(0.01);
    expect(Math.abs(simulated.asaSeconds - formula.asaSeconds)).toBeLessThan(1);
  });

  it('agrees with simulation for Erlang C under its own assumptions (no abandonment)', () => {
    const formula = erlangCMetrics(14, 10, 180, 20);
    const simulated = simulateQueue({ agents: 14, traffic: 10, ahtSeconds: 180, patienceSeconds: Infinity, slSeconds: 20, calls: 400_000, seed: 11 });
    expect(Math.abs(simulated.serviceLevel - formula.serviceLevel)).toBeLessThan(0.01);
    expect(Math.abs(simulated.waitProbability - formula.waitProbability)).toBeLessThan(0.01);
    expect(Math.abs(simulated.asaSeconds - formula.asaSeconds)).toBeLessThan(1);
  });

  it('can need fewer agents than the traffic when callers are impatient', () => {
    const result = computeStaffing({ ...workedExample, calls: 2000, shrinkage: 0, maxOccupancy: 1, patienceSeconds: 60 });
    expect(result.trafficErlangs).toBe(200);
    expect(result.rawAgents).toBeLessThan(200);
    expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(result.abandonRate).toBeGreaterThan(0);
    expect(result.abandonRate).toBeLessThan(1);
  });

  it('returns the smallest feasible count, as a scan from one agent would', () => {
    for (const input of [
      { ...workedExample, patienceSeconds: 30 },
      { ...workedExample, calls: 500, patienceSeconds: 45, slTarget: 0.9 },
      { ...workedExample, calls: 40, maxOccupancy: 0.7, patienceSeconds: 300 },
    ]) {
      const result = computeStaffing(input);
      const traffic = result.trafficErlangs;
      const maxOccupancy = input.maxOccupancy ?? 1;
      let scanned = 1;
      for (; ; scanned++) {
        const metrics = erlangAMetrics(scanned, traffic, input.ahtSeconds, input.patienceSeconds, input.slSeconds);
        if (metrics.serviceLevel >= input.slTarget && metrics.occupancy <= maxOccupancy) break;
      }
      expect(result.rawAgents).toBe(scanned);
    }
  });
});

describe('bad input', () => {
  function errorOf(input: StaffingInput): WfmInputError {
    try {
      computeStaffing(input);
    } catch (error) {
      if (error instanceof WfmInputError) return error;
      throw error;
    }
    throw new Error('expected a WfmInputError');
  }

  it.each([
    [{ ahtSeconds: 0 }, 'ahtSeconds'],
    [{ ahtSeconds: -5 }, 'ahtSeconds'],
    [{ slTarget: 0 }, 'slTarget'],
    [{ slTarget: 1 }, 'slTarget'],
    [{ shrinkage: 1 }, 'shrinkage'],
    [{ shrinkage: -0.1 }, 'shrinkage'],
    [{ maxOccupancy: 0 }, 'maxOccupancy'],
    [{ calls: Number.NaN }, 'calls'],
    [{ intervalMinutes: 0 }, 'intervalMinutes'],
    [{ patienceSeconds: 0 }, 'patienceSeconds'],
    [{ patienceSeconds: 2e6 }, 'patienceSeconds'],
  ])('rejects %o naming %s', (override, field) => {
    const error = errorOf({ ...workedExample, ...override });
    expect(error.code).toBe('wfm.invalid_input');
    expect(error.field).toBe(field);
  });

  it('says an unreachable target is impossible instead of searching forever', () => {
    const capped = errorOf({ ...workedExample, maxAgents: 13 });
    expect(capped.code).toBe('wfm.impossible_target');
    expect(capped.field).toBe('slTarget');
    const flood = errorOf({ ...workedExample, calls: 1e12 });
    expect(flood.code).toBe('wfm.impossible_target');
    expect(flood.field).toBe('calls');
    const erlangA = errorOf({ ...workedExample, patienceSeconds: 60, maxAgents: 5 });
    expect(erlangA.code).toBe('wfm.impossible_target');
  });
});
