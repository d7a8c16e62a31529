import { describe, expect, it } from 'vitest';
import { demoDayScenario } from './demo-day.ts';
import { parseScenario, type ScenarioInput } from './scenario.ts';
import { runSimulation, type InteractionRecord } from './simulation.ts';

const HALF_HOUR_MS = 30 * 60_000;

/** A one-queue scenario with everything but the arrival rate, handling and staffing left at its simplest. */
function singleQueue(options: {
  callsPerInterval: number;
  intervals: number;
  bots: number | number[];
  handle: ScenarioInput['queues'][number]['handleTime'];
  patience?: ScenarioInput['queues'][number]['patience'];
  queue?: Partial<ScenarioInput['queues'][number]>;
}) {
  return parseScenario({
    name: 'single queue',
    startAt: '2025-01-06T00:00:00Z',
    intervalMinutes: 30,
    expectedCalls: Array<number>(options.intervals).fill(options.callsPerInterval),
    ivr: { start: 'queue', nodes: { queue: { type: 'queue', queueId: 'q' } } },
    queues: [{ id: 'q', maxWrapUpSeconds: 0, handleTime: options.handle, patience: options.patience ?? null, ...options.queue }],
    agentGroups: [{ id: 'bots', skills: {}, staffing: Array.isArray(options.bots) ? options.bots : Array<number>(options.intervals).fill(options.bots) }],
    botAnswerSeconds: 0,
  });
}

/** Erlang C by the Erlang B recursion 1/B(k) = 1 + k/(A·B(k−1)), then C = n·B / (n − A(1 − B)). */
function erlangC(traffic: number, agents: number): number {
  let blocking = 1;
  for (let k = 1; k <= agents; k++) blocking = (traffic * blocking) / (k + traffic * blocking);
  return (agents * blocking) / (agents - traffic * (1 - blocking));
}

function erlangTheory(traffic: number, agents: number, handleSeconds: number, targetSeconds: number) {
  const probabilityOfWait = erlangC(traffic, agents);
  return {
    probabilityOfWait,
    serviceLevel: 1 - probabilityOfWait * Math.exp((-(agents - traffic) * targetSeconds) / handleSeconds),
    asaSeconds: (probabilityOfWait * handleSeconds) / (agents - traffic),
  };
}

/** Mean and its standard error by batch means over consecutive batches (waits in neighbouring calls are correlated). */
function batchEstimate(batches: number[][]): { mean: number; standardError: number } {
  const means = batches.map((batch) => batch.reduce((sum, value) => sum + value, 0) / batch.length);
  const mean = means.reduce((sum, value) => sum + value, 0) / means.length;
  const variance = means.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (means.length - 1);
  return { mean, standardError: Math.sqrt(variance / means.length) };
}

describe('simulation', () => {
  it('gives identical output for the same seed, and a different day for another', () => {
    const scenario = demoDayScenario();
    const first = runSimulation(scenario, { seed: 42 });
    expect(runSimulation(scenario, { seed: 42 })).toEqual(first);
    expect(runSimulation(scenario, { seed: 43 }).interactions).not.toEqual(first.interactions);
  });

  it('agrees with the Erlang C reference formula on the published example and on M/M/2', () => {
    const example = erlangTheory(10, 14, 180, 20);
    expect(example.probabilityOfWait).toBeCloseTo(0.1741, 4);
    expect(example.serviceLevel).toBeCloseTo(0.888, 3);
    expect(example.asaSeconds).toBeCloseTo(7.8, 1);
    expect(erlangC(1, 2)).toBeCloseTo(1 / 3, 12);
  });

  // Erlang C's own assumptions: Poisson arrivals, exponential handling, no wrap-up, nobody abandons,
  // answers without ring time, first come first served, constant staffing in steady state. The first
  // half hour (which starts empty) is left out. Tolerance: each estimate lies within 4 standard
  // errors of the formula, the standard error taken by batch means over 5-hour batches and itself
  // capped, so the check cannot pass by noise. At these lengths (40,000 and 20,000 calls) that is
  // about ±0.03 on P(wait) and service level, and ±2.4 s (A = 10) or ±10 s (A = 1) on ASA.
  it.each([
    { traffic: 10, agents: 14, callsPerInterval: 100, intervals: 400, maxErrors: { wait: 0.01, level: 0.01, asa: 0.8 } },
    { traffic: 1, agents: 2, callsPerInterval: 10, intervals: 2000, maxErrors: { wait: 0.01, level: 0.01, asa: 4 } },
  ])('matches Erlang C for A = $traffic Erlangs on $agents agents', ({ traffic, agents, callsPerInterval, intervals, maxErrors }) => {
    const handleSeconds = 180;
    const targetSeconds = 20;
    expect((callsPerInterval * handleSeconds) / 1800).toBe(traffic);
    const result = runSimulation(singleQueue({ callsPerInterval, intervals, bots: agents, handle: { type: 'exponential', meanSeconds: handleSeconds } }), { seed: 7 });
    const theory = erlangTheory(traffic, agents, handleSeconds, targetSeconds);

    const batches: InteractionRecord[][] = [];
    for (const record of result.interactions) {
      const interval = Math.floor(((record.queuedAt as number) - result.startAt) / HALF_HOUR_MS);
      if (interval === 0) continue;
      expect(record.outcome).toBe('answered');
      (batches[Math.floor((interval - 1) / 10)] ??= []).push(record);
    }
    const waits = batches.map((batch) => batch.map((record) => ((record.answeredAt as number) - (record.queuedAt as number)) / 1000));
    const probabilityOfWait = batchEstimate(waits.map((batch) => batch.map((wait) => (wait > 0 ? 1 : 0))));
    const serviceLevel = batchEstimate(waits.map((batch) => batch.map((wait) => (wait <= targetSeconds ? 1 : 0))));
    const asa = batchEstimate(waits);

    expect(probabilityOfWait.standardError).toBeLessThan(maxErrors.wait);
    expect(serviceLevel.standardError).toBeLessThan(maxErrors.level);
    expect(asa.standardError).toBeLessThan(maxErrors.asa);
    expect(Math.abs(probabilityOfWait.mean - theory.probabilityOfWait)).toBeLessThanOrEqual(4 * probabilityOfWait.standardError);
    expect(Math.abs(serviceLevel.mean - theory.serviceLevel)).toBeLessThanOrEqual(4 * serviceLevel.standardError);
    expect(Math.abs(asa.mean - theory.asaSeconds)).toBeLessThanOrEqual(4 * asa.standardError);
  });

  it('runs the demo day: a few hundred calls, some abandons, every lifecycle in order', () => {
    const result = runSimulation(demoDayScenario(), { seed: 1 });
    const { totals } = result;
    expect(totals.arrived).toBeGreaterThanOrEqual(300);
    expect(totals.abandoned).toBeGreaterThan(0);
    expect(totals.answered).toBeGreaterThan(totals.offered * 0.8);
    expect(totals.offered).toBe(totals.answered + totals.abandoned + totals.limitReached + totals.unanswered);
    expect(totals.arrived).toBe(totals.offered + totals.handledInIvr);
    expect(result.intervals).toHaveLength(24);
    expect(result.intervals.reduce((sum, interval) => sum + interval.offered, 0)).toBe(totals.offered);
    expect(Object.values(result.queues).reduce((sum, queue) => sum + queue.totals.offered, 0)).toBe(totals.offered);

    const inOrder = (...times: (number | null)[]) => {
      const present = times.filter((time): time is number => time !== null);
      return present.every((time, index) => index === 0 || time >= (present[index - 1] as number));
    };
    for (const record of result.interactions) {
      expect(inOrder(record.arrivedAt, record.ivrExitedAt, record.queuedAt, record.offeredAt, record.answeredAt, record.endedAt, record.wrapUpEndedAt)).toBe(true);
      expect(record.endedAt).not.toBeNull();
      if (record.outcome === 'answered') {
        expect(record.agent).not.toBeNull();
        expect(record.wrapUpEndedAt).not.toBeNull();
        expect(record.abandonedAt).toBeNull();
      } else {
        expect(record.answeredAt).toBeNull();
      }
      if (record.outcome === 'abandoned_in_queue') expect(record.abandonedAt).toBe(record.endedAt);
      if (record.outcome === 'self_service') expect(record.queuedAt).toBeNull();
    }
    expect(new Set(result.interactions.map((record) => record.id)).size).toBe(result.interactions.length);
  });

  it('logs bots in and out to follow the staffing vector of each interval', () => {
    const staffing = [2, 5, 1, 0, 3];
    const result = runSimulation(
      singleQueue({ callsPerInterval: 20, intervals: staffing.length, bots: staffing, handle: { type: 'exponential', meanSeconds: 300 }, patience: { type: 'fixed', seconds: 600 } }),
      { seed: 3 },
    );
    const presence = new Map<string, string>();
    let next = 0;
    staffing.forEach((expected, interval) => {
      const intervalStart = result.startAt + interval * HALF_HOUR_MS;
      for (; next < result.agentStates.length && (result.agentStates[next]?.at as number) <= intervalStart; next++) {
        const change = result.agentStates[next];
        if (change) presence.set(change.agentId, change.presence);
      }
      expect([...presence.values()].filter((value) => value !== 'offline')).toHaveLength(expected);
      expect(result.intervals[interval]?.staffedBots).toBe(expected);
    });
  });

  it('lets callers abandon when their patience runs out, and nobody staffed answers nobody', () => {
    const result = runSimulation(singleQueue({ callsPerInterval: 30, intervals: 2, bots: 0, handle: { type: 'fixed', seconds: 60 }, patience: { type: 'fixed', seconds: 45 } }), { seed: 5 });
    expect(result.interactions.length).toBeGreaterThan(20);
    for (const record of result.interactions) {
      expect(record.outcome).toBe('abandoned_in_queue');
      expect((record.abandonedAt as number) - (record.queuedAt as number)).toBe(45_000);
    }
    expect(result.totals).toMatchObject({ serviceLevel: 0, abandonRate: 1, answered: 0 });
    expect(result.totals.occupancy).toBeNull();

    const patient = runSimulation(singleQueue({ callsPerInterval: 30, intervals: 2, bots: 0, handle: { type: 'fixed', seconds: 60 } }), { seed: 5 });
    expect(patient.interactions.every((record) => record.outcome === 'unanswered')).toBe(true);
    expect(patient.totals.unanswered).toBe(patient.totals.offered);
  });

  it('counts calls turned away by a full queue against the service level', () => {
    const result = runSimulation(
      singleQueue({ callsPerInterval: 20, intervals: 1, bots: 0, handle: { type: 'fixed', seconds: 60 }, queue: { limits: { maxLength: 0, action: { type: 'callback' } } } }),
      { seed: 9 },
    );
    expect(result.interactions.every((record) => record.outcome === 'callback' && record.queuedAt === null && record.endedAt === record.ivrExitedAt)).toBe(true);
    expect(result.totals).toMatchObject({ offered: result.interactions.length, limitReached: result.interactions.length, serviceLevel: 0 });
  });

  it('meets the same callers whatever the staffing plan, so what-if runs differ only by the plan', () => {
    const callers = (bots: number) =>
      runSimulation(singleQueue({ callsPerInterval: 40, intervals: 4, bots, handle: { type: 'lognormal', meanSeconds: 200, sdSeconds: 100 } }), { seed: 11 }).interactions.map(
        ({ id, arrivedAt, priority, ivrPath }) => ({ id, arrivedAt, priority, ivrPath }),
      );
    expect(callers(2)).toEqual(callers(8));
  });

  it('sends callers down the IVR branches in the given proportions', () => {
    const scenario = demoDayScenario();
    const result = runSimulation({ ...scenario, expectedCalls: scenario.expectedCalls.map((calls) => calls * 40) }, { seed: 2 });
    const share = (node: string) => result.interactions.filter((record) => record.ivrPath[1] === node).length / result.interactions.length;
    expect(share('repairs')).toBeCloseTo(0.48, 1);
    expect(Math.abs(share('repairs') - 0.48)).toBeLessThan(0.02);
    expect(Math.abs(share('complaints') - 0.17)).toBeLessThan(0.02);
    expect(Math.abs(share('new-business-menu') - 0.2)).toBeLessThan(0.02);
    expect(Math.abs(share('ticket-status') - 0.1)).toBeLessThan(0.02);
  });
});
