/**
 * A simulated day left behind as ordinary interaction records: the demo day on the property tenant,
 * read back through the export endpoint and the interaction detail; identical runs are idempotent.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionEvents, interactions } from '../../interactions/schema.ts';
import { listOpenInteractions } from '../../interactions/repository.ts';
import { findTenant } from '../../org/repository.ts';
import { startTestApp, type TestApp, usingPostgres } from '../../testing/harness.ts';
import { demoDayScenario } from '../domain/demo-day.ts';
import { mapScenarioQueues, QueueMappingError } from './persist-records.ts';
import { defaultDemoDate, formatReport, readScenarioFile, SimulationInputError, simulateDay, type SimulateDayReport } from './simulate-day.ts';

const ACTOR = { userId: '00000000-0000-0000-0000-000000000000', displayName: 'test' };

describe('mapScenarioQueues', () => {
  const tenantQueues = [
    { id: 'q1', code: 'repair', channel: 'voice' },
    { id: 'q2', code: 'complaint', channel: 'voice' },
    { id: 'q3', code: 'new_business', channel: 'voice' },
    { id: 'q4', code: 'web_chat', channel: 'chat' },
  ];

  it('matches by id, code, or a normalised name', () => {
    const mapping = mapScenarioQueues(
      [{ id: 'Repairs', channel: 'voice' }, { id: 'new-business', channel: 'voice' }, { id: 'q2', channel: 'voice' }],
      tenantQueues,
    );
    expect([...mapping].map(([id, queue]) => [id, queue.code])).toEqual([['Repairs', 'repair'], ['new-business', 'new_business'], ['q2', 'complaint']]);
  });

  it('refuses unknown queues, naming them and the tenant’s queues', () => {
    const attempt = () => mapScenarioQueues([{ id: 'billing', channel: 'voice' }, { id: 'repair', channel: 'voice' }], tenantQueues);
    expect(attempt).toThrow(QueueMappingError);
    expect(attempt).toThrow(/"billing" \(its queues: complaint, new_business, repair, web_chat\)/);
  });

  it('by order, gives unmatched queues the remaining queues of their channel', () => {
    const shop = [
      { id: 's1', code: 'after_sales', channel: 'voice' },
      { id: 's2', code: 'refund', channel: 'voice' },
      { id: 's3', code: 'web_chat', channel: 'chat' },
    ];
    const mapping = mapScenarioQueues(
      [{ id: 'repairs', channel: 'voice' }, { id: 'complaints', channel: 'voice' }, { id: 'new-business', channel: 'voice' }],
      shop,
      { byOrder: true },
    );
    expect([...mapping].map(([id, queue]) => [id, queue.code])).toEqual([['repairs', 'after_sales'], ['complaints', 'refund'], ['new-business', 'after_sales']]);
  });
});

describe(`simulateDay (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let tenant: { id: string; slug: string };
  let manager: string;
  let first: SimulateDayReport;
  const dir = mkdtempSync(path.join(tmpdir(), 'seatline-scenario-'));

  beforeAll(async () => {
    t = await startTestApp();
    const row = (await findTenant(t.ctx.database.db, 'property'))!;
    tenant = { id: row.id, slug: row.slug };
    manager = (await t.login('property.cc_manager')).cookie;
    first = await simulateDay(t.ctx, { tenant, seed: 11, date: '2026-03-02', actor: ACTOR });
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the demo day: a few hundred calls, some abandoned, all recorded as simulated', async () => {
    const s = first.summary;
    expect(first).toMatchObject({ date: '2026-03-02', startAt: '2026-03-02T08:00:00+08:00', intervals: 24, intervalMinutes: 30 });
    expect(s.arrived).toBeGreaterThanOrEqual(300);
    expect(s.abandoned).toBeGreaterThan(0);
    expect(s.answered + s.abandoned + s.limitReached + s.unanswered).toBe(s.offered);
    expect(s.arrived).toBe(s.offered + s.handledInIvr);
    expect(first.queues.map((q) => q.queue)).toEqual(['repair', 'complaint', 'new_business']);
    expect(first.recorded).toMatchObject({ interactions: s.arrived, inserted: s.arrived, alreadyPresent: 0 });

    const db = t.ctx.database.db;
    const [rows] = await db.select({ n: count() }).from(interactions).where(and(eq(interactions.tenantId, tenant.id), eq(interactions.simulated, true)));
    expect(rows!.n).toBe(s.arrived);
    const [events] = await db.select({ n: count() }).from(interactionEvents).where(eq(interactionEvents.tenantId, tenant.id));
    expect(events!.n).toBe(first.recorded.events);
    // Nothing is left open for the live router to pick up after a restart.
    expect((await listOpenInteractions(db)).length).toBe(0);
  });

  it('appears in GET /api/interactions/export with every timestamp of each step', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/interactions/export?from=2026-03-02T00:00:00%2B08:00&to=2026-03-03T00:00:00%2B08:00&format=json',
      headers: { cookie: manager },
    });
    expect(response.statusCode, response.body).toBe(200);
    const rows = response.json() as Record<string, string | number | boolean>[];
    expect(rows.length).toBe(first.summary.arrived);
    const answered = rows.filter((row) => row.answeredAt !== '');
    const abandoned = rows.filter((row) => row.abandonedIn === 'queue');
    expect(answered.length).toBe(first.summary.answered);
    expect(abandoned.length).toBe(first.summary.abandoned);
    for (const row of answered) {
      expect(['repair', 'complaint', 'new_business']).toContain(row.queue);
      for (const column of ['arrivedAt', 'queuedAt', 'offeredAt', 'answeredAt', 'endedAt', 'wrapUpEndedAt', 'ivrExitedAt']) expect(row[column], column).toMatch(/^2026-03-0[23]T/);
      expect(Date.parse(row.answeredAt as string)).toBeGreaterThanOrEqual(Date.parse(row.queuedAt as string));
      expect(Date.parse(row.wrapUpEndedAt as string)).toBeGreaterThanOrEqual(Date.parse(row.endedAt as string));
      expect(row).toMatchObject({ channel: 'voice', direction: 'inbound', hotline: '4008001234', abandonedAt: '' });
    }
    for (const row of abandoned) expect(row).toMatchObject({ answeredAt: '', endedBy: 'customer', abandonedAt: row.endedAt });
    expect(answered.filter((row) => row.disposition !== '').length).toBeGreaterThan(answered.length * 0.9);
    expect(rows.filter((row) => row.outcome === 'self_service').length).toBeGreaterThan(0);

    const sample = answered[0]!;
    const detail = (await t.app.inject({ method: 'GET', url: `/api/interactions/${sample.id}`, headers: { cookie: manager } })).json();
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['arrived', 'ivr_entered', 'ivr_exited', 'queued', 'offered', 'answered', 'ended', 'disposition', 'wrap_up_ended']);
    expect(detail.events[5].data).toMatchObject({ simulated: true, bot: expect.any(String) });
    expect(detail.ivrPath[0]).toMatch(/^welcome:\d$/);
  });

  it('records nothing twice: the same day and seed again gives the same summary and inserts nothing', async () => {
    const again = await simulateDay(t.ctx, { tenant, seed: 11, date: '2026-03-02', actor: ACTOR });
    expect(again.summary).toEqual(first.summary);
    expect(again.queues).toEqual(first.queues);
    expect(again.recorded).toMatchObject({ run: first.recorded.run, inserted: 0, alreadyPresent: first.summary.arrived });
    const other = await simulateDay(t.ctx, { tenant, seed: 12, date: '2026-03-02', actor: ACTOR });
    expect(other.recorded.run).not.toBe(first.recorded.run);
    expect(other.recorded.inserted).toBe(other.summary.arrived);
    expect(other.summary).not.toEqual(first.summary);
  });

  it('runs a scenario file on its own day, or moved to --date', async () => {
    const file = path.join(dir, 'small.json');
    const scenario = demoDayScenario({ date: '2026-04-01' });
    writeFileSync(file, JSON.stringify({ ...scenario, name: 'Small day', expectedCalls: scenario.expectedCalls.map((n) => n / 4), queues: scenario.queues.map((q) => ({ ...q, id: q.id === 'new-business' ? 'new_business' : q.id })), ivr: { ...scenario.ivr, nodes: { ...scenario.ivr.nodes, 'new-business': { type: 'queue', queueId: 'new_business' } } } }));
    const parsed = await readScenarioFile(file);
    const own = await simulateDay(t.ctx, { tenant, scenario: parsed, seed: 1, actor: ACTOR });
    expect(own).toMatchObject({ scenario: 'Small day', date: '2026-04-01', startAt: '2026-04-01T08:00:00+08:00' });
    expect(own.summary.arrived).toBeGreaterThan(50);
    const moved = await simulateDay(t.ctx, { tenant, scenario: parsed, seed: 1, date: '2026-04-02', actor: ACTOR });
    expect(moved.startAt).toBe('2026-04-02T08:00:00+08:00');
    // Another day is another run: new records.
    expect(moved.recorded.inserted).toBe(moved.summary.arrived);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const bad = path.join(dir, 'bad.json');
    const scenario = demoDayScenario();
    writeFileSync(bad, JSON.stringify({ ...scenario, agentGroups: [{ ...scenario.agentGroups[0], staffing: [1, 2] }] }));
    await expect(readScenarioFile(bad)).rejects.toThrow(SimulationInputError);
    await expect(readScenarioFile(bad)).rejects.toThrow(/agentGroups\.0\.staffing: needs 24 entries/);
    const broken = path.join(dir, 'broken.json');
    writeFileSync(broken, '{ "name": ');
    await expect(readScenarioFile(broken)).rejects.toThrow(/is not valid JSON/);
    await expect(readScenarioFile(path.join(dir, 'missing.json'))).rejects.toThrow(/Cannot read the scenario file .*ENOENT/);

    const [before] = await t.ctx.database.db.select({ n: count() }).from(interactions);
    const unknownQueue = { ...demoDayScenario(), name: 'Billing day' };
    unknownQueue.queues = unknownQueue.queues.map((q) => (q.id === 'complaints' ? { ...q, id: 'billing' } : q));
    unknownQueue.ivr = { ...unknownQueue.ivr, nodes: { ...unknownQueue.ivr.nodes, complaints: { type: 'queue', queueId: 'billing' } } };
    await expect(simulateDay(t.ctx, { tenant, scenario: unknownQueue, seed: 1, actor: ACTOR })).rejects.toThrow(/no queue for scenario queue "billing"/);
    await expect(simulateDay(t.ctx, { tenant, seed: 1, date: '2026-02-30', actor: ACTOR })).rejects.toThrow(/--date must be a calendar date/);
    await expect(simulateDay(t.ctx, { tenant, seed: -1, actor: ACTOR })).rejects.toThrow(/--seed/);
    const [after] = await t.ctx.database.db.select({ n: count() }).from(interactions);
    expect(after!.n).toBe(before!.n);
  });

  it('prints a summary a person can read', () => {
    const text = formatReport(first);
    expect(text).toContain(`Simulated "Property-management hotline demo day" for property on 2026-03-02 (seed 11, 24 × 30 min from 2026-03-02T08:00:00+08:00)`);
    expect(text).toContain(`arrived ${first.summary.arrived}, ended in the IVR ${first.summary.handledInIvr}, offered to queues ${first.summary.offered}`);
    expect(text).toMatch(/service level \d+\.\d %, ASA \d+\.\d s, AHT \d+\.\d s, bot occupancy \d+\.\d %/);
    expect(text).toMatch(/\n {2}repair +offered +\d+ +answered +\d+ +abandoned +\d+ +SL +\d+\.\d % +ASA \d+\.\d s/);
    expect(text).toContain(`Recorded ${first.summary.arrived} interactions (${first.recorded.events} events), marked simulated.`);
  });

  it('defaults the demo day to yesterday in China', () => {
    expect(defaultDemoDate(Date.parse('2026-03-02T15:59:00Z'))).toBe('2026-03-01');
    expect(defaultDemoDate(Date.parse('2026-03-02T16:00:00Z'))).toBe('2026-03-02');
  });
});
