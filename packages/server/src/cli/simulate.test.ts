/**
 * `seatline simulate` and `seatline export interactions` as child processes, on one data directory
 * (PGlite) or one fresh PostgreSQL database (TEST_DATABASE_URL) shared by the tests of this file,
 * which run in order. The spawn helper is testing/cli.ts, shared with cli.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorld } from '../demo.ts';
import { buildApp } from '../platform/http/app.ts';
import { demoDayScenario } from '../simulator/domain/demo-day.ts';
import { cliWorkspace, expectSuccess } from '../testing/cli.ts';
import { DEMO_PASSWORD, usingPostgres } from '../testing/harness.ts';
import { EXPORT_COLUMNS } from '../interactions/presenters.ts';

const SLOW = { timeout: 120_000 };
const DAY = '2026-03-02';
const FROM = `${DAY}T00:00:00+08:00`;
const TO = '2026-03-03T00:00:00+08:00';

const cli = cliWorkspace('seatline-simulate-');
const { seatline, withRuntimeOnSameDatabase } = cli;

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const columns = header!.split(',');
  // Simulated records hold no commas or quotes, so a plain split reads them.
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, index) => [columns[index]!, value])));
}

beforeAll(async () => {
  await cli.setUp();
  // The demo as `seatline start` seeds it: tenants, users, queues, hotlines, customers.
  await withRuntimeOnSameDatabase(async (runtime) => {
    await seedDemoWorld(runtime);
  });
}, 120_000);

afterAll(() => cli.tearDown());

describe(`seatline simulate and export (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let summary: { arrived: number; answered: number; abandoned: number; offered: number };

  it('simulate runs the demo day; the same seed twice gives the same summary and records it once', SLOW, async () => {
    const first = await seatline('simulate', '--tenant', 'property', '--seed', '42', '--speed', 'max', '--date', DAY, '--json');
    expectSuccess(first);
    const one = JSON.parse(first.stdout);
    expect(one).toMatchObject({ tenant: { slug: 'property' }, seed: 42, date: DAY, intervals: 24 });
    expect(one.summary.arrived).toBeGreaterThanOrEqual(300);
    expect(one.summary.abandoned).toBeGreaterThan(0);
    expect(one.recorded).toMatchObject({ interactions: one.summary.arrived, inserted: one.summary.arrived });

    const second = await seatline('simulate', '--tenant', 'property', '--seed', '42', '--date', DAY, '--json');
    expectSuccess(second);
    const two = JSON.parse(second.stdout);
    expect(two.summary).toEqual(one.summary);
    expect(two.queues).toEqual(one.queues);
    expect(two.recorded).toMatchObject({ run: one.recorded.run, inserted: 0, alreadyPresent: one.summary.arrived });
    summary = one.summary;
  });

  it('export interactions writes the published columns, as CSV to a file and as JSON to standard output', SLOW, async () => {
    const out = path.join(cli.dir, 'day.csv');
    const csv = await seatline('export', 'interactions', '--tenant', 'property', '--from', FROM, '--to', TO, '--format', 'csv', '--out', out);
    expectSuccess(csv);
    expect(csv.stdout).toContain(`Exported ${summary.arrived} interactions of property to ${out}`);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(EXPORT_COLUMNS.join(','));
    const rows = parseCsv(text);
    expect(rows.length).toBe(summary.arrived);
    const answered = rows.filter((row) => row.answeredAt !== '');
    expect(answered.length).toBe(summary.answered);
    for (const row of answered) {
      for (const column of ['arrivedAt', 'queuedAt', 'offeredAt', 'answeredAt', 'endedAt', 'wrapUpEndedAt']) expect(row[column], column).toMatch(/^2026-03-0[23]T\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    expect(rows.filter((row) => row.abandonedIn === 'queue').length).toBe(summary.abandoned);
    // The CLI exports unmasked, as its operator holds every permission.
    expect(rows[0]!.address).toMatch(/^\+86\d{11}$/);

    const json = await seatline('export', 'interactions', '--tenant', 'property', '--from', FROM, '--to', TO, '--format', 'json');
    expectSuccess(json);
    const items = JSON.parse(json.stdout) as Record<string, unknown>[];
    expect(items.length).toBe(summary.arrived);
    expect(Object.keys(items[0]!)).toEqual([...EXPORT_COLUMNS]);
  });

  it('the simulated day appears in GET /api/interactions/export', SLOW, async () => {
    await withRuntimeOnSameDatabase(async (runtime) => {
      const app = await buildApp(runtime);
      try {
        const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'property.cc_manager', password: DEMO_PASSWORD } });
        const cookie = `sl_session=${login.cookies.find((c) => c.name === 'sl_session')!.value}`;
        const response = await app.inject({ method: 'GET', url: `/api/interactions/export?from=${encodeURIComponent(FROM)}&to=${encodeURIComponent(TO)}&format=csv`, headers: { cookie } });
        expect(response.statusCode, response.body).toBe(200);
        const rows = parseCsv(response.body);
        expect(rows.length).toBe(summary.arrived);
        expect(rows.filter((row) => row.answeredAt !== '' && row.arrivedAt !== '' && row.queue !== '').length).toBe(summary.answered);
      } finally {
        await app.close();
      }
    });
  });

  it('a malformed scenario file fails with exit code 1 and the path of each bad field', SLOW, async () => {
    const scenario = demoDayScenario();
    const bad = path.join(cli.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...scenario, agentGroups: [{ ...scenario.agentGroups[0], staffing: [1] }], expectedCalls: scenario.expectedCalls, botAnswerSeconds: 'soon' }));
    const result = await seatline('simulate', '--tenant', 'property', '--scenario', bad, '--seed', '1');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`The scenario file ${bad} is invalid:`);
    expect(result.stderr).toContain('botAnswerSeconds:');
    expect(result.stderr).not.toMatch(/\n\s+at /);

    const notJson = path.join(cli.dir, 'not-json.json');
    writeFileSync(notJson, '{"name": "x",');
    const broken = await seatline('simulate', '--tenant', 'property', '--scenario', notJson);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`The scenario file ${notJson} is not valid JSON`);

    // A schema-valid file whose staffing vector is the wrong length: the refinement names the path.
    const short = path.join(cli.dir, 'short.json');
    writeFileSync(short, JSON.stringify({ ...scenario, agentGroups: [{ ...scenario.agentGroups[0], staffing: [1, 2, 3] }, ...scenario.agentGroups.slice(1)] }));
    const refined = await seatline('simulate', '--tenant', 'property', '--scenario', short);
    expect(refined.code).toBe(1);
    expect(refined.stderr).toContain('agentGroups.0.staffing: needs 24 entries, one per interval');
  });

  it('other bad input fails with a clear message and exit code 1', SLOW, async () => {
    const tenant = await seatline('simulate', '--tenant', 'no-such-tenant', '--seed', '1');
    expect(tenant.code).toBe(1);
    expect(tenant.stderr.trim()).toBe('No tenant with id or slug "no-such-tenant"');

    const date = await seatline('simulate', '--tenant', 'property', '--date', '2026-13-01');
    expect(date.code).toBe(1);
    expect(date.stderr.trim()).toBe('--date must be a calendar date as YYYY-MM-DD, got "2026-13-01"');

    const seed = await seatline('simulate', '--tenant', 'property', '--seed', 'abc');
    expect(seed.code).toBe(1);
    expect(seed.stderr.trim()).toContain('--seed must be a whole number');

    const range = await seatline('export', 'interactions', '--tenant', 'property', '--from', TO, '--to', FROM);
    expect(range.code).toBe(1);
    expect(range.stderr.trim()).toBe('--to must be later than --from');

    const instant = await seatline('export', 'interactions', '--tenant', 'property', '--from', 'yesterday', '--to', TO);
    expect(instant.code).toBe(1);
    expect(instant.stderr.trim()).toContain('--from must be an ISO-8601 date-time with a UTC offset');

    const format = await seatline('export', 'interactions', '--tenant', 'property', '--from', FROM, '--to', TO, '--format', 'xml');
    expect(format.code).toBe(1);
    expect(format.stderr).toContain("Allowed choices are csv, json");
  });
});
