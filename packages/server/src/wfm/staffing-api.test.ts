/** POST /api/wfm/staffing: the CLI's computation over HTTP, with field-named 400s. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, usingPostgres, type TestApp } from '../testing/harness.ts';

describe(`POST /api/wfm/staffing (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let planner: string;
  let agent: string;
  beforeAll(async () => {
    t = await startTestApp();
    planner = (await t.login('property.inbound_supervisor')).cookie;
    agent = (await t.login('property.agent')).cookie;
  });
  afterAll(() => t.close());

  const post = (payload: object, cookie = planner) =>
    t.app.inject({ method: 'POST', url: '/api/wfm/staffing', headers: { cookie }, payload });
  const example = { calls: 100, intervalMinutes: 30, ahtSeconds: 180, slTarget: 0.8, slSeconds: 20 };

  it('staffs the published example, and uses Erlang A with patience', async () => {
    const response = await post({ ...example, shrinkage: 0.3, maxOccupancy: 0.85 });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ model: 'erlangC', rawAgents: 14, agents: 20, trafficErlangs: 10 });
    expect(response.json().serviceLevel).toBeCloseTo(0.88835, 5);
    const patient = await post({ ...example, calls: 2000, patienceSeconds: 60 });
    expect(patient.json()).toMatchObject({ model: 'erlangA', rawAgents: 173 });
    expect(patient.json().abandonRate).toBeCloseTo(0.139, 3);
  });

  it('names the field of bad input and says when the target is impossible', async () => {
    for (const [body, path] of [
      [{ ...example, ahtSeconds: 0 }, 'body.ahtSeconds'],
      [{ ...example, slTarget: 1 }, 'body.slTarget'],
      [{ ...example, shrinkage: 1 }, 'body.shrinkage'],
      [{ ...example, surprise: 1 }, 'body.'],
    ] as const) {
      const response = await post(body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().code).toBe('request.invalid');
      expect(response.json().details.issues[0].path).toBe(path);
    }
    const impossible = await post({ ...example, calls: 100_000, maxAgents: 500 });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json()).toMatchObject({ code: 'wfm.impossible_target', details: { field: 'calls' } });
    // The message is in the caller's saved language (the demo users' is Chinese).
    expect(impossible.json().message).toBe('目标无法达到：所需座席数超出上限');
    expect(impossible.json().details.message).toMatch(/needs more than 500 agents/);
  });

  it('is for planners and readers, not agents', async () => {
    expect((await post(example, agent)).statusCode).toBe(403);
  });
});
