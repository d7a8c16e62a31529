/**
 * Bot agents for the live demo: real demo users (the extra agents of each demo tenant) whose
 * desktop is a loop in this process. They log in through the contact center like a desktop does,
 * go ready, answer their offers after a short ring, end the call after their own handle time (or
 * when the caller hangs up first), wrap up with a disposition after a few seconds, and now and then
 * take a break. They hear about offers and ends from the floor notifications; a periodic
 * reconciliation with the router's view of each bot catches anything missed (a restart, a message
 * lost to a race) and puts bots back to work after a missed offer or a disconnect.
 *
 * Bots cannot type, so they decline chat offers at once; chats go on to the next agent, and in
 * the end to a person. A supervisor can still steer a bot: a not-ready reason other than break or the system's own
 * (missed, rejected, login, disconnected) is left alone until someone sets the bot ready.
 */
import type { ContactCenter, FloorMessage } from '../../interactions/contact-center.ts';
import { AppError } from '../../platform/errors.ts';
import { lognormal, type RandomSource } from '../../platform/random.ts';
import type { AgentState, WorkPhase } from '../../routing/domain/agent-state.ts';
import type { Scheduler } from './scheduler.ts';

export interface BotIdentity {
  userId: string;
  tenantId: string;
  username: string;
}

export interface BotBehaviour {
  /** Multiplies every duration below. */
  timeScale: number;
  /** Seconds an offer rings before the bot answers, uniform between the two. */
  ringSeconds: [number, number];
  /** The bot's own handle time: it ends the call then if the caller has not already. */
  handle: { meanSeconds: number; sdSeconds: number };
  /** After-call work, uniform between the two (the demo queues allow 60 s). */
  wrapUpSeconds: [number, number];
  /** Chance of a break after a call, and its length. */
  breakProbability: number;
  breakDuration: { meanSeconds: number; sdSeconds: number };
  /** How often each bot's state is checked against the router. */
  reconcileSeconds: number;
}

export const DEFAULT_BOT_BEHAVIOUR: BotBehaviour = {
  timeScale: 1,
  ringSeconds: [1, 4],
  handle: { meanSeconds: 150, sdSeconds: 70 },
  wrapUpSeconds: [3, 10],
  breakProbability: 0.12,
  breakDuration: { meanSeconds: 60, sdSeconds: 30 },
  reconcileSeconds: 5,
};

/** Wrap-up codes the agent desktop offers, with how often bots pick them. */
const DISPOSITIONS: readonly [string, number][] = [
  ['resolved', 0.55],
  ['work_order', 0.25],
  ['info', 0.12],
  ['callback', 0.05],
  ['other', 0.03],
];

/** Reasons a bot is set ready again from: its own break and the ones the system sets. */
const RECOVERABLE = new Set(['break', 'missed', 'rejected', 'login', 'disconnected']);

export interface BotStats {
  accepted: number;
  /** Offers of other channels than voice (chats), declined. */
  declined: number;
  hungUp: number;
  wrappedUp: number;
  breaks: number;
}

interface Work {
  phase: WorkPhase;
  timer: NodeJS.Timeout | null;
}

class Bot {
  readonly work = new Map<string, Work>();
  breakTimer: NodeJS.Timeout | null = null;
  onBreak = false;
  /** Commands sent and not yet answered: reconciliation leaves the bot alone meanwhile. */
  pending = 0;

  constructor(
    readonly identity: BotIdentity,
    /** Some bots are slower than others. */
    readonly pace: number,
  ) {}
}

export class BotAgents {
  private readonly bots = new Map<string, Bot>();
  readonly stats: BotStats = { accepted: 0, declined: 0, hungUp: 0, wrappedUp: 0, breaks: 0 };
  private reconcileTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly contacts: ContactCenter,
    identities: readonly BotIdentity[],
    private readonly scheduler: Scheduler,
    private readonly rng: RandomSource,
    private readonly behaviour: BotBehaviour,
    private readonly onError: (error: unknown) => void,
  ) {
    for (const identity of identities) this.bots.set(identity.userId, new Bot(identity, 0.8 + 0.6 * rng.next()));
  }

  get ids(): string[] {
    return [...this.bots.keys()];
  }

  /** Logs every bot in and makes it ready, then keeps checking on them. */
  async start(): Promise<void> {
    for (const bot of this.bots.values()) await this.reconcile(bot);
    this.scheduleReconcile();
  }

  /** Floor messages about bots (the tap delivers every message of every tenant). */
  hear(message: FloorMessage): void {
    if (!('agentId' in message) || message.agentId === null) return;
    const bot = this.bots.get(message.agentId);
    if (!bot || this.scheduler.isStopped) return;
    switch (message.type) {
      case 'offer':
        this.ringing(bot, message.interactionId, message.ringDeadline);
        return;
      case 'offer_cancelled':
      case 'wrap_up_ended':
        this.forget(bot, message.interactionId);
        return;
      case 'ended':
        this.conversationEnded(bot, message.interactionId);
        return;
      case 'agent_state':
        // Knocked out of ready (a missed offer, a disconnect, a forced logout): look again soon.
        if (message.presence !== 'ready' && !bot.onBreak) this.scheduler.later(this.ms(1), () => void this.reconcile(bot));
        return;
      default:
        return;
    }
  }

  /** Finishes every bot's work (calls end, wrap-ups are filed) and logs the bots out; call after the scheduler stopped. */
  async logOutAll(): Promise<void> {
    for (const bot of this.bots.values()) {
      for (const work of bot.work.values()) this.scheduler.cancel(work.timer);
      bot.work.clear();
      this.scheduler.cancel(bot.breakTimer);
      const { userId, tenantId } = bot.identity;
      if ((this.contacts.agentState(userId)?.presence ?? 'offline') === 'offline') continue;
      // Not ready first, so finishing a wrap-up does not bring a new offer.
      await this.quietly(() => this.contacts.agentCommand(tenantId, userId, { type: 'set_not_ready', reason: 'break' }));
      for (const item of this.contacts.agentState(userId)?.work ?? []) {
        await this.quietly(async () => {
          if (item.phase === 'reserved') return void (await this.contacts.agentCommand(tenantId, userId, { type: 'reject', interactionId: item.interactionId }));
          if (item.phase === 'busy') await this.contacts.hangup(tenantId, userId, item.interactionId);
          await this.contacts.wrapUp(tenantId, userId, item.interactionId, 'other', 'demo traffic stopped');
        });
      }
      await this.quietly(() => this.contacts.agentCommand(tenantId, userId, { type: 'logout' }));
    }
  }

  // ------------------------------------------------------------------ one call's life at a bot

  private ringing(bot: Bot, interactionId: string, ringDeadline: number): void {
    if (bot.work.has(interactionId)) return;
    const [low, high] = this.behaviour.ringSeconds;
    const untilDeadline = ringDeadline - Date.now() - this.ms(0.5);
    const delay = Math.max(0, Math.min(this.ms(low + (high - low) * this.rng.next()), untilDeadline));
    const work: Work = { phase: 'reserved', timer: null };
    bot.work.set(interactionId, work);
    const channel = this.contacts.agentState(bot.identity.userId)?.work.find((item) => item.interactionId === interactionId)?.channel;
    if (channel !== undefined && channel !== 'voice') {
      // Bots cannot type: a chat from the widget is declined at once and goes on to the next agent, and to the person in the end.
      work.timer = this.scheduler.later(this.ms(low), () => {
        work.timer = null;
        this.command(bot, () => this.contacts.agentCommand(bot.identity.tenantId, bot.identity.userId, { type: 'reject', interactionId }), () => (this.stats.declined += 1), () => this.forget(bot, interactionId));
      });
      return;
    }
    work.timer = this.scheduler.later(delay, () => {
      work.timer = null;
      this.command(bot, () => this.contacts.accept(bot.identity.tenantId, bot.identity.userId, interactionId), () => {
        this.stats.accepted += 1;
        if (bot.work.get(interactionId) === work && work.phase === 'reserved') this.talking(bot, interactionId, work);
      }, () => this.forget(bot, interactionId));
    });
  }

  private talking(bot: Bot, interactionId: string, work: Work): void {
    work.phase = 'busy';
    const handleMs = lognormal(this.rng, this.behaviour.handle.meanSeconds, this.behaviour.handle.sdSeconds) * 1000 * this.behaviour.timeScale * bot.pace;
    work.timer = this.scheduler.later(handleMs, () => {
      work.timer = null;
      // The bot ends the call; the floor's `ended` message starts its wrap-up.
      this.command(bot, () => this.contacts.hangup(bot.identity.tenantId, bot.identity.userId, interactionId), () => (this.stats.hungUp += 1));
    });
  }

  private conversationEnded(bot: Bot, interactionId: string): void {
    let work = bot.work.get(interactionId);
    if (work?.phase === 'wrap_up') return;
    this.scheduler.cancel(work?.timer);
    work = { phase: 'wrap_up', timer: null };
    bot.work.set(interactionId, work);
    // Asking for a break during wrap-up means no new offer slips in between the wrap-up and the break.
    const takeBreak = !bot.onBreak && this.rng.next() < this.behaviour.breakProbability;
    if (takeBreak) {
      bot.onBreak = true;
      this.stats.breaks += 1;
      this.command(bot, () => this.contacts.agentCommand(bot.identity.tenantId, bot.identity.userId, { type: 'set_not_ready', reason: 'break' }), () => this.endBreakLater(bot));
    }
    const [low, high] = this.behaviour.wrapUpSeconds;
    const current = work;
    work.timer = this.scheduler.later(this.ms(low + (high - low) * this.rng.next()), () => {
      current.timer = null;
      this.command(bot, () => this.contacts.wrapUp(bot.identity.tenantId, bot.identity.userId, interactionId, this.disposition(), null), () => {
        this.stats.wrappedUp += 1;
        this.forget(bot, interactionId);
      }, () => this.forget(bot, interactionId));
    });
  }

  private endBreakLater(bot: Bot): void {
    const { meanSeconds, sdSeconds } = this.behaviour.breakDuration;
    this.scheduler.cancel(bot.breakTimer);
    bot.breakTimer = this.scheduler.later(lognormal(this.rng, meanSeconds, sdSeconds) * 1000 * this.behaviour.timeScale, () => {
      bot.breakTimer = null;
      bot.onBreak = false;
      void this.reconcile(bot);
    });
  }

  private forget(bot: Bot, interactionId: string): void {
    const work = bot.work.get(interactionId);
    if (!work) return;
    this.scheduler.cancel(work.timer);
    bot.work.delete(interactionId);
  }

  // ------------------------------------------------------------------ keeping bots on the floor

  private scheduleReconcile(): void {
    this.reconcileTimer = this.scheduler.later(this.ms(this.behaviour.reconcileSeconds), () => {
      this.reconcileTimer = null;
      void this.scheduler.run(async () => {
        for (const bot of this.bots.values()) await this.reconcile(bot);
      }).finally(() => this.scheduleReconcile());
    });
  }

  /** Brings a bot's plans in line with the router's view of it: logged in, ready unless resting, acting on every work item. */
  private async reconcile(bot: Bot): Promise<void> {
    if (this.scheduler.isStopped || bot.pending > 0) return;
    const { userId, tenantId } = bot.identity;
    let state: AgentState | undefined = this.contacts.agentState(userId);
    if (!state || state.presence === 'offline' || !state.connected) {
      state = await this.send(bot, () => this.contacts.agentConnected(tenantId, userId));
      if (!state) return;
    }
    if (state.presence === 'not_ready' && !bot.onBreak && RECOVERABLE.has(state.reason ?? '')) {
      state = await this.send(bot, () => this.contacts.agentCommand(tenantId, userId, { type: 'set_ready' }));
      if (!state) return;
    }
    if (this.scheduler.isStopped) return;
    const held = new Set(state.work.map((item) => item.interactionId));
    for (const interactionId of [...bot.work.keys()]) if (!held.has(interactionId)) this.forget(bot, interactionId);
    for (const item of state.work) {
      const work = bot.work.get(item.interactionId);
      if (work && (work.phase === item.phase || work.timer === null)) continue;
      this.forget(bot, item.interactionId);
      if (item.phase === 'reserved') this.ringing(bot, item.interactionId, item.deadline ?? Date.now());
      else if (item.phase === 'busy') this.talking(bot, item.interactionId, this.track(bot, item.interactionId, 'busy'));
      else this.conversationEnded(bot, item.interactionId);
    }
  }

  private track(bot: Bot, interactionId: string, phase: WorkPhase): Work {
    const work: Work = { phase, timer: null };
    bot.work.set(interactionId, work);
    return work;
  }

  // ------------------------------------------------------------------ commands

  /** Sends a command as the bot's desktop would; refusals the floor can produce in a race (gone, not yours any more) are expected. */
  private command<T>(bot: Bot, operation: () => Promise<T>, done?: (value: T) => void, refused?: () => void): void {
    bot.pending += 1;
    void this.scheduler.run(async () => {
      try {
        const value = await operation();
        done?.(value);
      } catch (error) {
        refused?.();
        if (!expectedRefusal(error)) throw error;
      } finally {
        bot.pending -= 1;
      }
    });
  }

  private async send<T>(bot: Bot, operation: () => Promise<T>): Promise<T | undefined> {
    bot.pending += 1;
    try {
      return await operation();
    } catch (error) {
      if (!expectedRefusal(error)) this.onError(error);
      return undefined;
    } finally {
      bot.pending -= 1;
    }
  }

  private async quietly(operation: () => Promise<unknown>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      if (!expectedRefusal(error)) this.onError(error);
    }
  }

  private disposition(): string {
    let u = this.rng.next();
    for (const [code, weight] of DISPOSITIONS) if ((u -= weight) < 0) return code;
    return DISPOSITIONS[0]![0];
  }

  private ms(seconds: number): number {
    return seconds * 1000 * this.behaviour.timeScale;
  }
}

/** The floor moved on before the command arrived: the offer was withdrawn, the call already ended … */
function expectedRefusal(error: unknown): boolean {
  return error instanceof AppError && (error.status === 404 || error.status === 409);
}
