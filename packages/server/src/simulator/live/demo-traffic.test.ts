/**
 * The live demo traffic in real time, fast: simulated callers dial the demo hotlines through the
 * telephony port and walk the real IVR; bot agents answer, talk, wrap up with a disposition and
 * take breaks; the human demo agent still gets calls. `stop()` leaves nothing running: no timer,
 * no command in flight, bots logged out, and a process that used it exits by itself.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FloorMessage } from '../../interactions/contact-center.ts';
import { interactionEvents, interactions } from '../../interactions/schema.ts';
import { findUserByUsername } from '../../org/repository.ts';
import { AppError } from '../../platform/errors.ts';
import { seededRandom } from '../../platform/random.ts';
import { findQueueByCode } from '../../routing/repository.ts';
import { startTestApp, type TestApp, usingPostgres } from '../../testing/harness.ts';
import { type DemoTraffic, startDemoTraffic } from './demo-traffic.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`live demo traffic (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let t: TestApp;
  let demo: DemoTraffic;
  let humanId: string;
  let botIds: string[];
  const errors: unknown[] = [];
  const humanHandled: string[] = [];
  let untapHuman: () => void = () => {};

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.ctx.database.db;
    const human = (await findUserByUsername(db, 'property.agent'))!;
    humanId = human.id;
    const tenantId = human.homeTenantId;
    botIds = await Promise.all(['property.agent02', 'property.agent03', 'property.agent04', 'property.agent05', 'property.agent06'].map(async (name) => (await findUserByUsername(db, name))!.id));

    // The person at the desktop: ready before the bots, answers what is offered, hangs up, wraps up.
    const contacts = t.services.contacts;
    await contacts.agentConnected(tenantId, humanId);
    await contacts.agentCommand(tenantId, humanId, { type: 'set_ready' });
    const handle = async (interactionId: string) => {
      await sleep(30);
      await contacts.accept(tenantId, humanId, interactionId);
      await sleep(150);
      await contacts.hangup(tenantId, humanId, interactionId).catch(() => undefined);
      await sleep(30);
      await contacts.wrapUp(tenantId, humanId, interactionId, 'resolved', 'by the person');
      humanHandled.push(interactionId);
    };
    untapHuman = t.services.floor.subscribe((_tenant, message: FloorMessage) => {
      if (message.type !== 'offer' || message.agentId !== humanId) return;
      // A caller may hang up while it rings: the desktop is then told no, as it would be.
      void handle(message.interactionId).catch((error) => {
        if (!(error instanceof AppError && (error.status === 404 || error.status === 409))) errors.push(error);
      });
    });

    demo = await startDemoTraffic(t, {
      callsPerMinute: 150,
      timeScale: 0.02,
      random: seededRandom(20260302),
      hotlines: [{ number: '4008001234', weight: 1, menus: { main: { '1': 0.5, '2': 0.2, '3': 0.2, '0': 0.1 }, repair_menu: { '1': 0.5, '2': 0.5 } } }],
      bots: ['property.agent02', 'property.agent03', 'property.agent04', 'property.agent05', 'property.agent06', 'no.such.user'],
      botBehaviour: { breakProbability: 0.3, reconcileSeconds: 2 },
      onError: (error) => errors.push(error),
    });
  });

  afterAll(async () => {
    untapHuman();
    await demo?.stop();
    await t?.close();
  });

  it('logs the bots in and makes them ready; unknown usernames are skipped', () => {
    expect(demo.stats()).toMatchObject({ running: true, hotlines: ['4008001234'], bots: ['property.agent02', 'property.agent03', 'property.agent04', 'property.agent05', 'property.agent06'] });
    for (const id of botIds) expect(t.services.contacts.agentState(id)).toMatchObject({ presence: 'ready', connected: true });
  });

  it('bots answer the simulated callers, wrap up with a disposition, and the person gets calls too', async () => {
    await vi.waitFor(() => {
      const stats = demo.stats();
      expect(stats.wrappedUp).toBeGreaterThanOrEqual(4);
      expect(humanHandled.length).toBeGreaterThanOrEqual(1);
    }, { timeout: 30_000, interval: 100 });

    const stats = demo.stats();
    expect(stats.dialled).toBeGreaterThan(0);
    expect(stats.accepted).toBeGreaterThanOrEqual(stats.wrappedUp);
    expect(errors).toEqual([]);

    const db = t.ctx.database.db;
    const byBots = await db.select().from(interactions).where(and(inArray(interactions.agentId, botIds), eq(interactions.status, 'ended')));
    const filed = byBots.filter((row) => row.disposition !== null);
    expect(filed.length).toBeGreaterThanOrEqual(4);
    for (const row of filed) {
      expect(row).toMatchObject({ channel: 'voice', hotline: '4008001234' });
      expect(['resolved', 'work_order', 'info', 'callback', 'other']).toContain(row.disposition);
      expect(row.ivrPath.length).toBeGreaterThan(0);
      for (const step of [row.arrivedAt, row.ivrExitedAt, row.queuedAt, row.offeredAt, row.answeredAt, row.endedAt, row.wrapUpEndedAt]) expect(step).toBeInstanceOf(Date);
      expect(['customer', 'agent']).toContain(row.endedBy);
    }
    const events = await db.select().from(interactionEvents).where(eq(interactionEvents.interactionId, filed[0]!.id));
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['arrived', 'ivr_entered', 'ivr_exited', 'queued', 'offered', 'answered', 'ended', 'disposition', 'wrap_up_ended']));
    expect(events.find((e) => e.type === 'answered')!.agentId).toBe(filed[0]!.agentId);

    const [byHuman] = await db.select().from(interactions).where(eq(interactions.id, humanHandled[0]!));
    expect(byHuman).toMatchObject({ agentId: humanId, disposition: 'resolved', notes: 'by the person', status: 'ended' });
  });

  it('bots decline chats, which wait for the person', async () => {
    const db = t.ctx.database.db;
    const human = (await findUserByUsername(db, 'property.agent'))!;
    const contacts = t.services.contacts;
    await contacts.agentCommand(human.homeTenantId, humanId, { type: 'set_not_ready', reason: 'meeting' });
    const webChat = (await findQueueByCode(db, human.homeTenantId, 'web_chat'))!;
    const declinedBefore = demo.stats().declined;
    const chatId = await contacts.arrive({ tenantId: human.homeTenantId, channel: 'chat', address: 'visitor-7', queueId: webChat.id });
    await vi.waitFor(() => expect(demo.stats().declined).toBeGreaterThanOrEqual(declinedBefore + 2), { timeout: 15_000, interval: 50 });
    const [waiting] = await db.select().from(interactions).where(eq(interactions.id, chatId));
    expect(waiting!.answeredAt).toBeNull();
    await vi.waitFor(() => expect(contacts.agentState(humanId)?.work ?? []).toEqual([]), { timeout: 15_000, interval: 50 });
    await contacts.agentCommand(human.homeTenantId, humanId, { type: 'set_ready' });
    await vi.waitFor(async () => {
      const [row] = await db.select().from(interactions).where(eq(interactions.id, chatId));
      expect(row).toMatchObject({ agentId: humanId, status: 'ended', disposition: 'resolved' });
    }, { timeout: 30_000, interval: 100 });
    expect(errors).toEqual([]);
  });

  it('stop() cancels every timer, settles every command and logs the bots out', async () => {
    await demo.stop();
    expect(demo.stats()).toMatchObject({ running: false, pendingTimers: 0, inFlight: 0 });
    for (const id of botIds) expect(t.services.contacts.agentState(id)?.presence).toBe('offline');
    const dialled = demo.stats().dialled;
    await sleep(300);
    expect(demo.stats().dialled).toBe(dialled);
    // A second stop is the same stop.
    await demo.stop();
  });
});

describe('a process running the demo traffic', () => {
  it('exits by itself once the traffic is stopped and the runtime closed', { timeout: 120_000 }, async () => {
    const root = path.resolve(import.meta.dirname, '../../../../..');
    const script = `
      const { startTestApp } = await import(${JSON.stringify(path.join(root, 'packages/server/src/testing/harness.ts'))});
      const { startDemoTraffic } = await import(${JSON.stringify(path.join(root, 'packages/server/src/simulator/live/demo-traffic.ts'))});
      const t = await startTestApp();
      const demo = await startDemoTraffic(t, { callsPerMinute: 240, timeScale: 0.02 });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await demo.stop();
      await t.close();
      console.log(JSON.stringify(demo.stats()));
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: path.join(root, 'packages/server'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = await new Promise<number | null>((resolve) => {
      // Kept alive by a forgotten timer, the process would still be running long after its work.
      const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect(exit, `stdout: ${stdout}\nstderr: ${stderr}`).toBe(0);
    const stats = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(stats).toMatchObject({ running: false, pendingTimers: 0, inFlight: 0 });
    expect(stats.dialled).toBeGreaterThan(0);
  });
});
