import { describe, expect, it } from 'vitest';
import { computeStaffing } from './domain/erlang';
import { forecastRequestSchema, scheduleRequestSchema, staffingRequestSchema } from './schemas';

describe('WFM request schemas', () => {
  it('fills staffing defaults and feeds the domain directly', () => {
    const body = staffingRequestSchema.parse({ calls: 100, intervalMinutes: 30, ahtSeconds: 180, slTarget: 0.8, slSeconds: 20 });
    expect(body).toEqual({ calls: 100, intervalMinutes: 30, ahtSeconds: 180, slTarget: 0.8, slSeconds: 20, shrinkage: 0, maxOccupancy: 1 });
    expect(computeStaffing({ ...body, shrinkage: 0.3, maxOccupancy: 0.85 })).toMatchObject({ rawAgents: 14, agents: 20 });
  });

  it.each([
    [{ ahtSeconds: 0 }, 'ahtSeconds'],
    [{ ahtSeconds: -1 }, 'ahtSeconds'],
    [{ slTarget: 0 }, 'slTarget'],
    [{ slTarget: 1 }, 'slTarget'],
    [{ shrinkage: 1 }, 'shrinkage'],
    [{ maxOccupancy: 0 }, 'maxOccupancy'],
    [{ patienceSeconds: 0 }, 'patienceSeconds'],
  ])('rejects %o at %s', (override, field) => {
    const result = staffingRequestSchema.safeParse({ calls: 100, intervalMinutes: 30, ahtSeconds: 180, slTarget: 0.8, slSeconds: 20, ...override });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([field]);
  });

  it('rejects impossible dates and unknown adjustment kinds in a forecast request', () => {
    const history = { startDate: '2025-02-29', intervalMinutes: 30, volumes: [1] };
    expect(forecastRequestSchema.safeParse({ history }).error?.issues[0]?.path).toEqual(['history', 'startDate']);
    const adjusted = forecastRequestSchema.safeParse({
      history: { ...history, startDate: '2025-02-28' },
      options: { adjustments: [{ kind: 'promotion', fromDate: '2025-03-01' }] },
    });
    expect(adjusted.success).toBe(false);
  });

  it('caps a schedule request at four weeks', () => {
    const request = {
      startDate: '2025-03-03',
      weeks: 5,
      intervalMinutes: 30,
      requirement: [1],
      templates: [
        { id: 't', earliestStartMinute: 480, latestStartMinute: 600, paidMinutes: [240], breaks: { restMinutes: 15, maxWorkStretchMinutes: 120 } },
      ],
      agents: [{ id: 'a', contractHoursPerWeek: 20 }],
    };
    expect(scheduleRequestSchema.safeParse(request).error?.issues[0]?.path).toEqual(['weeks']);
    expect(scheduleRequestSchema.safeParse({ ...request, weeks: 4 }).success).toBe(true);
  });
});
