/** Interval history: CSV and XLSX import with a row-by-row error report, and roll-up from interactions. */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactions } from '../interactions/schema.ts';
import { startTestApp, usingPostgres, type TestApp } from '../testing/harness.ts';
import { parseCsv } from './import.ts';
import { historyCsv } from './testing.ts';

describe(`WFM history (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let planner: string;
  let reader: string;
  let queues: { id: string; code: string; channel: string }[];
  beforeAll(async () => {
    t = await startTestApp();
    planner = (await t.login('property.inbound_supervisor')).cookie;
    reader = (await t.login('property.inbound_team_leader')).cookie;
    queues = (await t.app.inject({ method: 'GET', url: '/api/queues', headers: { cookie: planner } })).json().items;
  });
  afterAll(() => t.close());

  const importFile = (payload: object, cookie = planner) => t.app.inject({ method: 'POST', url: '/api/wfm/history/import', headers: { cookie }, payload });

  it('parses RFC 4180 CSV: quotes, doubled quotes, line breaks in fields, CRLF, BOM, semicolons', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n')).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['x, y', 'say "hi"'] },
      { line: 3, cells: ['multi\nline', '2'] },
    ]);
    expect(parseCsv('a;b\n1;2').map((record) => record.cells)).toEqual([['a', 'b'], ['1', '2']]);
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(/never closed/);
  });

  it('imports a CSV of half-hour intervals and summarises it per queue', async () => {
    const csv = historyCsv({ startDate: '2026-01-05', days: 14, queue: 'repair' });
    const dry = await importFile({ format: 'csv', content: csv, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ imported: 0, checked: 14 * 48, dryRun: true });
    expect((await t.app.inject({ method: 'GET', url: '/api/wfm/history', headers: { cookie: reader } })).json().items).toEqual([]);

    const response = await importFile({ format: 'csv', content: csv });
    expect(response.statusCode, response.body).toBe(200);
    const repair = queues.find((queue) => queue.code === 'repair')!;
    expect(response.json()).toMatchObject({ imported: 14 * 48, queues: [{ queueId: repair.id, queueCode: 'repair', channel: 'voice', intervals: 14 * 48, from: '2026-01-04T16:00:00.000Z', to: '2026-01-18T16:00:00.000Z' }] });

    const summary = (await t.app.inject({ method: 'GET', url: '/api/wfm/history', headers: { cookie: reader } })).json().items;
    expect(summary).toMatchObject([{ queueCode: 'repair', intervals: 672, intervalMinutes: 30, sources: ['import'], from: '2026-01-04T16:00:00.000Z', to: '2026-01-18T16:00:00.000Z' }]);
    const series = (await t.app.inject({ method: 'GET', url: `/api/wfm/queues/${repair.id}/history?from=2026-01-05&to=2026-01-05`, headers: { cookie: reader } })).json();
    expect(series.offered).toHaveLength(48);
    expect(series.intervalStarts[20]).toBe('2026-01-05T02:00:00.000Z');
    expect(series.ahtSeconds[20]).toBe(240);

    // Importing the same intervals again replaces them rather than adding.
    expect((await importFile({ format: 'csv', content: csv })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/wfm/history', headers: { cookie: reader } })).json().items[0].intervals).toBe(672);
  });

  it('reports every bad row with its line, column and reason, and imports nothing', async () => {
    const csv = [
      'Interval Start,Queue,Channel,Offered,AHT',
      '2026-02-02 08:00,repair,voice,12,200',
      '2026-02-02 08:15,repair,voice,12,200',
      '2026-02-31 08:30,repair,voice,12,200',
      '2026-02-02 09:00,nope,voice,12,200',
      '2026-02-02 09:30,repair,chat,12,200',
      '2026-02-02 10:00,repair,voice,-3,200',
      '2026-02-02 10:30,repair,voice,many,200',
      '2026-02-02 11:00,repair,voice,5,',
      '2026-02-02 08:00,repair,voice,1,100',
    ].join('\n');
    const response = await importFile({ format: 'csv', content: csv });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toBe('wfm.malformed_history');
    expect(body.details.errorCount).toBe(8);
    expect(body.details.errors).toEqual([
      { line: 3, field: 'interval_start', message: 'must start a 30-minute interval (minute divisible by 30)' },
      { line: 4, field: 'interval_start', message: 'not a date and time (YYYY-MM-DD HH:MM): "2026-02-31 08:30"' },
      { line: 5, field: 'queue', message: 'no queue with code "nope"' },
      { line: 6, field: 'channel', message: 'queue "repair" is a voice queue, not chat' },
      { line: 7, field: 'offered', message: 'must be ≥ 0, got -3' },
      { line: 8, field: 'offered', message: 'not a number: "many"' },
      { line: 9, field: 'aht_seconds', message: 'is required where offered > 0' },
      { line: 10, field: 'interval_start', message: 'duplicates line 2 (same queue, channel and interval)' },
    ]);
    const summary = (await t.app.inject({ method: 'GET', url: '/api/wfm/history', headers: { cookie: reader } })).json().items;
    expect(summary[0].intervals).toBe(672);
  });

  it('gives a clear error for an empty or headerless file, and for mixing interval lengths', async () => {
    const empty = await importFile({ format: 'csv', content: '' });
    expect(empty.json()).toMatchObject({ code: 'wfm.empty_history', details: { field: 'content' } });
    const headerOnly = await importFile({ format: 'csv', content: 'interval_start,queue,offered,aht_seconds\n' });
    expect(headerOnly.json()).toMatchObject({ code: 'wfm.empty_history' });
    const noQueue = await importFile({ format: 'csv', content: 'when,volume\n2026-01-01 00:00,3\n' });
    expect(noQueue.json()).toMatchObject({ code: 'wfm.malformed_history', details: { field: 'interval_start' } });
    const notXlsx = await importFile({ format: 'xlsx', content: Buffer.from('not a workbook').toString('base64') });
    expect(notXlsx.json()).toMatchObject({ code: 'wfm.malformed_history', details: { field: 'content' } });
    const quarter = await importFile({ format: 'csv', intervalMinutes: 15, content: 'interval_start,queue,offered,aht_seconds\n2026-03-02 08:15,repair,4,180\n' });
    expect(quarter.json()).toMatchObject({ code: 'wfm.malformed_history', details: { field: 'intervalMinutes' } });
    expect(quarter.json().details.message).toMatch(/already has 30-minute history/);
  });

  it('imports XLSX with date cells, Chinese headers and date + time columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('历史');
    sheet.addRow(['日期', '时刻', '队列', '呼入量', '平均处理时长']);
    sheet.addRow([new Date(Date.UTC(2026, 2, 2)), '09:00', 'complaint', 7, 310]);
    sheet.addRow(['2026-03-02', '09:15', 'complaint', 3, 290]);
    sheet.addRow(['2026-03-02', '09:30', 'complaint', 'x', 290]);
    const content = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const bad = await importFile({ format: 'xlsx', content, intervalMinutes: 15 });
    expect(bad.json().details.errors).toEqual([{ line: 4, field: 'offered', message: 'not a number: "x"' }]);
    sheet.spliceRows(4, 1);
    const good = await importFile({ format: 'xlsx', content: Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64'), intervalMinutes: 15 });
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json().queues).toMatchObject([{ queueCode: 'complaint', intervals: 2, offered: 10, from: '2026-03-02T01:00:00.000Z', to: '2026-03-02T01:30:00.000Z' }]);
  });

  it('rolls interactions up per queue and half hour: offered, and AHT = talk + hold + wrap-up', async () => {
    const tenantId = (await t.login('property.inbound_supervisor')).me.tenant.id;
    const newBusiness = queues.find((queue) => queue.code === 'new_business')!;
    const at = (time: string) => new Date(`2026-04-01T${time}+08:00`);
    const call = (enqueued: string, answered: string | null, ended: string | null, wrapped: string | null) => ({
      tenantId, channel: 'voice' as const, direction: 'inbound' as const, status: 'ended' as const, queueId: newBusiness.id,
      arrivedAt: at(enqueued), enqueuedAt: at(enqueued), answeredAt: answered ? at(answered) : null, endedAt: ended ? at(ended) : null, wrapUpEndedAt: wrapped ? at(wrapped) : null,
    });
    await t.ctx.database.db.insert(interactions).values([
      call('09:01:00', '09:01:10', '09:05:10', '09:06:10'), // 300 s handled
      call('09:20:00', '09:20:30', '09:22:30', null), // 120 s, no wrap-up
      call('09:29:59', null, '09:31:00', null), // abandoned: offered, not handled
      call('09:30:00', '09:30:05', '09:40:05', '09:41:05'), // next interval: 660 s
    ]);
    const response = await t.app.inject({ method: 'POST', url: '/api/wfm/history/derive', headers: { cookie: planner }, payload: { from: '2026-04-01', to: '2026-04-01', queueIds: [newBusiness.id] } });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ stored: 2, queues: [{ queueCode: 'new_business', intervals: 2, offered: 4 }] });
    const series = (await t.app.inject({ method: 'GET', url: `/api/wfm/queues/${newBusiness.id}/history`, headers: { cookie: reader } })).json();
    expect(series.intervalStarts).toEqual(['2026-04-01T01:00:00.000Z', '2026-04-01T01:30:00.000Z']);
    expect(series.offered).toEqual([3, 1]);
    expect(series.ahtSeconds).toEqual([210, 660]);
    expect(series.sources).toEqual(['interactions', 'interactions']);
  });

  it('lets only planners import and derive', async () => {
    expect((await importFile({ format: 'csv', content: 'x' }, reader)).statusCode).toBe(403);
    const agent = (await t.login('property.agent')).cookie;
    expect((await t.app.inject({ method: 'GET', url: '/api/wfm/history', headers: { cookie: agent } })).statusCode).toBe(403);
  });
});
