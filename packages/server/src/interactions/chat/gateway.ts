/**
 * The customer side of web chat: one `ChatSession` per widget socket, and the gateway that keeps
 * them, applies the per-address limits, and forwards what the contact center publishes (an agent
 * joined, an agent's message, the end, the place in line) to the right customer.
 *
 * A session moves opening → idle (tenant known, waiting for the pre-chat form) → starting →
 * queued ⇄ connected → ended. Everything a session does (inbound frames and forwarded floor news)
 * runs one at a time through its own promise chain, so the customer sees events in order: `queued`
 * before `agent_joined`, `agent_joined` before the agent's first message.
 */
import { randomUUID } from 'node:crypto';
import { type ErrorCode, type Locale, errorMessage } from '@seatline/shared';
import type { WebSocket } from 'ws';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { ContactCenter, FloorMessage } from '../contact-center.ts';
import type { FloorHub } from '../floor-hub.ts';
import { findInteraction } from '../repository.ts';
import { FloorTap } from './floor-tap.ts';
import { type ChatLimits, CLOSE, type CustomerFrame, customerFrame, type EndedBy, type ServerFrame } from './protocol.ts';
import { type ChatEntry, agentDisplayName, insertSystemMessage, resolveChatEntry } from './repository.ts';
import { SlidingWindow } from './rate-limit.ts';
import { charCount, normalizePhone, sanitizeName, sanitizeText } from './sanitize.ts';

type State = 'opening' | 'idle' | 'starting' | 'queued' | 'connected' | 'ended';

export interface ConnectInfo {
  ip: string;
  tenant: string;
  queue?: string;
  locale: Locale;
}

/** Thrown inside a session's handlers: answered to the customer as `{type:'error', code}`. */
class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly id?: string,
  ) {
    super(code);
  }
}

export class ChatGateway {
  readonly tap: FloorTap;
  private readonly sessions = new Set<ChatSession>();
  private readonly byInteraction = new Map<string, ChatSession>();
  private readonly byTenant = new Map<string, { sessions: Set<ChatSession>; unsubscribe: () => void }>();
  private readonly starts: SlidingWindow;
  private readonly socketsByIp = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;
  /** Customers' leavings still being recorded: shutdown waits for them before the database closes. */
  private readonly leavings = new Set<Promise<void>>();
  private closing = false;

  constructor(
    readonly ctx: AppContext,
    readonly contacts: ContactCenter,
    private readonly floor: Pick<FloorHub, 'subscribe' | 'publish'>,
    readonly limits: ChatLimits,
  ) {
    this.tap = new FloorTap(floor);
    this.starts = new SlidingWindow(limits.startsPerIp, limits.startWindowMs);
    this.sweeper = setInterval(() => this.starts.sweep(this.now()), 60_000);
    this.sweeper.unref();
  }

  now(): number {
    return this.ctx.clock.now();
  }

  floorPublish(tenantId: string, message: FloorMessage): void {
    this.floor.publish(tenantId, message);
  }

  /** A widget connected; the session answers `hello` once its tenant is known. */
  connect(socket: WebSocket, info: ConnectInfo): void {
    const open = this.socketsByIp.get(info.ip) ?? 0;
    if (this.closing || open >= this.limits.socketsPerIp) {
      const code: ErrorCode = this.closing ? 'chat.unavailable' : 'chat.too_many_chats';
      socket.send(JSON.stringify({ type: 'error', code, message: errorMessage(code, info.locale) } satisfies ServerFrame));
      socket.close(this.closing ? CLOSE.goingAway : CLOSE.policy, code);
      return;
    }
    this.socketsByIp.set(info.ip, open + 1);
    const session = new ChatSession(this, socket, info);
    this.sessions.add(session);
    socket.once('close', () => {
      const left = (this.socketsByIp.get(info.ip) ?? 1) - 1;
      if (left > 0) this.socketsByIp.set(info.ip, left);
      else this.socketsByIp.delete(info.ip);
      this.sessions.delete(session);
    });
  }

  /** Counts a new chat from an address; false when the address has started too many lately. */
  allowStart(ip: string): boolean {
    return this.starts.tryHit(ip, this.now());
  }

  /** Routes the interaction's floor news to the session, from before it arrives (offers can come at once). */
  track(session: ChatSession, tenantId: string, interactionId: string): void {
    this.byInteraction.set(interactionId, session);
    let tenant = this.byTenant.get(tenantId);
    if (!tenant) {
      const sessions = new Set<ChatSession>();
      const unsubscribe = this.tap.subscribe(tenantId, (message) => this.dispatch(sessions, message));
      tenant = { sessions, unsubscribe };
      this.byTenant.set(tenantId, tenant);
    }
    tenant.sessions.add(session);
  }

  untrack(session: ChatSession, tenantId: string, interactionId: string): void {
    if (this.byInteraction.get(interactionId) === session) this.byInteraction.delete(interactionId);
    const tenant = this.byTenant.get(tenantId);
    if (!tenant) return;
    tenant.sessions.delete(session);
    if (tenant.sessions.size === 0) {
      tenant.unsubscribe();
      this.byTenant.delete(tenantId);
    }
  }

  private dispatch(sessions: Set<ChatSession>, message: FloorMessage): void {
    if (message.type === 'agent_state' || message.type === 'wrap_up_ended') return;
    if (message.type !== 'queue_changed') this.byInteraction.get(message.interactionId)?.floorNews(message);
    // Lines move when a contact joins or leaves them, is offered, or comes back from an agent.
    if (message.type === 'queue_changed' || message.type === 'offer' || message.type === 'offer_cancelled' || message.type === 'ended') {
      for (const session of sessions) session.queueChanged();
    }
  }

  /** Records that a customer left (see ContactCenter.customerLeft); never rejects. */
  customerLeft(tenantId: string, interactionId: string): Promise<void> {
    const leaving = this.contacts.customerLeft(tenantId, interactionId).catch((error: unknown) => console.error('chat: recording the customer leaving failed', error));
    this.leavings.add(leaving);
    void leaving.finally(() => this.leavings.delete(leaving));
    return leaving;
  }

  /** Live sessions (for tests and metrics). */
  get size(): number {
    return this.sessions.size;
  }

  /**
   * Server shutdown: there is no way back into a chat on a new socket yet, so the customers still
   * waiting or talking leave now (recorded like any leaving) rather than wait forever after a restart.
   */
  async close(): Promise<void> {
    this.closing = true;
    clearInterval(this.sweeper);
    await Promise.all([...this.sessions].map((s) => s.shutdown()));
    await Promise.all([...this.leavings]);
  }
}

class ChatSession {
  private state: State = 'opening';
  private chain: Promise<void> = Promise.resolve();
  private entry: ChatEntry | null = null;
  private interactionId: string | null = null;
  private locale: Locale;
  /** The agent ringing with this chat right now, if any (so a missing place in line is not mistaken for an end). */
  private offeredTo: string | null = null;
  private lastPlace = '';
  private closed = false;
  private leaving: Promise<void> | null = null;
  private readonly frames: SlidingWindow;
  private readonly messages: SlidingWindow;
  private startTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly gateway: ChatGateway,
    private readonly socket: WebSocket,
    private readonly info: ConnectInfo,
  ) {
    this.locale = info.locale;
    const { limits } = gateway;
    this.frames = new SlidingWindow(limits.framesPerWindow, limits.frameWindowMs);
    this.messages = new SlidingWindow(limits.messagesPerWindow, limits.messageWindowMs);
    // Listeners first, before anything is awaited, so no early frame is missed.
    socket.on('message', (data, isBinary) => this.received(data, isBinary));
    socket.once('close', () => this.socketClosed());
    this.run(() => this.open());
  }

  // ---------------------------------------------------------------- inbound

  private received(data: unknown, isBinary: boolean): void {
    if (this.closed) return;
    if (!this.frames.tryHit('frames', this.gateway.now())) {
      // Flooding: answer once and hang up (leaving the queue, as any closed socket does).
      this.send({ type: 'error', code: 'chat.rate_limited', message: errorMessage('chat.rate_limited', this.locale) });
      this.socket.close(CLOSE.policy, 'chat.rate_limited');
      return;
    }
    const text = isBinary ? null : String(data);
    this.run(() => this.handle(text));
  }

  private async handle(raw: string | null): Promise<void> {
    if (this.state === 'ended' || this.closed) return;
    let json: unknown = undefined;
    try {
      json = raw === null ? undefined : JSON.parse(raw);
    } catch {
      // not JSON
    }
    const parsed = customerFrame.safeParse(json);
    if (!parsed.success) throw new Refusal('chat.invalid_message', clientId(json));
    const frame = parsed.data;
    switch (frame.type) {
      case 'start':
        return this.start(frame);
      case 'message':
        return this.message(frame);
      case 'language':
        this.locale = frame.language;
        return;
      case 'leave':
        return this.leave();
    }
  }

  private async open(): Promise<void> {
    const entry = await resolveChatEntry(this.gateway.ctx.database.db, this.info.tenant, this.info.queue);
    if (this.closed) return;
    if (entry === 'unknown' || entry === 'unavailable') {
      const code = entry === 'unknown' ? 'chat.tenant_unknown' : 'chat.unavailable';
      this.state = 'ended';
      this.send({ type: 'error', code, message: errorMessage(code, this.locale) });
      this.socket.close(CLOSE.policy, code);
      return;
    }
    this.entry = entry;
    this.state = 'idle';
    this.send({ type: 'hello', tenant: entry.tenantName, language: this.locale });
    this.startTimer = setTimeout(() => this.run(async () => {
      if (this.state !== 'idle') return;
      this.state = 'ended';
      this.send({ type: 'error', code: 'chat.idle_timeout', message: errorMessage('chat.idle_timeout', this.locale) });
      this.socket.close(CLOSE.policy, 'chat.idle_timeout');
    }), this.gateway.limits.startTimeoutMs);
    this.startTimer.unref();
  }

  private async start(frame: Extract<CustomerFrame, { type: 'start' }>): Promise<void> {
    if (this.state !== 'idle') throw new Refusal('chat.already_started');
    const entry = this.entry!;
    if (frame.language) this.locale = frame.language;
    const name = frame.name ? sanitizeName(frame.name) : '';
    if (charCount(name) > this.gateway.limits.maxNameChars) throw new Refusal('chat.invalid_name');
    let phone: string | null = null;
    if (frame.phone && frame.phone.trim()) {
      phone = normalizePhone(frame.phone);
      if (!phone) throw new Refusal('chat.invalid_phone');
    }
    if (!this.gateway.allowStart(this.info.ip)) throw new Refusal('chat.too_many_chats');

    const id = randomUUID();
    this.state = 'starting';
    this.interactionId = id;
    this.gateway.track(this, entry.tenantId, id);
    try {
      await this.gateway.contacts.arrive({ id, tenantId: entry.tenantId, channel: 'chat', address: phone, queueId: entry.queueId });
    } catch (error) {
      this.gateway.untrack(this, entry.tenantId, id);
      this.interactionId = null;
      this.state = 'idle';
      if (error instanceof AppError && error.code === 'resource.not_found') throw new Refusal('chat.unavailable');
      throw error;
    }
    if (this.startTimer) clearTimeout(this.startTimer);
    const card = visitorCard(name, phone !== null, this.locale);
    if (card) await this.postSystemLine(card);
    this.state = 'queued';
    if (this.closed) {
      await this.leaveQueue();
      return;
    }
    await this.reportPlace(true);
  }

  private async message(frame: Extract<CustomerFrame, { type: 'message' }>): Promise<void> {
    const id = frame.id;
    if (this.state === 'idle' || this.state === 'opening') throw new Refusal('chat.not_started', id);
    if (charCount(frame.text) > this.gateway.limits.maxMessageChars) throw new Refusal('chat.message_too_long', id);
    if (!this.messages.tryHit('messages', this.gateway.now())) throw new Refusal('chat.rate_limited', id);
    const text = sanitizeText(frame.text);
    if (!text) throw new Refusal('chat.message_empty', id);
    try {
      await this.gateway.contacts.postChatMessage(this.entry!.tenantId, this.interactionId!, 'customer', text, null);
    } catch (error) {
      if (error instanceof AppError && error.code === 'resource.not_found') throw new Refusal('chat.ended', id);
      throw error;
    }
    this.send({ type: 'ack', id: id ?? null, at: new Date(this.gateway.now()).toISOString(), text });
  }

  private async leave(): Promise<void> {
    if (this.state === 'queued' || this.state === 'connected') await this.leaveQueue();
    this.finish('customer');
  }

  // ---------------------------------------------------------------- floor news

  /** Called synchronously from the hub's fan-out; bookkeeping now, customer-facing work in order. */
  floorNews(message: Exclude<FloorMessage, { type: 'queue_changed' | 'agent_state' | 'wrap_up_ended' }>): void {
    switch (message.type) {
      case 'offer':
        this.offeredTo = message.agentId;
        this.run(async () => {
          // Transferred by its agent and ringing at another desk already: back in line, at its head.
          if (this.state !== 'connected') return;
          this.state = 'queued';
          this.sendPlace(message.interactionId, 1, 0);
        });
        return;
      case 'offer_cancelled':
        this.offeredTo = null;
        return;
      case 'connected':
        this.offeredTo = null;
        this.run(async () => {
          if (this.state === 'ended') return;
          this.state = 'connected';
          this.lastPlace = '';
          const agentName = await agentDisplayName(this.gateway.ctx.database.db, this.entry!.tenantId, message.agentId);
          this.send({ type: 'agent_joined', agentName });
        });
        return;
      case 'chat':
        if (message.sender !== 'agent') return;
        this.run(async () => {
          if (this.state !== 'ended') this.send({ type: 'message', from: 'agent', text: message.body, at: new Date(message.at).toISOString() });
        });
        return;
      case 'ended':
        this.run(async () => {
          if (this.state !== 'ended') this.finish(message.endedBy as EndedBy);
        });
        return;
    }
  }

  /** Something changed in the tenant's queues: tell a waiting customer their new place, notice a transfer or an end. */
  queueChanged(): void {
    this.run(async () => {
      if (this.state === 'queued' || this.state === 'connected') await this.reportPlace(false);
    });
  }

  private async reportPlace(first: boolean): Promise<void> {
    const id = this.interactionId!;
    const place = this.gateway.contacts.position(id);
    if (place) {
      // Back in line after an agent transferred the chat to a queue.
      if (this.state === 'connected') this.state = 'queued';
      const estimatedWaitSeconds = place.estimatedWaitMs === null ? null : Math.ceil(place.estimatedWaitMs / 1000);
      this.sendPlace(id, place.position, estimatedWaitSeconds);
      return;
    }
    if (this.state !== 'queued') return;
    if (this.offeredTo) {
      // Ringing at an agent's desk: next in line.
      if (first) this.sendPlace(id, 1, 0);
      return;
    }
    // Neither waiting nor ringing: a queue limit ended it (or it is about to connect).
    const row = await findInteraction(this.gateway.ctx.database.db, this.entry!.tenantId, id);
    if (!row || row.status === 'ended') this.finish((row?.endedBy ?? 'system') as EndedBy);
    else if (first) this.sendPlace(id, 1, 0);
  }

  private sendPlace(interactionId: string, position: number, estimatedWaitSeconds: number | null): void {
    const key = `${position}/${estimatedWaitSeconds}`;
    if (key === this.lastPlace) return;
    this.lastPlace = key;
    this.send({ type: 'queued', interactionId, position, estimatedWaitSeconds });
  }

  // ---------------------------------------------------------------- ending

  private socketClosed(): void {
    this.closed = true;
    if (this.startTimer) clearTimeout(this.startTimer);
    // A start in flight notices `closed` once the contact has arrived, and leaves then.
    if (this.state === 'queued' || this.state === 'connected') {
      void this.leaveQueue();
      this.release();
    }
    if (this.state !== 'starting') this.state = 'ended';
  }

  /** The customer leaves: an abandon while waiting, the end of the conversation after. Once. */
  private leaveQueue(): Promise<void> {
    if (!this.leaving) {
      const { tenantId } = this.entry!;
      const id = this.interactionId!;
      this.leaving = this.gateway.customerLeft(tenantId, id);
      this.state = 'ended';
      this.release();
    }
    return this.leaving;
  }

  /** Tells the customer the chat is over and hangs up. */
  private finish(by: EndedBy): void {
    this.state = 'ended';
    this.release();
    this.send({ type: 'ended', by });
    this.socket.close(CLOSE.normal, 'chat.ended');
  }

  private release(): void {
    if (this.entry && this.interactionId) this.gateway.untrack(this, this.entry.tenantId, this.interactionId);
  }

  async shutdown(): Promise<void> {
    this.closed = true;
    if (this.startTimer) clearTimeout(this.startTimer);
    if (this.state === 'queued' || this.state === 'connected') await this.leaveQueue();
    this.state = 'ended';
    await this.chain;
    await this.leaving;
    if (this.socket.readyState === this.socket.OPEN) this.socket.close(CLOSE.goingAway, 'chat.unavailable');
  }

  // ---------------------------------------------------------------- plumbing

  private async postSystemLine(body: string): Promise<void> {
    const { tenantId } = this.entry!;
    const id = this.interactionId!;
    const at = this.gateway.now();
    await insertSystemMessage(this.gateway.ctx.database.db, tenantId, id, body, new Date(at));
    // An agent already ringing with the chat loaded it before this line existed: push it to them too.
    if (this.offeredTo) this.gateway.floorPublish(tenantId, { type: 'chat', agentId: this.offeredTo, interactionId: id, sender: 'system', body, at });
  }

  private run(task: () => Promise<void>): void {
    this.chain = this.chain.then(task).catch((error: unknown) => {
      if (error instanceof Refusal) {
        this.send({ type: 'error', code: error.code, message: errorMessage(error.code, this.locale), ...(error.id === undefined ? {} : { id: error.id }) });
        return;
      }
      console.error('chat session failed', error);
      this.send({ type: 'error', code: 'internal.error', message: errorMessage('internal.error', this.locale) });
    });
  }

  private send(frame: ServerFrame): void {
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(frame));
  }
}

/** The client's message id from a frame that failed validation, so the widget can mark that message. */
function clientId(json: unknown): string | undefined {
  if (json && typeof json === 'object' && 'id' in json) {
    const id = (json as { id: unknown }).id;
    if (typeof id === 'string' && id.length <= 64) return id;
  }
  return undefined;
}

/** The first line of the transcript, for the agent (who reads Chinese by default). */
function visitorCard(name: string, phoneGiven: boolean, language: Locale): string | null {
  const parts: string[] = [];
  if (name) parts.push(`称呼：${name}`);
  if (phoneGiven) parts.push('已留手机号');
  if (language === 'en') parts.push('语言：English');
  return parts.length > 0 ? `网页访客 · ${parts.join(' · ')}` : null;
}
