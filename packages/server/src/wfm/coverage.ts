/** Coverage of stored shifts (after manual edits): mean agents on the queue per requirement interval. */
import { daysBetween } from './time.ts';

export interface ShiftLike {
  date: string;
  startMinute: number;
  endMinute: number;
  breaks: { startMinute: number; endMinute: number }[];
}

export function coverageOf(shifts: readonly ShiftLike[], startDate: string, days: number, intervalMinutes: number): number[] {
  const minutes = new Float64Array((days + 1) * 1440);
  for (const shift of shifts) {
    const origin = daysBetween(startDate, shift.date) * 1440;
    const add = (from: number, to: number, value: number) => {
      for (let minute = Math.max(0, origin + from); minute < Math.min(minutes.length, origin + to); minute++) minutes[minute] = (minutes[minute] ?? 0) + value;
    };
    add(shift.startMinute, shift.endMinute, 1);
    for (const pause of shift.breaks) add(pause.startMinute, pause.endMinute, -1);
  }
  const intervals = (days * 1440) / intervalMinutes;
  return Array.from({ length: intervals }, (_, index) => {
    let total = 0;
    for (let minute = index * intervalMinutes; minute < (index + 1) * intervalMinutes; minute++) total += minutes[minute] ?? 0;
    return total / intervalMinutes;
  });
}
