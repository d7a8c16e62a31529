/**
 * Live demo traffic for `seatline start`: simulated callers dial the demo hotlines through the
 * telephony port in real time, walk the real IVR flows and wait for an agent; bot agents (the demo
 * tenants' extra agents) answer, talk, wrap up and take breaks. The human demo agent
 * (`property.agent`) is not a bot and competes for calls with them: bots only take what the router
 * offers them, and breaks and slower bots leave calls for the person at the desktop.
 *
 * Arrivals are a Poisson process following the demo day's intraday shape compressed into a cycle
 * (an hour by default) and scaled to `callsPerMinute` on average. Everything here runs on ordinary
 * timers: it is the simulated outside world, not platform state, and `stop()` ends all of it
 * (timers cancelled, commands settled, bots' calls finished and bots logged out).
 */
import { findFlowVersion, findHotlineByNumber } from '../../ivr/repository.ts';
import { findUserByUsername } from '../../org/repository.ts';
import type { Runtime } from '../../platform/boot.ts';
import { mathRandom, type RandomSource } from '../../platform/random.ts';
import { demoDayScenario } from '../domain/demo-day.ts';
import { BotAgents, DEFAULT_BOT_BEHAVIOUR, type BotBehaviour, type BotIdentity, type BotStats } from './bot-agents.ts';
import { callerNumber, DEFAULT_CALLER_TIMING, IntradayProfile, planCaller, type CallerTiming, type MenuWeights } from './caller-model.ts';
import { Scheduler } from './scheduler.ts';

export interface DemoHotline {
  number: string;
  /** Share of the traffic, relative to the other hotlines. */
  weight: number;
  /** Key weights per menu node of the hotline's flow; menus not listed get their options uniformly. */
  menus: MenuWeights;
  /** Numbers of known customers, dialled now and then so screen pops find someone. */
  knownCallers?: readonly string[];
}

/** The two demo hotlines (see ivr/demo-flows.ts). */
export const DEMO_HOTLINES: readonly DemoHotline[] = [
  {
    number: '4008001234',
    weight: 0.7,
    menus: {
      main: { '1': 0.42, '2': 0.15, '3': 0.18, '4': 0.08, '0': 0.14, '9': 0.03 },
      repair_menu: { '1': 0.55, '2': 0.43, '*': 0.02 },
      // After hearing a work order's status, half hang up (silence ends the call), the rest want an agent or the menu.
      after_status: { '0': 0.4, '*': 0.1, timeout: 0.5 },
    },
    knownCallers: ['+8613812345678', '+8613987654321', '+8615800001234'],
  },
  {
    number: '4008005678',
    weight: 0.3,
    menus: { main: { '1': 0.45, '2': 0.25, '3': 0.2, '0': 0.1 } },
  },
];

/** The demo tenants' extra agents; `property.agent` and `shop.agent` are left for people. */
export const DEMO_BOTS: readonly string[] = ['property.agent02', 'property.agent03', 'property.agent04', 'property.agent05', 'property.agent06', 'shop.agent02', 'shop.agent03'];

export interface DemoTrafficOptions {
  /** Average calls per minute over the cycle, all hotlines together. Default 2. */
  callsPerMinute?: number;
  /** The demo day's 08:00–20:00 shape is replayed once per cycle. Default 60 minutes. */
  cycleMinutes?: number;
  hotlines?: readonly DemoHotline[];
  /** Usernames of the bot agents. */
  bots?: readonly string[];
  /** Multiplies every caller and bot duration (not the arrival rate); tests use a small one. Default 1. */
  timeScale?: number;
  /** No new call is dialled while this many simulated calls are in progress. Default 40. */
  maxActiveCalls?: number;
  random?: RandomSource;
  caller?: Partial<Omit<CallerTiming, 'timeScale'>>;
  botBehaviour?: Partial<Omit<BotBehaviour, 'timeScale'>>;
  /** Unexpected failures (expected races, such as an offer withdrawn before the bot answers, are not reported). */
  onError?: (error: unknown) => void;
}

export interface DemoTrafficStats extends BotStats {
  running: boolean;
  hotlines: string[];
  bots: string[];
  dialled: number;
  /** Arrivals not dialled because `maxActiveCalls` calls were in progress. */
  skipped: number;
  pendingTimers: number;
  inFlight: number;
}

export interface DemoTraffic {
  /** Cancels every timer, waits for commands in flight, finishes the bots' calls and logs them out. */
  stop(): Promise<void>;
  stats(): DemoTrafficStats;
}

export async function startDemoTraffic(runtime: Pick<Runtime, 'ctx' | 'services'>, options: DemoTrafficOptions = {}): Promise<DemoTraffic> {
  const { ctx, services } = runtime;
  const db = ctx.database.db;
  const onError = options.onError ?? ((error: unknown) => console.error('demo traffic:', error));
  const rng = options.random ?? mathRandom;
  const timeScale = options.timeScale ?? 1;
  const maxActiveCalls = options.maxActiveCalls ?? 40;
  const timing: CallerTiming = { ...DEFAULT_CALLER_TIMING, ...options.caller, timeScale };
  const behaviour: BotBehaviour = { ...DEFAULT_BOT_BEHAVIOUR, ...options.botBehaviour, timeScale };

  const hotlines: DemoHotline[] = [];
  for (const hotline of options.hotlines ?? DEMO_HOTLINES) {
    if (hotline.weight > 0 && (await findHotlineByNumber(db, hotline.number))) hotlines.push(hotline);
  }
  const identities: BotIdentity[] = [];
  for (const username of options.bots ?? DEMO_BOTS) {
    const user = await findUserByUsername(db, username);
    if (user && user.status === 'active') identities.push({ userId: user.id, tenantId: user.homeTenantId, username });
  }

  const scheduler = new Scheduler(onError);
  const bots = new BotAgents(services.contacts, identities, scheduler, rng, behaviour, onError);
  const untap = services.floor.subscribe((_tenantId, message) => {
    try {
      bots.hear(message);
    } catch (error) {
      onError(error);
    }
  });
  const profile = new IntradayProfile(demoDayScenario().expectedCalls, options.callsPerMinute ?? 2, (options.cycleMinutes ?? 60) * 60_000);
  const totalWeight = hotlines.reduce((sum, hotline) => sum + hotline.weight, 0);
  let dialled = 0;
  let skipped = 0;

  const pickHotline = (): DemoHotline | undefined => {
    let u = rng.next() * totalWeight;
    return hotlines.find((hotline) => (u -= hotline.weight) < 0) ?? hotlines[hotlines.length - 1];
  };

  const dialOne = async () => {
    if (services.telephony.activeCalls >= maxActiveCalls) {
      skipped += 1;
      return;
    }
    const hotline = pickHotline();
    if (!hotline) return;
    // Read per call, so an edited flow is followed at once.
    const row = await findHotlineByNumber(db, hotline.number);
    const flow = row && (await findFlowVersion(db, row.id, row.activeVersion));
    if (!flow || scheduler.isStopped) return;
    const plan = planCaller(flow.flow, rng, hotline.menus, timing);
    services.telephony.dial(hotline.number, callerNumber(rng, hotline.knownCallers), {
      digits: plan.digits,
      thinkMs: plan.thinkMs,
      patienceMs: plan.patienceMs,
      talkMs: plan.talkMs,
    });
    dialled += 1;
  };

  const scheduleArrival = () => {
    const now = Date.now();
    const at = profile.nextArrival(rng, now);
    if (at === null) return;
    scheduler.later(at - now, () => {
      void scheduler.run(dialOne);
      scheduleArrival();
    });
  };

  try {
    await bots.start();
  } catch (error) {
    untap();
    await scheduler.stop();
    throw error;
  }
  if (hotlines.length > 0) scheduleArrival();

  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= (async () => {
        untap();
        await scheduler.stop();
        await bots.logOutAll();
      })();
      return stopping;
    },
    stats: () => ({
      running: !scheduler.isStopped,
      hotlines: hotlines.map((hotline) => hotline.number),
      bots: identities.map((identity) => identity.username),
      dialled,
      skipped,
      ...bots.stats,
      pendingTimers: scheduler.pendingTimers,
      inFlight: scheduler.inFlight,
    }),
  };
}
