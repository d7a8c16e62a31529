import type { Dayjs } from 'dayjs';

/** Whole local days as an ISO range: [first day 00:00, the day after the last day 00:00). */
export function wholeDays(first: Dayjs, last: Dayjs): { from: string; to: string } {
  return { from: first.startOf('day').toISOString(), to: last.add(1, 'day').startOf('day').toISOString() };
}
