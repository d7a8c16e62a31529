/** The generator in a worker thread: results and field-named errors come back, and the event loop stays free meanwhile. */
import { describe, expect, it } from 'vitest';
import { WfmInputError } from './domain/errors.ts';
import { generateScheduleInWorker } from './schedule-runner.ts';

const input = {
  startDate: '2026-03-02',
  weeks: 1,
  intervalMinutes: 30,
  requirement: Array.from({ length: 336 }, (_, index) => (index % 48 >= 18 && index % 48 < 36 ? 3 : 0)),
  templates: [{ id: 'day', earliestStartMinute: 480, latestStartMinute: 600, startStepMinutes: 30, paidMinutes: [480], breaks: { restMinutes: 15, maxWorkStretchMinutes: 150 } }],
  agents: Array.from({ length: 4 }, (_, index) => ({ id: `a${index}`, contractHoursPerWeek: 40 })),
};

describe('schedule generation in a worker thread', () => {
  it('returns the schedule while the main event loop keeps running', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const result = await generateScheduleInWorker(input, { seed: 1 });
    clearInterval(timer);
    expect(result.shifts).toHaveLength(20);
    expect(result.metrics.lowerBoundHours).toBe((3 * 18 * 5) / 2 + (3 * 18 * 2) / 2);
    expect(ticks).toBeGreaterThan(0);
  });

  it('passes the generator’s field-named input errors through', async () => {
    const error = await generateScheduleInWorker({ ...input, agents: [{ id: 'a', contractHoursPerWeek: 60, maxDaysPerWeek: 2 }] }, {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WfmInputError);
    expect(error).toMatchObject({ code: 'wfm.infeasible_contract', field: 'agents[0].contractHoursPerWeek' });
  });
});
