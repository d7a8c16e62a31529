/**
 * A discrete-event simulation of a contact-center day in virtual time, driving the real router.
 *
 * Callers arrive by a Poisson process whose rate is constant within each interval, walk the IVR by
 * its branch probabilities, wait in queue until answered or until their patience runs out, talk for
 * a sampled handle time and leave the bot agent a sampled wrap-up. Bots log in and out at interval
 * starts to follow each group's staffing vector. Everything random comes from the seed, so a seed
 * reproduces a run exactly.
 *
 * Caller attributes (VIP, IVR path, patience, handle and wrap-up time) are drawn from their own
 * stream in arrival order, and arrivals from another, so a what-if run with a different staffing
 * plan meets exactly the same callers (common random numbers): differences in the results come
 * from the plan, not from noise.
 */
import { ManualClock } from '../../platform/clock.ts';
import { poisson, seededRandom, type RandomSource } from '../../platform/random.ts';
import type { AgentStatus, Channel, NotReadyReason, Presence } from '../../routing/domain/agent-state.ts';
import { Router, type RoutingDecision, type RoutingResult } from '../../routing/domain/router.ts';
import { EventCalendar } from './event-calendar.ts';
import { routingQueues, sampleSeconds, type Scenario, type SimulatedQueue } from './scenario.ts';

export type CallOutcome = 'answered' | 'abandoned_in_queue' | 'abandoned_in_ivr' | 'self_service' | 'callback' | 'voicemail' | 'unanswered';

/** One call's lifecycle; times are epoch milliseconds in virtual time, null when the step did not happen. */
export interface InteractionRecord {
  id: string;
  channel: Channel;
  direction: 'inbound';
  priority: number;
  /** IVR nodes walked, from the start node to the node that ended the IVR. */
  ivrPath: string[];
  /** The queue the IVR sent the call to: its service-level target and statistics count the call. */
  firstQueue: string | null;
  /** The queue it was last in (differs after overflow). */
  queue: string | null;
  agent: string | null;
  arrivedAt: number;
  ivrExitedAt: number | null;
  /** Null when a full queue turned the call away before it could wait. */
  queuedAt: number | null;
  /** The last offer, i.e. the one answered when the call was answered. */
  offeredAt: number | null;
  answeredAt: number | null;
  /** End of the call: after the conversation, on abandon, in the IVR, or at a queue limit. */
  endedAt: number | null;
  wrapUpEndedAt: number | null;
  abandonedAt: number | null;
  offers: number;
  outcome: CallOutcome;
}

export interface AgentStateRecord {
  agentId: string;
  at: number;
  status: AgentStatus;
  presence: Presence;
  reason: NotReadyReason | null;
}

export interface CallStats {
  /** Calls the IVR sent to a queue, counted in the interval they left the IVR (a full queue's refusals included). */
  offered: number;
  answered: number;
  answeredWithinTarget: number;
  abandoned: number;
  /** Sent to callback or voicemail by a queue limit. */
  limitReached: number;
  /** Still waiting when the simulation ran out of events (nobody staffed, no patience set). */
  unanswered: number;
  /** answeredWithinTarget ÷ offered: abandons, limits and unanswered calls count against it. */
  serviceLevel: number | null;
  asaSeconds: number | null;
  /** Talk plus wrap-up of answered calls. */
  averageHandleSeconds: number | null;
  abandonRate: number | null;
}

export interface IntervalStats extends CallStats {
  start: number;
  arrived: number;
  /** Calls that ended in the IVR: self-service or hung up there. */
  handledInIvr: number;
  /** Bots the staffing vectors asked for. */
  staffedBots: number;
  /** Bot time working (ringing, talking, wrap-up) ÷ time ready or working. */
  occupancy: number | null;
}

export interface SimulationResult {
  scenario: string;
  seed: number;
  startAt: number;
  intervalMinutes: number;
  totals: Omit<IntervalStats, 'start' | 'staffedBots'>;
  intervals: IntervalStats[];
  queues: Record<string, { totals: CallStats; intervals: CallStats[] }>;
  interactions: InteractionRecord[];
  agentStates: AgentStateRecord[];
}

export interface SimulationOptions {
  seed: number;
  /** Prefix of the generated interaction ids. Default `sim-<seed>-`. */
  idPrefix?: string;
}

type CallStatus = 'ivr' | 'waiting' | 'talking' | 'wrap_up' | 'done';

interface Call {
  record: InteractionRecord;
  status: CallStatus;
  patienceMs: number | null;
  handleMs: number;
  wrapUpMs: number;
}

interface Bot {
  id: string;
  /** Offers ringing at this bot, which it will answer unless they are withdrawn first. */
  ringing: Set<string>;
}

const ARRIVAL_STREAM = 1;
const CALLER_STREAM = 2;

export function runSimulation(scenario: Scenario, options: SimulationOptions): SimulationResult {
  return new Simulation(scenario, options).run();
}

class Simulation {
  private readonly start: number;
  private readonly intervalMs: number;
  private readonly intervalCount: number;
  private readonly clock: ManualClock;
  private readonly calendar: EventCalendar;
  private readonly router: Router;
  private readonly arrivalRng: RandomSource;
  private readonly callerRng: RandomSource;
  private readonly queues: Map<string, SimulatedQueue>;
  private readonly teams: Bot[][];
  private readonly bots = new Map<string, Bot>();
  private readonly calls = new Map<string, Call>();
  private readonly agentStates: AgentStateRecord[] = [];
  private readonly occupancy: Occupancy;
  private readonly idPrefix: string;
  private wakeAt: number | null = null;

  constructor(
    private readonly scenario: Scenario,
    private readonly options: SimulationOptions,
  ) {
    this.start = Date.parse(scenario.startAt);
    this.intervalMs = scenario.intervalMinutes * 60_000;
    this.intervalCount = scenario.expectedCalls.length;
    this.clock = new ManualClock(this.start);
    this.calendar = new EventCalendar(this.clock);
    this.router = new Router({ clock: this.clock });
    this.arrivalRng = seededRandom(streamSeed(options.seed, ARRIVAL_STREAM));
    this.callerRng = seededRandom(streamSeed(options.seed, CALLER_STREAM));
    this.queues = new Map(scenario.queues.map((queue) => [queue.id, queue]));
    this.occupancy = new Occupancy(this.start, this.intervalMs, this.intervalCount);
    this.idPrefix = options.idPrefix ?? `sim-${options.seed}-`;

    this.apply(this.router.setQueues(routingQueues(scenario)));
    this.teams = scenario.agentGroups.map((group) => {
      const size = Math.max(0, ...group.staffing);
      return Array.from({ length: size }, (_, index) => {
        const bot: Bot = { id: `${group.id}-${String(index + 1).padStart(2, '0')}`, ringing: new Set() };
        this.bots.set(bot.id, bot);
        this.apply(this.router.upsertAgent({ id: bot.id, tenantId: scenario.tenantId, skills: group.skills, capacity: group.capacity }));
        return bot;
      });
    });
  }

  run(): SimulationResult {
    for (let interval = 0; interval < this.intervalCount; interval++) {
      this.calendar.schedule(this.start + interval * this.intervalMs, () => this.act(() => this.startInterval(interval)));
    }
    this.calendar.run();
    for (const call of this.calls.values()) {
      if (call.status === 'waiting') call.record.outcome = 'unanswered';
    }
    this.occupancy.close(this.start + this.intervalCount * this.intervalMs);
    return this.result();
  }

  // ---------------------------------------------------------------- events

  /** Every event first lets the router catch up with its own timers, then keeps a wake-up booked for the next one. */
  private act(body: () => void): void {
    this.apply(this.router.advance());
    body();
    const next = this.router.nextTimerAt();
    if (next !== null && (this.wakeAt === null || next < this.wakeAt)) {
      this.wakeAt = next;
      this.calendar.schedule(next, () => {
        this.wakeAt = null;
        this.act(() => undefined);
      });
    }
  }

  private startInterval(interval: number): void {
    this.scenario.agentGroups.forEach((group, index) => this.staff(this.teams[index] as Bot[], group.staffing[interval] ?? 0));
    const intervalStart = this.clock.now();
    const count = poisson(this.arrivalRng, this.scenario.expectedCalls[interval] ?? 0);
    const times = Array.from({ length: count }, () => intervalStart + Math.floor(this.arrivalRng.next() * this.intervalMs)).sort((a, b) => a - b);
    for (const at of times) this.calendar.schedule(at, () => this.act(() => this.arrive()));
  }

  /** Logs bots in or out to reach the target; those leaving are idle ones first, and busy ones finish their work. */
  private staff(team: readonly Bot[], target: number): void {
    const loggedIn = team.filter((bot) => this.router.agentState(bot.id)?.presence !== 'offline');
    if (loggedIn.length < target) {
      const joining = team.filter((bot) => this.router.agentState(bot.id)?.presence === 'offline').slice(0, target - loggedIn.length);
      for (const bot of joining) {
        this.apply(this.router.agentEvent(bot.id, { type: 'login' }));
        this.apply(this.router.agentEvent(bot.id, { type: 'set_ready' }));
      }
      return;
    }
    const leaving = [...loggedIn]
      .reverse()
      .sort((a, b) => leaveOrder(this.router.agentState(a.id)?.status) - leaveOrder(this.router.agentState(b.id)?.status))
      .slice(0, loggedIn.length - target);
    for (const bot of leaving) {
      const idle = this.router.agentState(bot.id)?.status === 'ready';
      this.apply(this.router.agentEvent(bot.id, idle ? { type: 'logout' } : { type: 'supervisor_force', target: { presence: 'offline' } }));
    }
  }

  private arrive(): void {
    const rng = this.callerRng;
    const vip = rng.next() < this.scenario.vip.share;
    const path: string[] = [];
    let ivrSeconds = 0;
    let name = this.scenario.ivr.start;
    let node = this.scenario.ivr.nodes[name];
    while (node?.type === 'menu') {
      path.push(name);
      ivrSeconds += node.seconds;
      name = chooseBranch(node.options, rng.next());
      node = this.scenario.ivr.nodes[name];
    }
    path.push(name);
    const queue = node?.type === 'queue' ? (this.queues.get(node.queueId) as SimulatedQueue) : null;
    const call: Call = {
      record: {
        id: `${this.idPrefix}${String(this.calls.size + 1).padStart(6, '0')}`,
        channel: queue?.channel ?? 'voice',
        direction: 'inbound',
        priority: vip ? this.scenario.vip.priority : 0,
        ivrPath: path,
        firstQueue: null,
        queue: null,
        agent: null,
        arrivedAt: this.clock.now(),
        ivrExitedAt: null,
        queuedAt: null,
        offeredAt: null,
        answeredAt: null,
        endedAt: null,
        wrapUpEndedAt: null,
        abandonedAt: null,
        offers: 0,
        outcome: 'unanswered',
      },
      status: 'ivr',
      patienceMs: queue?.patience ? toMs(sampleSeconds(rng, queue.patience)) : null,
      handleMs: queue ? toMs(sampleSeconds(rng, queue.handleTime)) : 0,
      wrapUpMs: queue ? toMs(sampleSeconds(rng, queue.wrapUp)) : 0,
    };
    this.calls.set(call.record.id, call);
    const leaveIvrAt = this.clock.now() + toMs(ivrSeconds);
    this.calendar.schedule(leaveIvrAt, () =>
      this.act(() => {
        call.record.ivrExitedAt = this.clock.now();
        if (queue) this.enqueue(call, queue);
        else this.endInIvr(call, node?.type === 'hang_up' ? node.outcome : 'abandoned');
      }),
    );
  }

  private endInIvr(call: Call, outcome: 'self_service' | 'abandoned'): void {
    const now = this.clock.now();
    call.status = 'done';
    call.record.endedAt = now;
    call.record.outcome = outcome === 'self_service' ? 'self_service' : 'abandoned_in_ivr';
    if (outcome === 'abandoned') call.record.abandonedAt = now;
  }

  private enqueue(call: Call, queue: SimulatedQueue): void {
    call.status = 'waiting';
    call.record.firstQueue = queue.id;
    call.record.queue = queue.id;
    this.apply(this.router.enqueue({ interactionId: call.record.id, queueId: queue.id, priority: call.record.priority }));
    if (call.patienceMs !== null && call.status === 'waiting') {
      this.calendar.schedule(this.clock.now() + call.patienceMs, () => this.act(() => this.abandon(call)));
    }
  }

  private abandon(call: Call): void {
    if (call.status !== 'waiting') return;
    this.apply(this.router.abandon(call.record.id));
    const now = this.clock.now();
    call.status = 'done';
    call.record.abandonedAt = now;
    call.record.endedAt = now;
    call.record.outcome = 'abandoned_in_queue';
  }

  private answer(bot: Bot, call: Call): void {
    if (!bot.ringing.delete(call.record.id)) return;
    this.apply(this.router.agentEvent(bot.id, { type: 'accept', interactionId: call.record.id }));
    call.status = 'talking';
    call.record.answeredAt = this.clock.now();
    call.record.agent = bot.id;
    call.record.outcome = 'answered';
    this.calendar.schedule(this.clock.now() + call.handleMs, () => this.act(() => this.hangUp(bot, call)));
  }

  private hangUp(bot: Bot, call: Call): void {
    call.status = 'wrap_up';
    call.record.endedAt = this.clock.now();
    this.apply(this.router.agentEvent(bot.id, { type: 'interaction_ended', interactionId: call.record.id }));
    const maxWrapUpSeconds = this.queues.get(call.record.queue as string)?.maxWrapUpSeconds ?? 0;
    // A wrap-up longer than the queue allows is ended by the router's own timer.
    if (call.status === 'wrap_up' && call.wrapUpMs < maxWrapUpSeconds * 1000) {
      this.calendar.schedule(this.clock.now() + call.wrapUpMs, () =>
        this.act(() => {
          if (call.status === 'wrap_up') this.apply(this.router.agentEvent(bot.id, { type: 'wrap_up_done', interactionId: call.record.id }));
        }),
      );
    }
  }

  /** Records what the router decided and lets bots react to their offers. */
  private apply(result: RoutingResult): void {
    if (result.error) throw new Error(`simulation asked the router for something it refused: ${result.error.code} ${result.error.message}`);
    for (const decision of result.decisions) this.record(decision);
  }

  private record(decision: RoutingDecision): void {
    if (decision.type === 'agent_state') {
      const { type: _type, ...entry } = decision;
      this.agentStates.push(entry);
      this.occupancy.change(decision.agentId, decision.status, decision.at);
      return;
    }
    const call = this.calls.get(decision.interactionId) as Call;
    const record = call.record;
    switch (decision.type) {
      case 'queued':
        record.queuedAt ??= decision.at;
        record.queue = decision.queueId;
        return;
      case 'offer': {
        record.offeredAt = decision.at;
        record.offers += 1;
        record.queue = decision.queueId;
        const bot = this.bots.get(decision.agentId) as Bot;
        bot.ringing.add(record.id);
        this.calendar.schedule(decision.at + toMs(this.scenario.botAnswerSeconds), () => this.act(() => this.answer(bot, call)));
        return;
      }
      case 'offer_cancelled':
        this.bots.get(decision.agentId)?.ringing.delete(decision.interactionId);
        return;
      case 'limit_reached':
        call.status = 'done';
        record.endedAt = decision.at;
        record.outcome = decision.action;
        return;
      case 'wrap_up_ended':
        call.status = 'done';
        record.wrapUpEndedAt = decision.at;
        return;
      case 'widened':
        return;
    }
  }

  // ---------------------------------------------------------------- results

  private result(): SimulationResult {
    const records = [...this.calls.values()].map((call) => call.record);
    const bucket = (at: number) => Math.min(this.intervalCount - 1, Math.max(0, Math.floor((at - this.start) / this.intervalMs)));
    const targetMs = (queueId: string) => (this.queues.get(queueId)?.serviceLevel.seconds ?? 0) * 1000;

    const intervalTallies = Array.from({ length: this.intervalCount }, () => new Tally());
    const total = new Tally();
    const queueTallies = new Map(this.scenario.queues.map((queue) => [queue.id, { total: new Tally(), intervals: Array.from({ length: this.intervalCount }, () => new Tally()) }]));
    for (const record of records) {
      const arrival = bucket(record.arrivedAt);
      (intervalTallies[arrival] as Tally).arrive(record);
      total.arrive(record);
      if (record.firstQueue === null || record.ivrExitedAt === null) continue;
      const queued = bucket(record.ivrExitedAt);
      const target = targetMs(record.firstQueue);
      const perQueue = queueTallies.get(record.firstQueue);
      for (const tally of [intervalTallies[queued], total, perQueue?.total, perQueue?.intervals[queued]]) tally?.offer(record, target);
    }

    const staffing = (interval: number) => this.scenario.agentGroups.reduce((sum, group) => sum + (group.staffing[interval] ?? 0), 0);
    return {
      scenario: this.scenario.name,
      seed: this.options.seed,
      startAt: this.start,
      intervalMinutes: this.scenario.intervalMinutes,
      totals: { ...total.stats(), arrived: total.arrived, handledInIvr: total.handledInIvr, occupancy: this.occupancy.overall() },
      intervals: intervalTallies.map((tally, interval) => ({
        start: this.start + interval * this.intervalMs,
        ...tally.stats(),
        arrived: tally.arrived,
        handledInIvr: tally.handledInIvr,
        staffedBots: staffing(interval),
        occupancy: this.occupancy.of(interval),
      })),
      queues: Object.fromEntries([...queueTallies].map(([queueId, tallies]) => [queueId, { totals: tallies.total.stats(), intervals: tallies.intervals.map((tally) => tally.stats()) }])),
      interactions: records,
      agentStates: this.agentStates,
    };
  }
}

/** The option a caller picks for a uniform draw in [0, 1), by cumulative probability. */
function chooseBranch(options: readonly { probability: number; next: string }[], draw: number): string {
  let cumulative = 0;
  for (const option of options) {
    cumulative += option.probability;
    if (draw < cumulative) return option.next;
  }
  // Probabilities sum to 1 only up to rounding; a draw beyond the sum takes the last option.
  return (options[options.length - 1] as { next: string }).next;
}

/** Idle bots leave first, then those in wrap-up, on a call, and last those being offered a call. */
function leaveOrder(status: AgentStatus | undefined): number {
  return ['ready', 'not_ready', 'wrap_up', 'busy', 'reserved'].indexOf(status ?? 'ready');
}

/** Virtual time runs in whole milliseconds, so every recorded timestamp is an exact instant. */
function toMs(seconds: number): number {
  return Math.round(seconds * 1000);
}

/** Independent streams from one seed: a 32-bit mix, so neighbouring seeds and streams start far apart. */
function streamSeed(seed: number, stream: number): number {
  let value = (seed ^ Math.imul(stream, 0x9e3779b9)) >>> 0;
  value = Math.imul(value ^ (value >>> 16), 0x85ebca6b);
  value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35);
  return (value ^ (value >>> 16)) >>> 0;
}

class Tally {
  arrived = 0;
  handledInIvr = 0;
  private offered = 0;
  private answered = 0;
  private answeredWithinTarget = 0;
  private abandoned = 0;
  private limitReached = 0;
  private unanswered = 0;
  private waitMs = 0;
  private handleMs = 0;

  arrive(record: InteractionRecord): void {
    this.arrived += 1;
    if (record.outcome === 'self_service' || record.outcome === 'abandoned_in_ivr') this.handledInIvr += 1;
  }

  offer(record: InteractionRecord, targetMs: number): void {
    this.offered += 1;
    switch (record.outcome) {
      case 'answered': {
        const waitMs = (record.answeredAt as number) - (record.queuedAt as number);
        this.answered += 1;
        this.waitMs += waitMs;
        this.handleMs += (record.wrapUpEndedAt ?? record.endedAt ?? (record.answeredAt as number)) - (record.answeredAt as number);
        if (waitMs <= targetMs) this.answeredWithinTarget += 1;
        return;
      }
      case 'abandoned_in_queue':
        this.abandoned += 1;
        return;
      case 'callback':
      case 'voicemail':
        this.limitReached += 1;
        return;
      default:
        this.unanswered += 1;
    }
  }

  stats(): CallStats {
    const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
    return {
      offered: this.offered,
      answered: this.answered,
      answeredWithinTarget: this.answeredWithinTarget,
      abandoned: this.abandoned,
      limitReached: this.limitReached,
      unanswered: this.unanswered,
      serviceLevel: ratio(this.answeredWithinTarget, this.offered),
      asaSeconds: this.answered === 0 ? null : this.waitMs / this.answered / 1000,
      averageHandleSeconds: this.answered === 0 ? null : this.handleMs / this.answered / 1000,
      abandonRate: ratio(this.abandoned, this.offered),
    };
  }
}

/** Bot time per interval spent working versus ready or working, from the stream of agent state changes. */
class Occupancy {
  private readonly workingMs: number[];
  private readonly staffedMs: number[];
  private readonly current = new Map<string, { status: AgentStatus; since: number }>();

  constructor(
    private readonly start: number,
    private readonly intervalMs: number,
    intervals: number,
  ) {
    this.workingMs = new Array<number>(intervals).fill(0);
    this.staffedMs = new Array<number>(intervals).fill(0);
  }

  change(agentId: string, status: AgentStatus, at: number): void {
    const previous = this.current.get(agentId);
    if (previous) this.add(previous.status, previous.since, at);
    this.current.set(agentId, { status, since: at });
  }

  close(end: number): void {
    for (const [agentId, { status, since }] of this.current) {
      this.add(status, since, end);
      this.current.set(agentId, { status, since: end });
    }
  }

  of(interval: number): number | null {
    const staffed = this.staffedMs[interval] ?? 0;
    return staffed === 0 ? null : (this.workingMs[interval] ?? 0) / staffed;
  }

  overall(): number | null {
    const staffed = this.staffedMs.reduce((sum, ms) => sum + ms, 0);
    return staffed === 0 ? null : this.workingMs.reduce((sum, ms) => sum + ms, 0) / staffed;
  }

  private add(status: AgentStatus, from: number, to: number): void {
    const working = status === 'reserved' || status === 'busy' || status === 'wrap_up';
    if (!working && status !== 'ready') return;
    for (let interval = Math.max(0, Math.floor((from - this.start) / this.intervalMs)); interval < this.staffedMs.length; interval++) {
      const intervalStart = this.start + interval * this.intervalMs;
      if (intervalStart >= to) break;
      const overlap = Math.min(to, intervalStart + this.intervalMs) - Math.max(from, intervalStart);
      if (overlap <= 0) continue;
      this.staffedMs[interval] = (this.staffedMs[interval] ?? 0) + overlap;
      if (working) this.workingMs[interval] = (this.workingMs[interval] ?? 0) + overlap;
    }
  }
}
