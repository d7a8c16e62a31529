import { describe, expect, it } from 'vitest';
import { seededRandom } from '../platform/random.ts';
import { addBusinessMillis, businessMillisBetween, epochOfLocal, hoursOn, isOpen, localDateOf, nextOpening } from './calendar.ts';
import { CHINA_2026_HOLIDAYS, CHINA_2026_MAKE_UP_WORKDAYS, defaultChinaCalendar2026 } from './china-holidays.ts';
import { businessCalendarSchema, parseCalendar, type BusinessCalendarInput } from './schemas.ts';

const HOUR = 3_600_000;
const china = defaultChinaCalendar2026();
const shanghai = (date: string, time: string) => epochOfLocal('Asia/Shanghai', date, time);
const london = (date: string, time: string) => epochOfLocal('Europe/London', date, time);

function calendar(timeZone: string, hours: { from: string; to: string }[], extra: Partial<BusinessCalendarInput> = {}) {
  return parseCalendar({
    id: 'test',
    timeZone,
    weekly: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: hours, sun: hours },
    ...extra,
  });
}

describe('local time in a zone', () => {
  it('converts Asia/Shanghai wall-clock times at a fixed +08:00', () => {
    expect(shanghai('2026-01-05', '09:00')).toBe(Date.UTC(2026, 0, 5, 1, 0));
    expect(shanghai('2026-07-05', '09:00')).toBe(Date.UTC(2026, 6, 5, 1, 0));
    expect(localDateOf('Asia/Shanghai', Date.UTC(2026, 0, 4, 16, 0))).toBe('2026-01-05');
  });

  it('follows Europe/London daylight saving, reading a skipped time just after the gap and a repeated time at its first occurrence', () => {
    expect(london('2026-01-05', '09:00')).toBe(Date.UTC(2026, 0, 5, 9, 0));
    expect(london('2026-07-06', '09:00')).toBe(Date.UTC(2026, 6, 6, 8, 0));
    // 2026-03-29 01:00 GMT → 02:00 BST: 01:30 never happens on the wall clock.
    expect(london('2026-03-29', '01:30')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 2026-10-25 02:00 BST → 01:00 GMT: 01:30 happens twice.
    expect(london('2026-10-25', '01:30')).toBe(Date.UTC(2026, 9, 25, 0, 30));
  });
});

describe('the default China 2026 calendar', () => {
  it('keeps the State Council 2026 table: 33 holiday dates and 6 make-up workdays, all on weekends', () => {
    expect(CHINA_2026_HOLIDAYS).toHaveLength(33);
    expect(CHINA_2026_MAKE_UP_WORKDAYS.map(([date]) => date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    for (const [date] of CHINA_2026_MAKE_UP_WORKDAYS) expect([0, 6]).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
  });

  it('is open on weekday office hours, half-open at the end', () => {
    expect(isOpen(china, shanghai('2026-03-02', '10:00'))).toBe(true);
    expect(isOpen(china, shanghai('2026-03-02', '09:00'))).toBe(true);
    expect(isOpen(china, shanghai('2026-03-02', '08:59'))).toBe(false);
    expect(isOpen(china, shanghai('2026-03-02', '18:00'))).toBe(false);
    expect(isOpen(china, shanghai('2026-03-07', '10:00'))).toBe(false);
    expect(hoursOn(china, '2026-03-07')).toEqual({ date: '2026-03-07', kind: 'weekly', name: '', ranges: [] });
  });

  it('is closed on a public holiday that falls on a weekday', () => {
    expect(isOpen(china, shanghai('2026-02-16', '10:00'))).toBe(false);
    expect(isOpen(china, shanghai('2026-10-01', '10:00'))).toBe(false);
    expect(isOpen(china, shanghai('2026-10-08', '10:00'))).toBe(true);
    expect(hoursOn(china, '2026-02-17')).toMatchObject({ kind: 'holiday', name: '春节' });
  });

  it('is open on a make-up workday (调休) that falls on a weekend', () => {
    expect(isOpen(china, shanghai('2026-02-14', '10:00'))).toBe(true);
    expect(isOpen(china, shanghai('2026-09-20', '17:59'))).toBe(true);
    expect(isOpen(china, shanghai('2026-02-21', '10:00'))).toBe(false);
    expect(hoursOn(china, '2026-01-04')).toEqual({ date: '2026-01-04', kind: 'make_up_workday', name: '元旦调休上班', ranges: [{ from: '09:00', to: '18:00' }] });
  });

  it('lets special hours override a holiday, and make-up days use explicit hours when given', () => {
    const base = defaultChinaCalendar2026();
    const duty = parseCalendar({
      ...base,
      specialHours: [{ date: '2026-02-17', name: '春节值班', hours: [{ from: '10:00', to: '16:00' }] }],
      makeUpWorkdays: [{ date: '2026-02-14', name: '调休', hours: [{ from: '13:00', to: '17:00' }] }],
    });
    expect(isOpen(duty, shanghai('2026-02-17', '11:00'))).toBe(true);
    expect(isOpen(duty, shanghai('2026-02-17', '09:30'))).toBe(false);
    expect(isOpen(duty, shanghai('2026-02-14', '10:00'))).toBe(false);
    expect(isOpen(duty, shanghai('2026-02-14', '14:00'))).toBe(true);
  });

  it('finds the next opening across a weekend, a make-up day and the Spring Festival', () => {
    expect(nextOpening(china, shanghai('2026-03-02', '10:00'))).toBe(shanghai('2026-03-02', '10:00'));
    expect(nextOpening(china, shanghai('2026-03-06', '19:00'))).toBe(shanghai('2026-03-09', '09:00'));
    expect(nextOpening(china, shanghai('2026-02-13', '19:00'))).toBe(shanghai('2026-02-14', '09:00'));
    expect(nextOpening(china, shanghai('2026-02-14', '18:00'))).toBe(shanghai('2026-02-24', '09:00'));
  });

  it('counts and adds business time across the National Day holiday', () => {
    const from = shanghai('2026-09-30', '17:00');
    expect(businessMillisBetween(china, from, shanghai('2026-10-08', '10:00'))).toBe(2 * HOUR);
    expect(addBusinessMillis(china, from, 3 * HOUR)).toBe(shanghai('2026-10-08', '11:00'));
    // Ending exactly at closing time, not at the next opening.
    expect(addBusinessMillis(china, from, HOUR)).toBe(shanghai('2026-09-30', '18:00'));
    expect(addBusinessMillis(china, from, 0)).toBe(from);
    expect(businessMillisBetween(china, from, from - HOUR)).toBe(0);
  });

  it('counts a 48-hour complaint SLA in business hours', () => {
    // 48 business hours of 9 hours a day: 5 days and 3 hours, from Monday 09:00 to the next Monday 12:00.
    expect(addBusinessMillis(china, shanghai('2026-03-02', '09:00'), 48 * HOUR)).toBe(shanghai('2026-03-09', '12:00'));
  });
});

describe('daylight saving', () => {
  it('has days of 24 hours all year in Asia/Shanghai', () => {
    const always = calendar('Asia/Shanghai', [{ from: '00:00', to: '24:00' }]);
    expect(businessMillisBetween(always, shanghai('2026-03-28', '12:00'), shanghai('2026-03-29', '12:00'))).toBe(24 * HOUR);
    expect(businessMillisBetween(always, shanghai('2026-10-24', '12:00'), shanghai('2026-10-25', '12:00'))).toBe(24 * HOUR);
  });

  it('has a 23-hour day in spring and a 25-hour day in autumn in Europe/London', () => {
    const always = calendar('Europe/London', [{ from: '00:00', to: '24:00' }]);
    expect(businessMillisBetween(always, london('2026-03-28', '12:00'), london('2026-03-29', '12:00'))).toBe(23 * HOUR);
    expect(businessMillisBetween(always, london('2026-10-24', '12:00'), london('2026-10-25', '12:00'))).toBe(25 * HOUR);
    expect(addBusinessMillis(always, london('2026-03-28', '12:00'), 24 * HOUR)).toBe(london('2026-03-29', '13:00'));
  });

  it('keeps office hours on local time across the London boundary', () => {
    const office = calendar('Europe/London', [{ from: '09:00', to: '17:00' }], {
      weekly: { mon: [{ from: '09:00', to: '17:00' }], tue: [], wed: [], thu: [], fri: [{ from: '09:00', to: '17:00' }], sat: [], sun: [] },
    });
    const fridayGmt = london('2026-03-27', '16:00');
    const mondayBst = london('2026-03-30', '10:00');
    expect(mondayBst).toBe(Date.UTC(2026, 2, 30, 9, 0));
    expect(businessMillisBetween(office, fridayGmt, mondayBst)).toBe(2 * HOUR);
    expect(isOpen(office, Date.UTC(2026, 2, 30, 8, 30))).toBe(true);
    expect(isOpen(office, Date.UTC(2026, 2, 30, 16, 30))).toBe(false);
    expect(addBusinessMillis(office, fridayGmt, 2 * HOUR)).toBe(mondayBst);
  });

  it('gives a range through the spring gap only its real length, and one through the autumn overlap its double hour', () => {
    const night = calendar('Europe/London', [{ from: '01:00', to: '03:00' }]);
    expect(businessMillisBetween(night, london('2026-03-29', '00:00'), london('2026-03-29', '12:00'))).toBe(1 * HOUR);
    expect(businessMillisBetween(night, london('2026-10-25', '00:00'), london('2026-10-25', '12:00'))).toBe(3 * HOUR);
  });
});

describe('calendar invariants', () => {
  it('adding business time and measuring it back agree, for random instants and durations', () => {
    const rng = seededRandom(7);
    const zones = [china, calendar('Europe/London', [{ from: '08:00', to: '12:00' }, { from: '13:00', to: '18:30' }])];
    for (let i = 0; i < 200; i += 1) {
      const cal = zones[i % zones.length]!;
      const from = Date.UTC(2026, 0, 1) + Math.floor(rng.next() * 360 * 24) * HOUR + Math.floor(rng.next() * 60) * 60_000;
      const ms = Math.floor(rng.next() * 200 * HOUR);
      const deadline = addBusinessMillis(cal, from, ms);
      expect(deadline).not.toBeNull();
      expect(businessMillisBetween(cal, from, deadline!)).toBe(ms);
      if (ms > 0) expect(isOpen(cal, deadline! - 1)).toBe(true);
    }
  });

  it('answers null for a calendar that never opens instead of searching forever', () => {
    const closed = calendar('Asia/Shanghai', []);
    expect(nextOpening(closed, 0)).toBeNull();
    expect(addBusinessMillis(closed, 0, HOUR)).toBeNull();
    expect(isOpen(closed, 0)).toBe(false);
  });

  it('refuses contradictory or malformed calendars with the path of the bad entry', () => {
    const result = businessCalendarSchema.safeParse({
      id: 'bad',
      timeZone: 'Mars/Olympus',
      weekly: { mon: [{ from: '18:00', to: '09:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [{ date: '2026-02-30' }, { date: '2026-10-01' }],
      makeUpWorkdays: [{ date: '2026-10-01' }],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'weekly.mon.0.to', 'holidays.0.date']));
    const contradiction = businessCalendarSchema.safeParse({ ...china, makeUpWorkdays: [{ date: '2026-10-01', hours: 'mon' }] });
    expect(contradiction.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['makeUpWorkdays.0.date']);
  });
});
