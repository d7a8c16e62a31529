import { describe, expect, it } from 'vitest';
import { WfmInputError } from './errors';
import { dayNumberOf, weekdayOfDayNumber } from './forecast';
import {
  generateSchedule,
  type ScheduleAgent,
  type ScheduleInput,
  type ScheduleResult,
  type ShiftTemplate,
} from './schedule';

const MONDAY = '2025-03-03';
const HALF_HOURS = 48;

const fullTime: ShiftTemplate = {
  id: 'full-time',
  earliestStartMinute: 7 * 60,
  latestStartMinute: 12 * 60,
  paidMinutes: [480],
  breaks: {
    restMinutes: 15,
    maxWorkStretchMinutes: 120,
    minWorkStretchMinutes: 60,
    meal: { minMinutes: 30, maxMinutes: 60, earliestStartAfterMinutes: 180, latestStartAfterMinutes: 300 },
  },
};

const partTime: ShiftTemplate = {
  id: 'part-time',
  earliestStartMinute: 8 * 60,
  latestStartMinute: 17 * 60,
  paidMinutes: [240, 300],
  breaks: { restMinutes: 15, maxWorkStretchMinutes: 120, minWorkStretchMinutes: 60 },
};

/** Requirement for `weeks` weeks: `agents(weekday, halfHour)` agents per half-hour. */
function requirement(weeks: number, agents: (weekday: number, halfHour: number) => number): number[] {
  const startDay = dayNumberOf(MONDAY, 'date');
  return Array.from({ length: weeks * 7 * HALF_HOURS }, (_, index) =>
    agents(weekdayOfDayNumber(startDay + Math.floor(index / HALF_HOURS)), index % HALF_HOURS),
  );
}

/**
 * Checks every rule on the generated schedule, independently of the generator's own bookkeeping.
 * Returns the list of violations (empty when the schedule is valid).
 */
function ruleViolations(input: ScheduleInput, result: ScheduleResult): string[] {
  const problems: string[] = [];
  const templates = new Map(input.templates.map((template) => [template.id, template]));
  const agents = new Map(input.agents.map((agent) => [agent.id, agent]));
  const startDay = dayNumberOf(input.startDate, 'startDate');
  const minRest = input.minRestBetweenShiftsMinutes ?? 660;
  const byAgent = new Map<string, { start: number; end: number; week: number; paid: number }[]>();

  for (const shift of result.shifts) {
    const label = `${shift.agentId} ${shift.date}`;
    const template = templates.get(shift.templateId);
    const agent = agents.get(shift.agentId);
    if (!template || !agent) {
      problems.push(`${label}: unknown template or agent`);
      continue;
    }
    const day = dayNumberOf(shift.date, 'date') - startDay;
    const weekday = weekdayOfDayNumber(startDay + day);
    const rules = template.breaks;
    if (agent.templateIds && !agent.templateIds.includes(template.id)) problems.push(`${label}: template not allowed`);
    if (template.weekdays && !template.weekdays.includes(weekday)) problems.push(`${label}: template not allowed on this weekday`);
    if (agent.fixedDaysOff?.includes(weekday)) problems.push(`${label}: works a fixed day off`);
    for (const off of agent.timeOff ?? []) {
      if (off.date !== shift.date) continue;
      const from = off.fromMinute ?? 0;
      const to = off.toMinute ?? 1440;
      if (shift.startMinute < to && shift.endMinute > from) problems.push(`${label}: overlaps time off`);
    }
    const step = template.startStepMinutes ?? 15;
    if (
      shift.startMinute < template.earliestStartMinute ||
      shift.startMinute > template.latestStartMinute ||
      (shift.startMinute - template.earliestStartMinute) % step !== 0
    ) {
      problems.push(`${label}: start ${shift.startMinute} outside the template window`);
    }
    if (!template.paidMinutes.includes(shift.paidMinutes)) problems.push(`${label}: paid length ${shift.paidMinutes} not allowed`);

    const breaks = [...shift.breaks].sort((a, b) => a.startMinute - b.startMinute);
    const meals = breaks.filter((item) => item.kind === 'meal');
    if (meals.length !== (rules.meal ? 1 : 0)) problems.push(`${label}: ${meals.length} meals`);
    for (const meal of meals) {
      const length = meal.endMinute - meal.startMinute;
      const after = meal.startMinute - shift.startMinute;
      if (!rules.meal || length < rules.meal.minMinutes || length > rules.meal.maxMinutes) problems.push(`${label}: meal of ${length} min`);
      if (rules.meal && (after < rules.meal.earliestStartAfterMinutes || after > rules.meal.latestStartAfterMinutes)) {
        problems.push(`${label}: meal starts ${after} min into the shift`);
      }
    }
    for (const rest of breaks.filter((item) => item.kind === 'rest')) {
      if (rest.endMinute - rest.startMinute !== rules.restMinutes) problems.push(`${label}: rest break of the wrong length`);
    }
    const edges = [shift.startMinute, ...breaks.flatMap((item) => [item.startMinute, item.endMinute]), shift.endMinute];
    for (let i = 0; i < edges.length; i += 2) {
      const stretch = (edges[i + 1] ?? 0) - (edges[i] ?? 0);
      if (stretch < (rules.minWorkStretchMinutes ?? 60) || stretch > rules.maxWorkStretchMinutes) {
        problems.push(`${label}: work stretch of ${stretch} min`);
      }
    }
    const unpaid = breaks.filter((item) => !item.paid).reduce((sum, item) => sum + item.endMinute - item.startMinute, 0);
    if (shift.endMinute - shift.startMinute - unpaid !== shift.paidMinutes) problems.push(`${label}: paid minutes do not add up`);

    const list = byAgent.get(shift.agentId) ?? [];
    list.push({ start: day * 1440 + shift.startMinute, end: day * 1440 + shift.endMinute, week: Math.floor(day / 7), paid: shift.paidMinutes });
    byAgent.set(shift.agentId, list);
  }

  for (const agent of input.agents) {
    const shifts = (byAgent.get(agent.id) ?? []).sort((a, b) => a.start - b.start);
    for (let i = 1; i < shifts.length; i++) {
      const gap = (shifts[i]?.start ?? 0) - (shifts[i - 1]?.end ?? 0);
      if (gap < minRest) problems.push(`${agent.id}: only ${gap} min rest between shifts`);
    }
    const maxDays = agent.maxDaysPerWeek ?? 5;
    for (let week = 0; week < input.weeks; week++) {
      const inWeek = shifts.filter((shift) => shift.week === week);
      const wholeDaysOff = (agent.timeOff ?? []).filter((off) => {
        const day = dayNumberOf(off.date, 'date') - startDay;
        const weekday = weekdayOfDayNumber(startDay + day);
        return off.fromMinute === undefined && Math.floor(day / 7) === week && !agent.fixedDaysOff?.includes(weekday);
      }).length;
      const credit = (wholeDaysOff * agent.contractHoursPerWeek * 60) / maxDays;
      const paid = inWeek.reduce((sum, shift) => sum + shift.paid, 0);
      const min = Math.max(0, (agent.minHoursPerWeek ?? agent.contractHoursPerWeek) * 60 - credit);
      const max = Math.max(0, agent.contractHoursPerWeek * 60 - credit);
      if (inWeek.length > maxDays) problems.push(`${agent.id}: ${inWeek.length} days in week ${week + 1}`);
      if (paid < min - 1e-9 || paid > max + 1e-9) problems.push(`${agent.id}: ${paid / 60} h in week ${week + 1}, allowed ${min / 60}–${max / 60}`);
    }
  }
  return problems;
}

/** On-queue agents per grid slot, recomputed from the shifts. */
function onQueueBySlot(input: ScheduleInput, result: ScheduleResult): number[] {
  const grid = result.gridMinutes;
  const startDay = dayNumberOf(input.startDate, 'startDate');
  const cover = new Array<number>((input.weeks * 7 + 1) * (1440 / grid)).fill(0);
  for (const shift of result.shifts) {
    const base = (dayNumberOf(shift.date, 'date') - startDay) * 1440;
    for (let minute = shift.startMinute; minute < shift.endMinute; minute += grid) {
      const onBreak = shift.breaks.some((item) => minute >= item.startMinute && minute < item.endMinute);
      if (!onBreak) cover[(base + minute) / grid] = (cover[(base + minute) / grid] ?? 0) + 1;
    }
  }
  return cover;
}

async function errorOf(run: () => Promise<unknown>): Promise<WfmInputError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof WfmInputError) return error;
    throw error;
  }
  throw new Error('expected a WfmInputError');
}

describe('schedule generator', () => {
  it('covers a requirement that shifts without breaks fit exactly, with no over-staffing', async () => {
    const noBreaks: ShiftTemplate = {
      id: 'four-hours',
      earliestStartMinute: 8 * 60,
      latestStartMinute: 14 * 60,
      paidMinutes: [240],
      breaks: { restMinutes: 15, maxWorkStretchMinutes: 240, minWorkStretchMinutes: 60 },
    };
    // Two agents 09:00–13:00 and one 13:00–17:00, Monday to Friday.
    const input: ScheduleInput = {
      startDate: MONDAY,
      weeks: 1,
      intervalMinutes: 30,
      requirement: requirement(1, (weekday, halfHour) =>
        weekday === 0 || weekday === 6 ? 0 : halfHour >= 18 && halfHour < 26 ? 2 : halfHour >= 26 && halfHour < 34 ? 1 : 0,
      ),
      templates: [noBreaks],
      agents: ['a', 'b', 'c'].map((id) => ({ id, contractHoursPerWeek: 20 })),
    };
    const result = await generateSchedule(input);
    expect(ruleViolations(input, result)).toEqual([]);
    expect(result.metrics.lowerBoundHours).toBe(60);
    expect(result.metrics.onQueueHours).toBe(60);
    expect(result.metrics.scheduledHoursVsLowerBound).toBe(1);
    expect(result.metrics.underCoveredIntervals).toBe(0);
    expect(result.metrics.lpBound?.onQueueHours).toBeCloseTo(60, 6);
  });

  it('respects every rule on a mixed team with days off, time off and rest, and reports coverage truthfully', async () => {
    const agents: ScheduleAgent[] = [
      ...Array.from({ length: 8 }, (_, index) => ({
        id: `ft-${index}`,
        contractHoursPerWeek: 40,
        templateIds: ['full-time'],
        ...(index < 2 ? { fixedDaysOff: [0, 6] } : {}),
      })),
      ...Array.from({ length: 4 }, (_, index) => ({
        id: `pt-${index}`,
        contractHoursPerWeek: 25,
        minHoursPerWeek: 8,
        maxDaysPerWeek: 6,
        templateIds: ['part-time'],
      })),
    ];
    agents[2] = { ...(agents[2] as ScheduleAgent), timeOff: [{ date: '2025-03-05' }] };
    agents[3] = { ...(agents[3] as ScheduleAgent), timeOff: [{ date: '2025-03-11', fromMinute: 6 * 60, toMinute: 12 * 60 }] };
    const input: ScheduleInput = {
      startDate: MONDAY,
      weeks: 2,
      intervalMinutes: 30,
      requirement: requirement(2, (weekday, halfHour) => {
        if (halfHour < 16 || halfHour >= 40) return 0;
        const peak = halfHour >= 20 && halfHour < 30 ? 2 : 0;
        return (weekday === 0 ? 2 : 3) + peak;
      }),
      templates: [fullTime, partTime],
      agents,
    };
    const result = await generateSchedule(input, { seed: 5 });
    expect(ruleViolations(input, result)).toEqual([]);

    const cover = onQueueBySlot(input, result);
    const perInterval = input.requirement.map((_, index) => ((cover[2 * index] ?? 0) + (cover[2 * index + 1] ?? 0)) / 2);
    expect(result.coverage).toEqual(perInterval);
    const onQueueHours = cover.reduce((sum, value) => sum + value, 0) / 4;
    expect(result.metrics.onQueueHours).toBe(onQueueHours);
    const under = input.requirement.filter((required, index) => Math.min(cover[2 * index] ?? 0, cover[2 * index + 1] ?? 0) < required);
    expect(result.metrics.underCoveredIntervals).toBe(under.length);
    expect(result.underCovered).toHaveLength(under.length);
    // The heuristic lands within 10% of what the LP relaxation proves the rules allow.
    const bound = result.metrics.lpBound;
    expect(bound).toBeDefined();
    const weighted = (hours: { onQueueHours: number; underStaffedHours: number }) => hours.onQueueHours + 1001 * hours.underStaffedHours;
    expect(weighted({ onQueueHours: result.metrics.onQueueHours, underStaffedHours: result.metrics.underStaffedHours })).toBeGreaterThanOrEqual(
      weighted(bound ?? { onQueueHours: 0, underStaffedHours: 0 }) - 1e-6,
    );
    expect(result.metrics.underCoveredIntervals).toBe(0);
    expect(result.metrics.onQueueHours).toBeLessThanOrEqual(1.1 * (bound?.onQueueHours ?? 0));
  });

  it('is deterministic for a seed, and valid without the LP too', async () => {
    const input: ScheduleInput = {
      startDate: MONDAY,
      weeks: 1,
      intervalMinutes: 30,
      requirement: requirement(1, (_, halfHour) => (halfHour >= 16 && halfHour < 40 ? 3 : 0)),
      templates: [fullTime, partTime],
      agents: Array.from({ length: 6 }, (_, index) => ({ id: `a${index}`, contractHoursPerWeek: 30, minHoursPerWeek: 10, maxDaysPerWeek: 6 })),
    };
    const first = await generateSchedule(input, { seed: 9 });
    const second = await generateSchedule(input, { seed: 9 });
    expect(second).toEqual(first);
    const heuristic = await generateSchedule(input, { seed: 9, useLinearProgram: false });
    expect(ruleViolations(input, heuristic)).toEqual([]);
    expect(heuristic.metrics.lpBound).toBeUndefined();
  });

  it('puts under-staffing first: short-handed, it works every contract hour and reports the gaps', async () => {
    const input: ScheduleInput = {
      startDate: MONDAY,
      weeks: 1,
      intervalMinutes: 30,
      requirement: requirement(1, (_, halfHour) => (halfHour >= 16 && halfHour < 40 ? 6 : 0)),
      templates: [partTime],
      agents: Array.from({ length: 3 }, (_, index) => ({ id: `a${index}`, contractHoursPerWeek: 25, minHoursPerWeek: 0, maxDaysPerWeek: 5 })),
    };
    const result = await generateSchedule(input);
    expect(ruleViolations(input, result)).toEqual([]);
    expect(result.metrics.paidHours).toBe(75);
    expect(result.metrics.underCoveredIntervals).toBeGreaterThan(0);
    expect(result.underCovered[0]).toMatchObject({ required: 6 });
    expect(result.metrics.overStaffedHours).toBe(0);
  });

  it('puts over-staffing second: flexible agents drop to the hours the requirement needs', async () => {
    const noBreaks: ShiftTemplate = { ...partTime, paidMinutes: [240], breaks: { restMinutes: 15, maxWorkStretchMinutes: 240 } };
    const input: ScheduleInput = {
      startDate: MONDAY,
      weeks: 1,
      intervalMinutes: 30,
      // One agent 09:00–13:00 on weekdays: 20 agent-hours.
      requirement: requirement(1, (weekday, halfHour) => (weekday > 0 && weekday < 6 && halfHour >= 18 && halfHour < 26 ? 1 : 0)),
      templates: [noBreaks],
      agents: Array.from({ length: 3 }, (_, index) => ({ id: `a${index}`, contractHoursPerWeek: 20, minHoursPerWeek: 4 })),
    };
    const result = await generateSchedule(input);
    expect(ruleViolations(input, result)).toEqual([]);
    expect(result.metrics.underCoveredIntervals).toBe(0);
    expect(result.metrics.onQueueHours).toBe(20);
    expect(result.metrics.overStaffedHours).toBe(0);
  });
});

describe('schedule input errors', () => {
  const base: ScheduleInput = {
    startDate: MONDAY,
    weeks: 1,
    intervalMinutes: 30,
    requirement: requirement(1, () => 1),
    templates: [fullTime],
    agents: [{ id: 'a', contractHoursPerWeek: 40 }],
  };

  it('names a template whose breaks cannot fit the rules', async () => {
    const impossible: ShiftTemplate = {
      ...fullTime,
      breaks: { ...fullTime.breaks, maxWorkStretchMinutes: 60, minWorkStretchMinutes: 60, meal: undefined },
      paidMinutes: [100],
    };
    const error = await errorOf(() => generateSchedule({ ...base, templates: [impossible] }));
    expect(error.code).toBe('wfm.no_feasible_shift');
    expect(error.field).toBe('templates[0]');
  });

  it('names an agent whose contract cannot be met', async () => {
    const fourDays = await errorOf(() => generateSchedule({ ...base, agents: [{ id: 'a', contractHoursPerWeek: 40, maxDaysPerWeek: 4 }] }));
    expect(fourDays.code).toBe('wfm.infeasible_contract');
    expect(fourDays.field).toBe('agents[0].contractHoursPerWeek');
    const weekdaysOff = await errorOf(() =>
      generateSchedule({ ...base, agents: [{ id: 'a', contractHoursPerWeek: 40, minHoursPerWeek: 40, fixedDaysOff: [1, 2, 3] }] }),
    );
    expect(weekdaysOff.field).toBe('agents[0].minHoursPerWeek');
  });

  it.each([
    ['a requirement of the wrong length', { requirement: [1, 2, 3] }, 'requirement'],
    ['five weeks', { weeks: 5 }, 'weeks'],
    ['no agents', { agents: [] }, 'agents'],
    ['no templates', { templates: [] }, 'templates'],
    ['an unknown template', { agents: [{ id: 'a', contractHoursPerWeek: 40, templateIds: ['night'] }] }, 'agents[0].templateIds'],
    ['a negative requirement', { requirement: [-1, ...requirement(1, () => 1).slice(1)] }, 'requirement[0]'],
    ['a bad date', { startDate: '2025-02-30' }, 'startDate'],
  ])('rejects %s', async (_label, override, field) => {
    const error = await errorOf(() => generateSchedule({ ...base, ...override }));
    expect(error.field).toBe(field);
  });
});
