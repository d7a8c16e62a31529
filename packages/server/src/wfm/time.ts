/**
 * Local wall-clock time for planning. Forecasts, schedules and history intervals are whole local
 * days in the planning time zone (default Asia/Shanghai, which has no daylight saving); storage
 * keeps absolute instants. Conversions go through Intl, so any IANA zone works.
 */
import { WfmInputError } from './domain/errors.ts';
import { dateOfDayNumber, dayNumberOf } from './domain/forecast.ts';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function requireTimeZone(timeZone: string, field = 'timeZone'): string {
  if (!isTimeZone(timeZone)) throw new WfmInputError('wfm.invalid_input', field, `unknown time zone "${timeZone}"`);
  return timeZone;
}

/** Minutes the zone is ahead of UTC at an instant. */
function offsetMinutes(timeZone: string, instant: number): number {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / MINUTE_MS);
}

/** The instant of a local date and minute after its midnight (minutes may pass 1440). */
export function localToInstant(date: string, minute: number, timeZone: string): number {
  const wall = dayNumberOf(date, 'date') * DAY_MS + minute * MINUTE_MS;
  let instant = wall - offsetMinutes(timeZone, wall) * MINUTE_MS;
  // A second pass settles instants near an offset change.
  instant = wall - offsetMinutes(timeZone, instant) * MINUTE_MS;
  return instant;
}

/** The local date and minute after midnight of an instant. */
export function instantToLocal(instant: number, timeZone: string): { date: string; minute: number } {
  const wall = instant + offsetMinutes(timeZone, instant) * MINUTE_MS;
  const day = Math.floor(wall / DAY_MS);
  return { date: dateOfDayNumber(day), minute: Math.floor((wall - day * DAY_MS) / MINUTE_MS) };
}

export function addDays(date: string, days: number): string {
  return dateOfDayNumber(dayNumberOf(date, 'date') + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumberOf(to, 'date') - dayNumberOf(from, 'date');
}
