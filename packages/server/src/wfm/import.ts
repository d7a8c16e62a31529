/**
 * Interval history files: CSV (RFC 4180, comma, semicolon or tab separated, UTF-8 with or without
 * BOM) and XLSX (first worksheet). One row per queue × interval with columns, in any order, named
 * in English or Chinese (docs/wfm-api.md):
 *   interval_start (or date + time) | queue | channel (optional) | offered | aht_seconds
 * Rows are checked one by one; every bad row is reported with its line number, column and reason,
 * and a file with any bad row imports nothing.
 */
import ExcelJS from 'exceljs';
import { WfmInputError } from './domain/errors.ts';
import { localToInstant } from './time.ts';

export type Cell = string | number | Date | null;

export interface RowError {
  /** 1-based line (CSV) or row (XLSX) number, the header being line 1. */
  line: number;
  field: string;
  message: string;
}

export interface ParsedInterval {
  line: number;
  queueCode: string;
  channel: string | null;
  intervalStart: number;
  offered: number;
  ahtSeconds: number;
}

const COLUMN_NAMES: Record<string, string[]> = {
  interval_start: ['interval_start', 'intervalstart', 'start', 'start_time', 'datetime', 'date_time', 'interval', '时段', '时间', '开始时间', '时段开始'],
  date: ['date', '日期'],
  time: ['time', '时刻', '时段时间'],
  queue: ['queue', 'queue_code', 'queuecode', '队列', '队列代码', '技能组'],
  channel: ['channel', '渠道', '媒体'],
  offered: ['offered', 'calls', 'volume', 'offered_calls', 'contacts', '呼入量', '来电量', '话务量', '进线量'],
  aht_seconds: ['aht_seconds', 'aht', 'aht_s', 'ahtseconds', 'average_handle_time', '平均处理时长', '平均处理时长秒', 'aht秒'],
};

const normalise = (name: string) => name.trim().toLowerCase().replace(/[\s-]+/g, '_').replace(/[()（）]/g, '');

function malformed(field: string, message: string): WfmInputError {
  return new WfmInputError('wfm.malformed_history', field, message);
}

/** RFC 4180 records: quoted fields may hold separators, doubled quotes and line breaks. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = [',', ';', '\t'].map((candidate) => ({ candidate, count: firstLine.split(candidate).length })).sort((a, b) => b.count - a.count)[0]!.candidate;
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const endRecord = () => {
    cells.push(field);
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i]!;
    if (quoted) {
      if (char === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        field += char;
      }
      continue;
    }
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === separator) {
      cells.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\r' && source[i + 1] === '\n') {
      continue;
    } else if (char === '\n' || char === '\r') {
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw malformed('content', `line ${recordLine}: a quoted field is never closed`);
  if (field !== '' || cells.length > 0) endRecord();
  return records;
}

/** The first worksheet's rows as cells (dates as Date, numbers as numbers, formulas by their result). */
export async function readXlsx(content: Buffer): Promise<{ line: number; cells: Cell[] }[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
  } catch (error) {
    throw malformed('content', `not a readable XLSX file (${(error as Error).message})`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new WfmInputError('wfm.empty_history', 'content', 'the workbook has no worksheet');
  const rows: { line: number; cells: Cell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(cellValue(row.getCell(column).value));
    if (cells.some((cell) => cell !== null && cell !== '')) rows.push({ line: rowNumber, cells });
  });
  return rows;
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || value instanceof Date) return value;
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
  }
  return String(value as unknown as string);
}

const DATE_TIME = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

interface LocalStamp {
  date: string;
  minute: number;
  seconds: number;
  offset: string | null;
}

function parseStamp(cell: Cell): LocalStamp | null {
  // Spreadsheet dates carry no zone: their UTC fields are the wall clock the sheet shows.
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return { date: cell.toISOString().slice(0, 10), minute: cell.getUTCHours() * 60 + cell.getUTCMinutes(), seconds: cell.getUTCSeconds(), offset: null };
  }
  if (typeof cell !== 'string') return null;
  const match = DATE_TIME.exec(cell.trim());
  if (!match) return null;
  const [, year, month, day, hour = '0', minute = '0', second = '0', offset] = match;
  const date = `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date || Number(hour) > 23) return null;
  return { date, minute: Number(hour) * 60 + Number(minute), seconds: Number(second), offset: offset ?? null };
}

function parseTimeOfDay(cell: Cell): number | null {
  if (cell instanceof Date) return cell.getUTCHours() * 60 + cell.getUTCMinutes();
  // Excel keeps a bare time as a fraction of a day.
  if (typeof cell === 'number' && cell >= 0 && cell < 1) return Math.round(cell * 1440);
  if (typeof cell !== 'string') return null;
  const match = TIME.exec(cell.trim());
  if (!match || Number(match[1]) > 23) return null;
  return Number(match[1]) * 60 + Number(match[2]);
}

function parseNumber(cell: Cell): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
  if (typeof cell !== 'string' || cell.trim() === '') return null;
  const value = Number(cell.trim().replaceAll(',', ''));
  return Number.isFinite(value) ? value : null;
}

const text = (cell: Cell) => (cell === null ? '' : cell instanceof Date ? cell.toISOString() : String(cell).trim());

/**
 * Header + rows → intervals, with every bad row reported. Interval starts must fall on the
 * interval grid of the local day (e.g. :00 and :30 for 30-minute intervals).
 */
export function readIntervals(
  rows: { line: number; cells: Cell[] }[],
  options: { intervalMinutes: number; timeZone: string },
): { intervals: ParsedInterval[]; errors: RowError[] } {
  if (rows.length === 0) throw new WfmInputError('wfm.empty_history', 'content', 'the file is empty');
  const [header, ...body] = rows;
  const names = header!.cells.map((cell) => normalise(text(cell)));
  const columnOf = (key: string) => names.findIndex((name) => COLUMN_NAMES[key]!.includes(name));
  const column = {
    intervalStart: columnOf('interval_start'),
    date: columnOf('date'),
    time: columnOf('time'),
    queue: columnOf('queue'),
    channel: columnOf('channel'),
    offered: columnOf('offered'),
    aht: columnOf('aht_seconds'),
  };
  if (column.intervalStart < 0 && (column.date < 0 || column.time < 0)) {
    throw malformed('interval_start', `line ${header!.line}: no interval_start column (or date and time columns) in the header: ${names.join(', ')}`);
  }
  for (const [key, index] of [['queue', column.queue], ['offered', column.offered], ['aht_seconds', column.aht]] as const) {
    if (index < 0) throw malformed(key, `line ${header!.line}: no ${key} column in the header: ${names.join(', ')}`);
  }
  if (body.length === 0) throw new WfmInputError('wfm.empty_history', 'content', 'the file has a header but no rows');

  const intervals: ParsedInterval[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of body) {
    const problems: RowError[] = [];
    const problem = (field: string, message: string) => problems.push({ line, field, message });
    let start: number | null = null;
    let stamp: LocalStamp | null;
    if (column.intervalStart >= 0) {
      stamp = parseStamp(cells[column.intervalStart] ?? null);
      if (!stamp) problem('interval_start', `not a date and time (YYYY-MM-DD HH:MM): "${text(cells[column.intervalStart] ?? null)}"`);
    } else {
      const day = parseStamp(cells[column.date] ?? null);
      const minute = parseTimeOfDay(cells[column.time] ?? null);
      stamp = day && minute !== null ? { ...day, minute, seconds: 0 } : null;
      if (!day) problem('date', `not a date (YYYY-MM-DD): "${text(cells[column.date] ?? null)}"`);
      else if (minute === null) problem('time', `not a time of day (HH:MM): "${text(cells[column.time] ?? null)}"`);
    }
    if (stamp) {
      if (stamp.minute % options.intervalMinutes !== 0 || stamp.seconds !== 0) {
        problem(column.intervalStart >= 0 ? 'interval_start' : 'time', `must start a ${options.intervalMinutes}-minute interval (minute divisible by ${options.intervalMinutes})`);
      } else if (stamp.offset) {
        const sign = stamp.offset.toUpperCase() === 'Z' ? 0 : stamp.offset.startsWith('-') ? -1 : 1;
        const digits = stamp.offset.replace(/[^0-9]/g, '');
        const offsetMinutes = sign * (Number(digits.slice(0, 2) || 0) * 60 + Number(digits.slice(2) || 0));
        start = Date.parse(`${stamp.date}T00:00:00Z`) + (stamp.minute - offsetMinutes) * 60_000;
      } else {
        start = localToInstant(stamp.date, stamp.minute, options.timeZone);
      }
    }
    const queueCode = text(cells[column.queue] ?? null);
    if (queueCode === '') problem('queue', 'is empty');
    const channelText = column.channel >= 0 ? text(cells[column.channel] ?? null).toLowerCase() : '';
    const offered = parseNumber(cells[column.offered] ?? null);
    if (offered === null) problem('offered', `not a number: "${text(cells[column.offered] ?? null)}"`);
    else if (offered < 0) problem('offered', `must be ≥ 0, got ${offered}`);
    const ahtCell = cells[column.aht] ?? null;
    const aht = text(ahtCell) === '' ? null : parseNumber(ahtCell);
    if (text(ahtCell) !== '' && aht === null) problem('aht_seconds', `not a number: "${text(ahtCell)}"`);
    else if (aht !== null && aht < 0) problem('aht_seconds', `must be ≥ 0, got ${aht}`);
    else if (aht === null && offered !== null && offered > 0) problem('aht_seconds', 'is required where offered > 0');
    else if (aht === 0 && offered !== null && offered > 0) problem('aht_seconds', 'must be > 0 where offered > 0');

    if (problems.length === 0 && start !== null) {
      const key = `${queueCode}|${channelText}|${start}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) problem('interval_start', `duplicates line ${earlier} (same queue, channel and interval)`);
      else seen.set(key, line);
    }
    if (problems.length > 0) {
      errors.push(...problems);
      continue;
    }
    intervals.push({ line, queueCode, channel: channelText === '' ? null : channelText, intervalStart: start!, offered: offered!, ahtSeconds: offered === 0 ? 0 : aht! });
  }
  return { intervals, errors };
}
