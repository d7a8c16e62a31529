/**
 * Business-hours and holiday calendars: is a tenant open at an instant, when does it open next,
 * and how much business time lies between two instants (the work-order SLA clocks reuse these).
 *
 * Opening hours are local wall-clock times in the calendar's IANA zone. Local dates and offsets
 * come from Intl.DateTimeFormat, so daylight-saving zones work without a time-zone library: a
 * day's ranges are turned into epoch intervals one local date at a time, and a day on which the
 * clocks change simply has a shorter or longer interval.
 *
 * What decides a date's hours, strongest first: special hours for that date, a holiday (closed),
 * a make-up workday (调休: a weekday's hours or explicit ones), the weekly hours.
 */
import type { BusinessCalendar, TimeRange, Weekday } from './schemas.ts';
import { WEEKDAYS } from './schemas.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/**
 * How far the searches look ahead before concluding the calendar never opens. Longer than any
 * real closure (a year plus Spring Festival) so a valid calendar always answers.
 */
export const MAX_CLOSED_DAYS = 400;

/** Why a date has the hours it has; admins see this next to the hours. */
export type DayKind = 'special' | 'holiday' | 'make_up_workday' | 'weekly';

export interface DayHours {
  date: string;
  kind: DayKind;
  /** The name of the holiday, make-up day or special date; '' for weekly hours. */
  name: string;
  /** Sorted, merged, possibly empty (closed). */
  ranges: TimeRange[];
}

/** The hours that apply on a local date (YYYY-MM-DD). */
export function hoursOn(calendar: BusinessCalendar, date: string): DayHours {
  const index = indexOf(calendar);
  const special = index.special.get(date);
  if (special) return { date, kind: 'special', name: special.name, ranges: mergeRanges(special.hours) };
  const holiday = index.holidays.get(date);
  if (holiday !== undefined) return { date, kind: 'holiday', name: holiday, ranges: [] };
  const makeUp = index.makeUp.get(date);
  if (makeUp) {
    const ranges = typeof makeUp.hours === 'string' ? calendar.weekly[makeUp.hours] : makeUp.hours;
    return { date, kind: 'make_up_workday', name: makeUp.name, ranges: mergeRanges(ranges) };
  }
  return { date, kind: 'weekly', name: '', ranges: mergeRanges(calendar.weekly[weekdayOf(dayNumberOf(date))]) };
}

export function isOpen(calendar: BusinessCalendar, epochMs: number): boolean {
  return openIntervals(calendar, localDayNumber(calendar.timeZone, epochMs)).some(([start, end]) => start <= epochMs && epochMs < end);
}

/** The first instant at or after `epochMs` when the calendar is open; null if closed for MAX_CLOSED_DAYS. */
export function nextOpening(calendar: BusinessCalendar, epochMs: number): number | null {
  const firstDay = localDayNumber(calendar.timeZone, epochMs);
  for (let day = firstDay; day <= firstDay + MAX_CLOSED_DAYS; day += 1) {
    for (const [start, end] of openIntervals(calendar, day)) {
      if (end > epochMs) return Math.max(start, epochMs);
    }
  }
  return null;
}

/** Open time in [fromMs, toMs), in milliseconds; 0 when toMs is not after fromMs. */
export function businessMillisBetween(calendar: BusinessCalendar, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  const lastDay = localDayNumber(calendar.timeZone, toMs);
  let total = 0;
  for (let day = localDayNumber(calendar.timeZone, fromMs); day <= lastDay; day += 1) {
    for (const [start, end] of openIntervals(calendar, day)) {
      total += Math.max(0, Math.min(end, toMs) - Math.max(start, fromMs));
    }
  }
  return total;
}

/**
 * The earliest instant by which `ms` of open time has passed since `fromMs` (an SLA deadline).
 * Adding 0 returns `fromMs`. Null if the calendar stays closed for MAX_CLOSED_DAYS on the way.
 */
export function addBusinessMillis(calendar: BusinessCalendar, fromMs: number, ms: number): number | null {
  if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`business milliseconds to add must be finite and not negative, got ${ms}`);
  if (ms === 0) return fromMs;
  let remaining = ms;
  let closedDays = 0;
  for (let day = localDayNumber(calendar.timeZone, fromMs); closedDays <= MAX_CLOSED_DAYS; day += 1) {
    let openToday = false;
    for (const [start, end] of openIntervals(calendar, day)) {
      if (end <= fromMs) continue;
      openToday = true;
      const from = Math.max(start, fromMs);
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
    }
    closedDays = openToday ? 0 : closedDays + 1;
  }
  return null;
}

/** The local date (YYYY-MM-DD) of an instant in a zone. */
export function localDateOf(timeZone: string, epochMs: number): string {
  return dateOfDayNumber(localDayNumber(timeZone, epochMs));
}

/** The instant a local wall-clock time occurs in a zone (see `localToEpoch` for gaps and overlaps). */
export function epochOfLocal(timeZone: string, date: string, time: string): number {
  return localToEpoch(timeZone, dayNumberOf(date), minuteOf(time));
}

// ---------------------------------------------------------------- days and intervals

/** The open intervals of one local day as epoch [start, end) pairs. */
function openIntervals(calendar: BusinessCalendar, day: number): Array<[number, number]> {
  const intervals: Array<[number, number]> = [];
  for (const range of hoursOn(calendar, dateOfDayNumber(day)).ranges) {
    const start = localToEpoch(calendar.timeZone, day, minuteOf(range.from));
    const end = localToEpoch(calendar.timeZone, day, minuteOf(range.to));
    // A range lying wholly inside a spring-forward gap has no instants.
    if (end > start) intervals.push([start, end]);
  }
  return intervals;
}

function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = [...ranges].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: TimeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to) last.to = range.to > last.to ? range.to : last.to;
    else merged.push({ ...range });
  }
  return merged;
}

interface CalendarIndex {
  special: Map<string, { name: string; hours: TimeRange[] }>;
  holidays: Map<string, string>;
  makeUp: Map<string, { name: string; hours: Weekday | TimeRange[] }>;
}

// Calendars are immutable values looked up for every call and every SLA tick; index each once.
const indexes = new WeakMap<BusinessCalendar, CalendarIndex>();

function indexOf(calendar: BusinessCalendar): CalendarIndex {
  let index = indexes.get(calendar);
  if (!index) {
    index = {
      special: new Map(calendar.specialHours.map((entry) => [entry.date, entry])),
      holidays: new Map(calendar.holidays.map((entry) => [entry.date, entry.name])),
      makeUp: new Map(calendar.makeUpWorkdays.map((entry) => [entry.date, entry])),
    };
    indexes.set(calendar, index);
  }
  return index;
}

// ---------------------------------------------------------------- civil dates and zones

/** Days since 1970-01-01 of a date string. */
function dayNumberOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function dateOfDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function weekdayOf(day: number): Weekday {
  // Day 0, 1970-01-01, was a Thursday (index 3 from Monday).
  return WEEKDAYS[(((day + 3) % 7) + 7) % 7]!;
}

function minuteOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The zone's wall clock at an instant, read as if it were UTC (milliseconds dropped). */
function wallClockMs(timeZone: string, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
}

/** UTC offset of the zone at an instant (positive east of Greenwich). */
function offsetMs(timeZone: string, epochMs: number): number {
  return wallClockMs(timeZone, epochMs) - Math.floor(epochMs / 1000) * 1000;
}

function localDayNumber(timeZone: string, epochMs: number): number {
  return Math.floor(wallClockMs(timeZone, epochMs) / DAY_MS);
}

/**
 * The instant of a local wall-clock time. Around a transition the offsets a day before and a day
 * after are the two candidates: in an overlap (clocks back) both fit and the earlier one wins; in
 * a gap (clocks forward) neither fits and the time is read with the old offset, i.e. just after
 * the gap, as Temporal's 'compatible' disambiguation does.
 */
function localToEpoch(timeZone: string, day: number, minute: number): number {
  const wall = day * DAY_MS + minute * MINUTE_MS;
  const before = offsetMs(timeZone, wall - DAY_MS);
  const after = offsetMs(timeZone, wall + DAY_MS);
  if (before === after) return wall - before;
  const fitting = [wall - before, wall - after].filter((candidate) => offsetMs(timeZone, candidate) === wall - candidate);
  return fitting.length > 0 ? Math.min(...fitting) : wall - before;
}
