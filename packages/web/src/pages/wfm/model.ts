/**
 * Pure helpers of the WFM pages: local dates and minutes, series labels and daily roll-ups, percent
 * inputs, and the server's error details mapped onto form fields. No React, no i18n: tested alone.
 */
import type { ImportRowError, ScheduledBreak, Shift } from './api.ts';

export const MINUTES_PER_DAY = 1440;

// ------------------------------------------------------------------ local dates (YYYY-MM-DD)

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** 0 = Sunday, as the API's weekdays. */
export function weekdayOf(date: string): number {
  return new Date(dayNumber(date) * DAY_MS).getUTCDay();
}

export function dateRange(start: string, days: number): string[] {
  return Array.from({ length: Math.max(0, days) }, (_, i) => addDays(start, i));
}

/** Today's date in an IANA time zone (the planning zone, not the browser's). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDateTime(now.toISOString(), timeZone).date;
}

/** An instant as the local date and minute of a time zone. */
export function localDateTime(iso: string, timeZone: string): { date: string; minute: number } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

// ------------------------------------------------------------------ minutes after local midnight

/** "08:30" for 510; minutes past midnight wrap (1500 → "01:00"; see `nextDay`). */
export function clock(minute: number): string {
  const m = ((Math.round(minute) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function nextDay(minute: number): boolean {
  return minute >= MINUTES_PER_DAY;
}

/** "08:30" → 510; null when not a time. */
export function parseClock(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return hours * 60 + minutes;
}

/** The local date and minute of interval `index` of a series aligned on `startDate`. */
export function slotOf(startDate: string, intervalMinutes: number, index: number): { date: string; minute: number } {
  const minutes = index * intervalMinutes;
  return { date: addDays(startDate, Math.floor(minutes / MINUTES_PER_DAY)), minute: minutes % MINUTES_PER_DAY };
}

/** "11-23 08:30" labels for a series aligned on `startDate`. */
export function slotLabels(startDate: string, intervalMinutes: number, length: number): string[] {
  return Array.from({ length }, (_, i) => {
    const { date, minute } = slotOf(startDate, intervalMinutes, i);
    return `${date.slice(5)} ${clock(minute)}`;
  });
}

// ------------------------------------------------------------------ roll-ups

/** Sums (or averages) every `perDay` values; nulls are skipped, an all-null day stays null. */
export function daily(values: readonly (number | null)[], perDay: number, how: 'sum' | 'mean' = 'sum'): (number | null)[] {
  const out: (number | null)[] = [];
  for (let start = 0; start < values.length; start += perDay) {
    const day = values.slice(start, start + perDay).filter((value): value is number => value !== null && Number.isFinite(value));
    if (day.length === 0) out.push(null);
    else {
      const sum = day.reduce((a, b) => a + b, 0);
      out.push(how === 'sum' ? sum : sum / day.length);
    }
  }
  return out;
}

/** The daily maximum of every `perDay` values (peak agents of a day). */
export function dailyMax(values: readonly number[], perDay: number): number[] {
  const out: number[] = [];
  for (let start = 0; start < values.length; start += perDay) out.push(Math.max(0, ...values.slice(start, start + perDay)));
  return out;
}

/** A queue's stored intervals per local day: offered summed, AHT weighted by the offered volume. */
export function historyByDay(
  series: { intervalStarts: readonly string[]; offered: readonly number[]; ahtSeconds: readonly (number | null)[] },
  timeZone: string,
): { dates: string[]; offered: number[]; ahtSeconds: (number | null)[] } {
  const days = new Map<string, { offered: number; handled: number; weight: number }>();
  series.intervalStarts.forEach((start, i) => {
    const { date } = localDateTime(start, timeZone);
    const day = days.get(date) ?? { offered: 0, handled: 0, weight: 0 };
    const offered = series.offered[i] ?? 0;
    const aht = series.ahtSeconds[i];
    day.offered += offered;
    if (aht !== null && aht !== undefined && offered > 0) {
      day.handled += aht * offered;
      day.weight += offered;
    }
    days.set(date, day);
  });
  const dates = [...days.keys()].sort();
  return {
    dates,
    offered: dates.map((date) => days.get(date)!.offered),
    ahtSeconds: dates.map((date) => {
      const day = days.get(date)!;
      return day.weight > 0 ? day.handled / day.weight : null;
    }),
  };
}

// ------------------------------------------------------------------ numbers

/** 80 → 0.8 as the decimal a person typed (30 / 100 is the double nearest 0.3, as the server expects). */
export function fromPercent(percent: number): number {
  return Number((percent / 100).toPrecision(12));
}

export function toPercent(fraction: number): number {
  return Number((fraction * 100).toPrecision(12));
}

export function percentText(fraction: number | null | undefined, digits = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '–';
  return `${(fraction * 100).toFixed(digits)}%`;
}

export function hoursText(ms: number): string {
  return (ms / 3_600_000).toFixed(1);
}

// ------------------------------------------------------------------ shifts

/** The shift moved to new bounds; its breaks move by the start's shift when `moveBreaks`. */
export function movedShift(
  shift: Pick<Shift, 'startMinute' | 'endMinute' | 'breaks'>,
  startMinute: number,
  endMinute: number,
  moveBreaks: boolean,
): { startMinute: number; endMinute: number; breaks: ScheduledBreak[] } {
  const delta = startMinute - shift.startMinute;
  const breaks = shift.breaks.map((pause) =>
    moveBreaks ? { ...pause, startMinute: pause.startMinute + delta, endMinute: pause.endMinute + delta } : { ...pause },
  );
  return { startMinute, endMinute, breaks };
}

/** End minute for an end time earlier than (or equal to) the start: the shift runs past midnight. */
export function endMinuteFor(startMinute: number, endClock: number): number {
  return endClock <= startMinute ? endClock + MINUTES_PER_DAY : endClock;
}

// ------------------------------------------------------------------ server errors

export interface FieldProblem {
  /** The request field the server named, e.g. `ahtSeconds`, `breaks.meal.maxMinutes`, `agents[0].contractHoursPerWeek`. */
  field: string;
  message: string;
}

/**
 * The fields a refused request names: schema failures (`details.issues[].path` = `body.x`) and
 * domain failures (`details.field` + `details.message`, the message often starting "field: ").
 */
export function fieldProblems(details: unknown): FieldProblem[] {
  if (!details || typeof details !== 'object') return [];
  const d = details as { issues?: unknown; field?: unknown; message?: unknown };
  const out: FieldProblem[] = [];
  if (Array.isArray(d.issues)) {
    for (const issue of d.issues as { path?: unknown; message?: unknown }[]) {
      if (typeof issue?.path !== 'string') continue;
      out.push({ field: issue.path.replace(/^(body|query|params|querystring)\.?/, ''), message: typeof issue.message === 'string' ? issue.message : '' });
    }
  }
  if (typeof d.field === 'string') {
    const message = typeof d.message === 'string' ? d.message : '';
    const prefix = `${d.field}: `;
    out.push({ field: d.field, message: message.startsWith(prefix) ? message.slice(prefix.length) : message });
  }
  return out;
}

/** The row-by-row report of a refused import, or null when the error has none. */
export function importReport(details: unknown): { errors: ImportRowError[]; errorCount: number; field: string | null; message: string | null } | null {
  if (!details || typeof details !== 'object') return null;
  const d = details as { errors?: unknown; errorCount?: unknown; field?: unknown; message?: unknown };
  const errors = Array.isArray(d.errors)
    ? (d.errors as Partial<ImportRowError>[])
        .filter((row) => typeof row?.line === 'number')
        .map((row) => ({ line: row.line!, field: String(row.field ?? ''), message: String(row.message ?? '') }))
    : [];
  const field = typeof d.field === 'string' ? d.field : null;
  const message = typeof d.message === 'string' ? d.message : null;
  if (errors.length === 0 && !field && !message) return null;
  return { errors, errorCount: typeof d.errorCount === 'number' ? d.errorCount : errors.length, field, message };
}

// ------------------------------------------------------------------ files

/** An uploaded file's bytes as base64 (the XLSX import takes the file so). */
export function base64Of(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let binary = '';
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** csv or xlsx from the file name; null for anything else. */
export function importFormatOf(fileName: string): 'csv' | 'xlsx' | null {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  return null;
}

/** A small example file in the import format (one day of one queue), for the template download. */
export function sampleCsv(queueCode: string, date: string, intervalMinutes: 15 | 30 = 30): string {
  const lines = ['interval_start,queue,channel,offered,aht_seconds'];
  for (let minute = 0; minute < MINUTES_PER_DAY; minute += intervalMinutes) {
    const open = minute >= 8 * 60 && minute < 20 * 60;
    const offered = open ? 10 + Math.round(6 * Math.sin((minute - 480) / 120)) : 0;
    lines.push(`${date} ${clock(minute)},${queueCode},voice,${offered},${offered > 0 ? 240 : ''}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** `adjustments[0].fromDate` or `adjustments.0.fromDate` → ['adjustments', 0, 'fromDate']. */
export function namePathOf(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}
