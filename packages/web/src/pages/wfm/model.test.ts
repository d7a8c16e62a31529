import { describe, expect, it } from 'vitest';
import {
  addDays,
  base64Of,
  clock,
  daily,
  dailyMax,
  daysBetween,
  endMinuteFor,
  fieldProblems,
  fromPercent,
  historyByDay,
  importFormatOf,
  importReport,
  localDateTime,
  movedShift,
  namePathOf,
  nextDay,
  parseClock,
  percentText,
  sampleCsv,
  slotLabels,
  slotOf,
  todayIn,
  toPercent,
  weekdayOf,
} from './model.ts';

describe('local dates', () => {
  it('adds days across months and years, and counts between', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-03-02', '2026-03-16')).toBe(14);
    expect(weekdayOf('2026-03-01')).toBe(0);
    expect(weekdayOf('2026-03-02')).toBe(1);
  });

  it('reads an instant in the planning zone, not the browser’s', () => {
    expect(localDateTime('2026-11-22T16:00:00.000Z', 'Asia/Shanghai')).toEqual({ date: '2026-11-23', minute: 0 });
    expect(localDateTime('2026-11-23T01:30:00.000Z', 'Asia/Shanghai')).toEqual({ date: '2026-11-23', minute: 570 });
    expect(todayIn('Asia/Shanghai', new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24');
  });
});

describe('minutes after midnight', () => {
  it('prints and parses clock times; shifts may pass midnight', () => {
    expect(clock(510)).toBe('08:30');
    expect(clock(1500)).toBe('01:00');
    expect(nextDay(1500)).toBe(true);
    expect(nextDay(1439)).toBe(false);
    expect(parseClock('8:05')).toBe(485);
    expect(parseClock('24:00')).toBeNull();
    expect(parseClock('8h')).toBeNull();
    expect(endMinuteFor(22 * 60, 6 * 60)).toBe(30 * 60);
    expect(endMinuteFor(8 * 60, 17 * 60)).toBe(17 * 60);
  });

  it('labels series slots from the start date', () => {
    expect(slotOf('2026-03-02', 30, 49)).toEqual({ date: '2026-03-03', minute: 30 });
    expect(slotLabels('2026-03-02', 30, 3)).toEqual(['03-02 00:00', '03-02 00:30', '03-02 01:00']);
  });
});

describe('roll-ups', () => {
  it('sums or averages per day, keeping all-null days null', () => {
    expect(daily([1, 2, null, null, 3, null], 2)).toEqual([3, null, 3]);
    expect(daily([2, 4, 6, 8], 2, 'mean')).toEqual([3, 7]);
    expect(dailyMax([1, 5, 2, 0], 2)).toEqual([5, 2]);
  });

  it('groups stored intervals by local day with a volume-weighted AHT', () => {
    const days = historyByDay(
      {
        // 2026-03-02 08:00 and 08:30 local, then 2026-03-03 08:00 local.
        intervalStarts: ['2026-03-02T00:00:00.000Z', '2026-03-02T00:30:00.000Z', '2026-03-03T00:00:00.000Z'],
        offered: [10, 30, 0],
        ahtSeconds: [100, 200, null],
      },
      'Asia/Shanghai',
    );
    expect(days.dates).toEqual(['2026-03-02', '2026-03-03']);
    expect(days.offered).toEqual([40, 0]);
    expect(days.ahtSeconds).toEqual([175, null]);
  });
});

describe('percent inputs', () => {
  it('gives the fraction a person typed (what the server’s exact ceilings expect)', () => {
    expect(fromPercent(30)).toBe(0.3);
    expect(fromPercent(85)).toBe(0.85);
    expect(fromPercent(33.3)).toBe(0.333);
    expect(fromPercent(7)).toBe(0.07);
    expect(toPercent(0.07)).toBe(7);
    expect(percentText(0.8884)).toBe('88.8%');
    expect(percentText(null)).toBe('–');
  });
});

describe('shifts', () => {
  it('moves breaks with the shift, or leaves them', () => {
    const shift = { startMinute: 480, endMinute: 1020, breaks: [{ kind: 'meal' as const, startMinute: 720, endMinute: 750, paid: false }] };
    expect(movedShift(shift, 540, 1080, true).breaks[0]).toMatchObject({ startMinute: 780, endMinute: 810 });
    expect(movedShift(shift, 540, 1080, false).breaks[0]).toMatchObject({ startMinute: 720, endMinute: 750 });
  });
});

describe('server errors', () => {
  it('reads schema issues and domain fields', () => {
    expect(
      fieldProblems({ issues: [{ path: 'body.ahtSeconds', message: 'Too small' }, { path: 'body.adjustments.0.percent', message: 'x' }] }),
    ).toEqual([
      { field: 'ahtSeconds', message: 'Too small' },
      { field: 'adjustments.0.percent', message: 'x' },
    ]);
    expect(fieldProblems({ field: 'calls', message: 'calls: 10000.0 Erlangs of traffic needs more than 500 agents' })).toEqual([
      { field: 'calls', message: '10000.0 Erlangs of traffic needs more than 500 agents' },
    ]);
    expect(fieldProblems(undefined)).toEqual([]);
    expect(namePathOf('agents[3].contractHoursPerWeek')).toEqual(['agents', 3, 'contractHoursPerWeek']);
    expect(namePathOf('adjustments.0.fromDate')).toEqual(['adjustments', 0, 'fromDate']);
  });

  it('reads the row-by-row report of a refused import', () => {
    const report = importReport({ field: 'content', message: '2 problem(s)', errorCount: 2, errors: [{ line: 31, field: 'queue', message: 'no queue with code "nope"' }] });
    expect(report).toEqual({ errors: [{ line: 31, field: 'queue', message: 'no queue with code "nope"' }], errorCount: 2, field: 'content', message: '2 problem(s)' });
    expect(importReport({ field: 'interval_start', message: 'no interval_start column' })?.errors).toEqual([]);
    expect(importReport(null)).toBeNull();
  });
});

describe('files', () => {
  it('knows the formats and encodes bytes as base64', () => {
    expect(importFormatOf('history.CSV')).toBe('csv');
    expect(importFormatOf('history.xlsx')).toBe('xlsx');
    expect(importFormatOf('history.xls')).toBeNull();
    expect(base64Of(new TextEncoder().encode('PK\u0003\u0004 hello'))).toBe(btoa('PK\u0003\u0004 hello'));
  });

  it('writes a sample in the import format', () => {
    const lines = sampleCsv('repair', '2026-03-02').trim().split('\r\n');
    expect(lines[0]).toBe('interval_start,queue,channel,offered,aht_seconds');
    expect(lines).toHaveLength(49);
    expect(lines[1]).toBe('2026-03-02 00:00,repair,voice,0,');
    expect(lines[17]).toMatch(/^2026-03-02 08:00,repair,voice,\d+,240$/);
  });
});
