import { describe, expect, it } from 'vitest';
import { WfmInputError } from './errors';
import { computeStaffing, erlangCMetrics } from './erlang';
import { buildStaffingPlan, computeChatStaffing, computeOutboundAgents, planSeats } from './sizing';

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof WfmInputError) return error.field;
    throw error;
  }
  throw new Error('expected a WfmInputError');
}

describe('chat staffing with concurrency', () => {
  const chat = { chats: 300, intervalMinutes: 30, handleSeconds: 600, slTarget: 0.8, slSeconds: 60 };

  it('staffs chat slots by Erlang C and divides by concurrency', () => {
    const slots = computeStaffing({ calls: 300, intervalMinutes: 30, ahtSeconds: 600, slTarget: 0.8, slSeconds: 60 });
    const result = computeChatStaffing({ ...chat, concurrency: 3 });
    expect(result.slots).toBe(slots.rawAgents);
    expect(result.rawAgents).toBe(Math.ceil(slots.rawAgents / 3));
    expect(result.trafficErlangs).toBe(100);
    // Metrics are those of the slots actually staffed.
    const staffed = erlangCMetrics(result.rawAgents * 3, 100, 600, 60);
    expect(result.serviceLevel).toBeCloseTo(staffed.serviceLevel, 12);
    expect(result.occupancy).toBeCloseTo(100 / (result.rawAgents * 3), 12);
  });

  it('equals voice staffing at concurrency 1 and applies shrinkage to agents', () => {
    const voice = computeStaffing({ calls: 300, intervalMinutes: 30, ahtSeconds: 600, slTarget: 0.8, slSeconds: 60, shrinkage: 0.3 });
    const result = computeChatStaffing({ ...chat, concurrency: 1, shrinkage: 0.3 });
    expect(result.rawAgents).toBe(voice.rawAgents);
    expect(result.agents).toBe(voice.agents);
  });

  it('reports abandonment with patience', () => {
    const result = computeChatStaffing({ ...chat, concurrency: 2, patienceSeconds: 300 });
    expect(result.abandonRate).toBeGreaterThan(0);
    expect(result.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('rejects a fractional concurrency', () => {
    expect(fieldOf(() => computeChatStaffing({ ...chat, concurrency: 1.5 }))).toBe('concurrency');
  });
});

describe('outbound sizing (000 §4.2.1)', () => {
  it('divides list × connect rate × AHT by the calling window', () => {
    // 20,000 records, 40% connect, 300 s each: 666.67 h of talk; 22 days × 6 h = 132 h per agent.
    const result = computeOutboundAgents({ listSize: 20_000, connectRate: 0.4, ahtSeconds: 300, callingWindowHours: 132 });
    expect(result.workloadHours).toBeCloseTo(666.667, 3);
    expect(result.rawAgents).toBe(6);
    expect(result.agents).toBe(6);
  });

  it('takes the ceiling exactly on a whole quotient and after shrinkage', () => {
    // 3,000 × 0.3 × 280 s = 70 h over a 10 h window: exactly 7 agents; 7 / 0.7 = 10 (not 11).
    const result = computeOutboundAgents({
      listSize: 3000,
      connectRate: 0.3,
      ahtSeconds: 280,
      callingWindowHours: 10,
      shrinkage: 0.3,
    });
    expect(result.rawAgents).toBe(7);
    expect(result.agents).toBe(10);
  });

  it('names the bad field', () => {
    const good = { listSize: 100, connectRate: 0.5, ahtSeconds: 60, callingWindowHours: 8 };
    expect(fieldOf(() => computeOutboundAgents({ ...good, connectRate: 0 }))).toBe('connectRate');
    expect(fieldOf(() => computeOutboundAgents({ ...good, ahtSeconds: 0 }))).toBe('ahtSeconds');
    expect(fieldOf(() => computeOutboundAgents({ ...good, callingWindowHours: -1 }))).toBe('callingWindowHours');
  });
});

describe('seats and headcount (000 §4.2.2)', () => {
  it('gives 3 + 1 + 1 = 5 seats and 7 agents for 3 seats staffed 12 h a day all week', () => {
    // A week of 30-minute intervals: 3 agents from 09:00 to 21:00 every day.
    const day = Array.from({ length: 48 }, (_, slot) => (slot >= 18 && slot < 42 ? 3 : 0));
    const week = Array.from({ length: 7 }, () => day).flat();
    const result = planSeats({
      staffedPerInterval: week,
      intervalMinutes: 30,
      managementSeats: 1,
      flexibleSeats: 1,
      contractHoursPerWeek: 40,
    });
    expect(result.peakStaffed).toBe(3);
    expect(result.totalSeats).toBe(5);
    expect(result.staffedHoursPerWeek).toBe(252);
    expect(result.headcount).toBe(7);
  });

  it('averages hours over the weeks of the plan and inflates headcount by shrinkage exactly', () => {
    // 2 weeks of a flat 10 agents around the clock is 1,680 h per week; / 40 h = 42; / (1 − 0.3) = 60.
    const result = planSeats({
      staffedPerInterval: new Array<number>(2 * 7 * 48).fill(10),
      intervalMinutes: 30,
      managementSeats: 2,
      flexibleSeats: 0,
      contractHoursPerWeek: 40,
      shrinkage: 0.3,
    });
    expect(result.staffedHoursPerWeek).toBe(1680);
    expect(result.headcount).toBe(60);
    expect(result.totalSeats).toBe(12);
  });
});

describe('staffing plan', () => {
  const base = { intervalMinutes: 30, slTarget: 0.8, slSeconds: 20, shrinkage: 0.3, maxOccupancy: 0.85 };

  it('computes every interval, the peak and the lower bound in agent-hours', () => {
    const plan = buildStaffingPlan({
      ...base,
      intervals: [
        { calls: 0 },
        { calls: 100, ahtSeconds: 180 },
        { calls: 2000, ahtSeconds: 180 },
      ],
    });
    expect(plan.intervals.map((interval) => interval.rawAgents)).toEqual([
      0,
      14,
      computeStaffing({ ...base, calls: 2000, ahtSeconds: 180 }).rawAgents,
    ]);
    expect(plan.intervals[1]?.agents).toBe(20);
    expect(plan.peakRawAgents).toBe(plan.intervals[2]?.rawAgents);
    expect(plan.requiredAgentHours).toBe(((plan.intervals[1]?.rawAgents ?? 0) + plan.peakRawAgents) / 2);
  });

  it('shows the gap to a schedule', () => {
    const plan = buildStaffingPlan({
      ...base,
      intervals: [{ calls: 100, ahtSeconds: 180 }, { calls: 100, ahtSeconds: 180 }],
      scheduled: [12, 15],
    });
    expect(plan.intervals.map((interval) => interval.gap)).toEqual([-2, 1]);
    expect(plan.shortIntervals).toBe(1);
  });

  it('names the interval with a missing AHT', () => {
    expect(fieldOf(() => buildStaffingPlan({ ...base, intervals: [{ calls: 5 }] }))).toBe('intervals[0].ahtSeconds');
    expect(fieldOf(() => buildStaffingPlan({ ...base, intervals: [] }))).toBe('intervals');
  });
});
