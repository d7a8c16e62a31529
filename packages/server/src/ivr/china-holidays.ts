/**
 * Mainland China's public holidays and make-up workdays (调休), as plain tables to edit each year
 * when the State Council publishes the next notice (usually in November). Tenants copy the default
 * calendar and change it freely, e.g. for a 7×24 repair line or a local holiday.
 *
 * 2026 source: 国务院办公厅关于2026年部分节假日安排的通知 (issued 2025-11-04, published by Xinhua).
 */
import type { BusinessCalendar, TimeRange, Weekday } from './schemas.ts';
import { parseCalendar } from './schemas.ts';

/** [date, name]: every closed day of each holiday period, weekends inside the period included. */
export const CHINA_2026_HOLIDAYS: ReadonlyArray<readonly [string, string]> = [
  ['2026-01-01', '元旦'],
  ['2026-01-02', '元旦'],
  ['2026-01-03', '元旦'],
  ['2026-02-15', '春节'],
  ['2026-02-16', '春节'],
  ['2026-02-17', '春节'],
  ['2026-02-18', '春节'],
  ['2026-02-19', '春节'],
  ['2026-02-20', '春节'],
  ['2026-02-21', '春节'],
  ['2026-02-22', '春节'],
  ['2026-02-23', '春节'],
  ['2026-04-04', '清明节'],
  ['2026-04-05', '清明节'],
  ['2026-04-06', '清明节'],
  ['2026-05-01', '劳动节'],
  ['2026-05-02', '劳动节'],
  ['2026-05-03', '劳动节'],
  ['2026-05-04', '劳动节'],
  ['2026-05-05', '劳动节'],
  ['2026-06-19', '端午节'],
  ['2026-06-20', '端午节'],
  ['2026-06-21', '端午节'],
  ['2026-09-25', '中秋节'],
  ['2026-09-26', '中秋节'],
  ['2026-09-27', '中秋节'],
  ['2026-10-01', '国庆节'],
  ['2026-10-02', '国庆节'],
  ['2026-10-03', '国庆节'],
  ['2026-10-04', '国庆节'],
  ['2026-10-05', '国庆节'],
  ['2026-10-06', '国庆节'],
  ['2026-10-07', '国庆节'],
];

/** [date, name]: weekend days that are working days. */
export const CHINA_2026_MAKE_UP_WORKDAYS: ReadonlyArray<readonly [string, string]> = [
  ['2026-01-04', '元旦调休上班'],
  ['2026-02-14', '春节调休上班'],
  ['2026-02-28', '春节调休上班'],
  ['2026-05-09', '劳动节调休上班'],
  ['2026-09-20', '国庆节调休上班'],
  ['2026-10-10', '国庆节调休上班'],
];

export const OFFICE_HOURS: readonly TimeRange[] = [{ from: '09:00', to: '18:00' }];

export interface ChinaCalendarOptions {
  id?: string;
  name?: string;
  /** Hours for Monday to Friday; default 09:00–18:00. */
  workdayHours?: readonly TimeRange[];
  /** Hours for Saturday and Sunday; default closed. */
  weekendHours?: readonly TimeRange[];
  /**
   * Whose hours a make-up workday keeps. The notice does not say which weekday a make-up day
   * stands for, so with different hours per weekday pick one here (or edit single dates).
   */
  makeUpWorkdayHours?: Weekday;
}

/** The default tenant calendar: Asia/Shanghai, office hours on workdays, the 2026 holidays and make-up workdays. */
export function defaultChinaCalendar2026(options: ChinaCalendarOptions = {}): BusinessCalendar {
  const workday = [...(options.workdayHours ?? OFFICE_HOURS)];
  const weekend = [...(options.weekendHours ?? [])];
  return parseCalendar({
    id: options.id ?? 'cn-2026',
    name: options.name ?? '中国大陆 2026 工作日历',
    timeZone: 'Asia/Shanghai',
    weekly: { mon: workday, tue: workday, wed: workday, thu: workday, fri: workday, sat: weekend, sun: weekend },
    holidays: CHINA_2026_HOLIDAYS.map(([date, name]) => ({ date, name })),
    makeUpWorkdays: CHINA_2026_MAKE_UP_WORKDAYS.map(([date, name]) => ({ date, name, hours: options.makeUpWorkdayHours ?? 'mon' })),
  });
}
