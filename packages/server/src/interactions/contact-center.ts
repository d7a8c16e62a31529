/**
 * The live contact center: the one place where the ACD router (pure, in memory) meets storage.
 *
 * Every operation runs exclusively, in order: ask the router, then record what it decided (the
 * interaction's lifecycle columns, one `interaction_events` row per step, agent states and their
 * log) in one transaction, then tell the desktops and the telephony adapter. Storage is the truth:
 * on boot the router is rebuilt from the open interactions and the stored agent states, keeping
 * queue order and waited time.
 *
 * The router's deadlines (ring-no-answer, wrap-up maximum, disconnect grace, widening, overflow,
 * maximum wait) are computed from stored timestamps, so a wake-up for the next one is only a
 * reminder to recompute: it is set in memory and recomputed on boot, and losing it loses nothing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { AppContext } from '../platform/context.ts';
import type { Tx } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import type { AgentCommand, RoutingDecision, RoutingResult } from '../routing/domain/router.ts';
import { Router } from '../routing/domain/router.ts';
import type { AgentState, Channel } from '../routing/domain/agent-state.ts';
import { loadAgentProfile, loadQueueConfigs } from '../routing/repository.ts';
import { agentStateLog, agentStates } from '../routing/schema.ts';
import { findCustomerByPhone } from '../crm/repository.ts';
import type { TelephonyPort } from '../telephony/port.ts';
import { listOpenInteractions } from './repository.ts';
import { chatMessages, interactionEvents, interactions } from './schema.ts';

/** What desktops and wallboards are told; the WebSocket hub delivers it. */
export type FloorMessage =
  | { type: 'agent_state'; agentId: string; status: string; presence: string; reason: string | null; since: number }
  | { type: 'offer'; agentId: string; interactionId: string; queueId: string; ringDeadline: number }
  | { type: 'offer_cancelled'; agentId: string; interactionId: string; reason: string }
  | { type: 'connected'; agentId: string; interactionId: string }
  | { type: 'ended'; agentId: string | null; interactionId: string; endedBy: string }
  | { type: 'wrap_up_ended'; agentId: string; interactionId: string }
  | { type: 'chat'; agentId: string | null; interactionId: string; sender: 'customer' | 'agent' | 'system'; body: string; at: number }
  | { type: 'queue_changed'; queueId: string }
  | { type: 'supervisor_joined'; agentId: string | null; interactionId: string; supervisorId: string; mode: 'monitor' | 'whisper' | 'barge' };

export interface FloorNotifier {
  publish(tenantId: string, message: FloorMessage): void;
}

/** What the contact center asks of the voice side: the telephony port's call-control commands. */
export type VoiceControl = Pick<TelephonyPort, 'bridge' | 'hold' | 'resume' | 'hangup' | 'conference'>;

export interface ArrivalInput {
  id?: string;
  tenantId: string;
  channel: Channel;
  address: string | null;
  hotline?: string | null;
  customerId?: string | null;
  queueId: string;
  priority?: number;
  ivr?: { enteredAt: number; exitedAt: number; path: string[] } | null;
  arrivedAt?: number;
  simulated?: boolean;
}

/** How long a ready agent whose desktop vanished stays ready before turning not ready. */
const DISCONNECT_GRACE_MS = 30_000;

export class ContactCenter {
  private readonly router: Router;
  private queue: Promise<unknown> = Promise.resolve();
  private wake: NodeJS.Timeout | null = null;
  private stopped = false;
  /** Which tenant each queue and agent belongs to, for notifications. */
  private readonly queueTenants = new Map<string, string>();
  private readonly agentTenants = new Map<string, string>();
  private voice: VoiceControl | null = null;

  constructor(
    private readonly ctx: AppContext,
    private readonly notifier: FloorNotifier,
  ) {
    this.router = new Router({ clock: ctx.clock, disconnectGraceMs: DISCONNECT_GRACE_MS });
  }

  attachVoice(voice: VoiceControl): void {
    this.voice = voice;
  }

  /** Rebuilds the floor from storage: queues, agents' last states, every open interaction in order. */
  async start(): Promise<void> {
    await this.exclusive(async () => {
      await this.reloadQueuesLocked();
      const db = this.ctx.database.db;
      const stored = await db.select().from(agentStates);
      const agents = [];
      for (const row of stored) {
        const profile = await loadAgentProfile(db, row.tenantId, row.userId);
        if (!profile) continue;
        this.agentTenants.set(row.userId, row.tenantId);
        // No desktop is connected right after a boot; the router's disconnect grace takes it from there.
        agents.push({ profile, state: { ...row.state, connected: false, graceDeadline: row.state.presence === 'ready' ? this.ctx.clock.now() + DISCONNECT_GRACE_MS : null } });
      }
      const open = await listOpenInteractions(db);
      const waiting = open.filter((i) => (i.status === 'queued' || i.status === 'offered') && i.queueId);
      const result = this.router.restore({
        agents,
        interactions: waiting.map((i) => ({
          id: i.id,
          queueId: i.queueId!,
          priority: i.priority,
          enqueuedAt: (i.enqueuedAt ?? i.arrivedAt).getTime(),
          queuedAt: (i.queuedAt ?? i.arrivedAt).getTime(),
        })),
      });
      if (result.error) throw new Error(`cannot rebuild the router: ${result.error.message}`);
      await this.record(result);
    });
  }

  stop(): Promise<unknown> {
    this.stopped = true;
    if (this.wake) clearTimeout(this.wake);
    return this.queue;
  }

  /** Applies a changed queue configuration (after an admin saves queues). */
  reloadQueues(): Promise<void> {
    return this.exclusive(() => this.reloadQueuesLocked());
  }

  // ------------------------------------------------------------------ customers' side

  /** A contact reaches a queue (after the IVR for voice, after the pre-chat form for chat). */
  arrive(input: ArrivalInput): Promise<string> {
    return this.exclusive(async () => {
      if (!this.queueTenants.has(input.queueId) || this.queueTenants.get(input.queueId) !== input.tenantId) {
        throw new AppError('resource.not_found', 404, { field: 'queueId' });
      }
      const now = this.ctx.clock.now();
      const arrivedAt = input.arrivedAt ?? input.ivr?.enteredAt ?? now;
      // The screen pop: match the caller's number to a customer record.
      const customerId = input.customerId ?? (input.address ? (await findCustomerByPhone(this.ctx.database.db, input.tenantId, input.address))?.id : undefined) ?? null;
      const id = input.id ?? randomUUID();
      const row = {
        id,
        tenantId: input.tenantId,
        channel: input.channel,
        direction: 'inbound' as const,
        status: 'queued' as const,
        address: input.address,
        hotline: input.hotline ?? null,
        customerId,
        priority: input.priority ?? 0,
        arrivedAt: new Date(arrivedAt),
        // The router orders by this exact instant; storing the same value keeps a rebuilt queue identical.
        enqueuedAt: new Date(now),
        ivrEnteredAt: input.ivr ? new Date(input.ivr.enteredAt) : null,
        ivrExitedAt: input.ivr ? new Date(input.ivr.exitedAt) : null,
        ivrPath: input.ivr?.path ?? [],
        simulated: input.simulated ?? false,
      };
      const arrivalEvents: { type: string; at: number; data: Record<string, unknown> }[] = [
        { type: 'arrived', at: arrivedAt, data: { channel: input.channel, address: input.address } },
      ];
      if (input.ivr) {
        arrivalEvents.push({ type: 'ivr_entered', at: input.ivr.enteredAt, data: {} });
        arrivalEvents.push({ type: 'ivr_exited', at: input.ivr.exitedAt, data: { path: input.ivr.path } });
      }
      const result = this.router.enqueue({ interactionId: id, queueId: input.queueId, priority: input.priority, enqueuedAt: now });
      if (result.error) throw routingRefusal(result.error);
      // The row, its arrival events and the router's first decisions commit together: no reader sees a half-made contact.
      try {
        await this.record(result, async (tx) => {
          await tx.insert(interactions).values(row);
          await tx.insert(interactionEvents).values(
            arrivalEvents.map((e) => ({ tenantId: input.tenantId, interactionId: id, type: e.type, at: new Date(e.at), data: e.data })),
          );
        });
      } catch (error) {
        // Nothing was stored, so the router must forget the contact too (withdrawing any offer it made).
        this.router.abandon(id);
        throw error;
      }
      return id;
    });
  }

  /**
   * A call the IVR finished without an agent: a voicemail, a callback request, a hang-up by the
   * flow, or an abandon in the IVR. It is recorded like every contact, so IVR-handled volume and
   * IVR abandons appear in the reports.
   */
  recordIvrOnly(input: {
    id: string;
    tenantId: string;
    address: string | null;
    hotline: string;
    ivr: { enteredAt: number; exitedAt: number; path: string[] };
    outcome: 'voicemail' | 'callback' | 'hangup' | 'abandoned';
    simulated: boolean;
  }): Promise<void> {
    return this.exclusive(async () => {
      const abandoned = input.outcome === 'abandoned';
      const exited = new Date(input.ivr.exitedAt);
      await this.ctx.uow.run(async (tx, recordEvent) => {
        await tx.insert(interactions).values({
          id: input.id,
          tenantId: input.tenantId,
          channel: 'voice',
          direction: 'inbound',
          status: 'ended',
          address: input.address,
          hotline: input.hotline,
          arrivedAt: new Date(input.ivr.enteredAt),
          ivrEnteredAt: new Date(input.ivr.enteredAt),
          ivrExitedAt: exited,
          ivrPath: input.ivr.path,
          endedAt: exited,
          endedBy: abandoned ? 'customer' : 'system',
          abandonedAt: abandoned ? exited : null,
          abandonedIn: abandoned ? 'ivr' : null,
          outcome: input.outcome,
          simulated: input.simulated,
        });
        const row = { id: input.id, tenantId: input.tenantId, queueId: null };
        await this.event(tx, row, 'arrived', input.ivr.enteredAt, { channel: 'voice', address: input.address });
        await this.event(tx, row, 'ivr_entered', input.ivr.enteredAt, {});
        await this.event(tx, row, 'ivr_exited', input.ivr.exitedAt, { path: input.ivr.path });
        await this.event(tx, row, abandoned ? 'abandoned' : input.outcome, input.ivr.exitedAt, abandoned ? { in: 'ivr' } : {});
        await recordEvent({ type: 'interactions.ivr_finished', tenantId: input.tenantId, aggregateId: input.id, payload: { outcome: input.outcome } });
      });
    });
  }

  /** The customer hung up or left the chat: an abandon while waiting, the end of the conversation after. */
  customerLeft(tenantId: string, interactionId: string): Promise<void> {
    return this.exclusive(async () => {
      const row = await this.findOpen(tenantId, interactionId);
      if (!row) return;
      const now = this.ctx.clock.now();
      if (row.status === 'queued' || row.status === 'offered') {
        const result = this.router.abandon(interactionId);
        await this.record(result, async (tx) => {
          await tx
            .update(interactions)
            .set({ status: 'ended', abandonedAt: new Date(now), abandonedIn: 'queue', endedAt: new Date(now), endedBy: 'customer' })
            .where(eq(interactions.id, interactionId));
          await this.event(tx, row, 'abandoned', now, { in: 'queue' });
        });
        this.notifier.publish(tenantId, { type: 'ended', agentId: null, interactionId, endedBy: 'customer' });
        return;
      }
      if (row.status === 'connected') await this.endConversationLocked(row, 'customer', now);
    });
  }

  postChatMessage(tenantId: string, interactionId: string, sender: 'customer' | 'agent', body: string, agentId: string | null): Promise<void> {
    return this.exclusive(async () => {
      const row = await this.findOpen(tenantId, interactionId);
      if (!row || row.channel !== 'chat') throw new AppError('resource.not_found', 404);
      if (sender === 'agent' && row.agentId !== agentId) throw new AppError('auth.forbidden', 403);
      const now = this.ctx.clock.now();
      await this.ctx.database.db.insert(chatMessages).values({ tenantId, interactionId, sender, agentId, body, at: new Date(now) });
      this.notifier.publish(tenantId, { type: 'chat', agentId: row.agentId, interactionId, sender, body, at: now });
    });
  }

  // ------------------------------------------------------------------ agents' side

  /** The agent's desktop connected: the agent joins the floor (not ready until they choose). */
  agentConnected(tenantId: string, agentId: string): Promise<AgentState> {
    return this.exclusive(async () => {
      const profile = await loadAgentProfile(this.ctx.database.db, tenantId, agentId);
      if (!profile) throw new AppError('resource.not_found', 404);
      this.agentTenants.set(agentId, tenantId);
      const upsert = this.router.upsertAgent(profile);
      const state = this.router.agentState(agentId)!;
      const command: AgentCommand = state.presence === 'offline' ? { type: 'login' } : { type: 'reconnect' };
      const result = this.router.agentEvent(agentId, command);
      await this.record({ decisions: [...upsert.decisions, ...result.decisions], error: null }, undefined, [agentId]);
      return this.router.agentState(agentId)!;
    });
  }

  agentDisconnected(agentId: string): Promise<void> {
    return this.exclusive(async () => {
      const state = this.router.agentState(agentId);
      if (!state || !state.connected) return;
      await this.record(this.router.agentEvent(agentId, { type: 'disconnect' }), undefined, [agentId]);
    });
  }

  /** State changes an agent (or a supervisor for them) asks for; refused changes raise with a stable code. */
  agentCommand(tenantId: string, agentId: string, command: Extract<AgentCommand, { type: 'set_ready' | 'set_not_ready' | 'logout' | 'supervisor_force' | 'reject' }>): Promise<AgentState> {
    return this.exclusive(async () => {
      this.assertAgentOf(tenantId, agentId);
      const result = this.router.agentEvent(agentId, command);
      if (result.error) throw routingRefusal(result.error);
      await this.record(result, undefined, [agentId]);
      return this.router.agentState(agentId)!;
    });
  }

  accept(tenantId: string, agentId: string, interactionId: string): Promise<void> {
    return this.exclusive(async () => {
      this.assertAgentOf(tenantId, agentId);
      const row = await this.findOpen(tenantId, interactionId);
      if (!row) throw new AppError('resource.not_found', 404);
      const result = this.router.agentEvent(agentId, { type: 'accept', interactionId });
      if (result.error) throw routingRefusal(result.error);
      const now = this.ctx.clock.now();
      await this.record(result, async (tx) => {
        await tx.update(interactions).set({ status: 'connected', agentId, answeredAt: row.answeredAt ?? new Date(now) }).where(eq(interactions.id, interactionId));
        await this.event(tx, row, 'answered', now, {}, agentId);
      }, [agentId]);
      this.notifier.publish(tenantId, { type: 'connected', agentId, interactionId });
      if (row.channel === 'voice') await this.voice?.bridge(interactionId, agentId);
    });
  }

  hangup(tenantId: string, agentId: string, interactionId: string): Promise<void> {
    return this.exclusive(async () => {
      const row = await this.findOwned(tenantId, agentId, interactionId, 'connected');
      await this.endConversationLocked(row, 'agent', this.ctx.clock.now());
      if (row.channel === 'voice') await this.voice?.hangup(interactionId);
    });
  }

  setHold(tenantId: string, agentId: string, interactionId: string, hold: boolean): Promise<void> {
    return this.exclusive(async () => {
      const row = await this.findOwned(tenantId, agentId, interactionId, 'connected');
      if (Boolean(row.heldAt) === hold) throw new AppError('routing.refused', 409, { reason: hold ? 'already_on_hold' : 'not_on_hold' });
      const now = this.ctx.clock.now();
      await this.ctx.uow.run(async (tx) => {
        await tx
          .update(interactions)
          .set(hold ? { heldAt: new Date(now) } : { heldAt: null, holdSeconds: row.holdSeconds + Math.round((now - row.heldAt!.getTime()) / 1000) })
          .where(eq(interactions.id, interactionId));
        await this.event(tx, row, hold ? 'held' : 'resumed', now, {}, agentId);
      });
      if (row.channel === 'voice') await (hold ? this.voice?.hold(interactionId) : this.voice?.resume(interactionId));
    });
  }

  /**
   * A supervisor joins a call: silently (monitor), speaking to the agent only (whisper) or to both
   * (barge). With simulated voice this is a control event in the record; with SIP it becomes audio.
   */
  supervise(tenantId: string, supervisorId: string, interactionId: string, mode: 'monitor' | 'whisper' | 'barge'): Promise<void> {
    return this.exclusive(async () => {
      const row = await this.findOpen(tenantId, interactionId);
      if (!row) throw new AppError('resource.not_found', 404);
      if (row.status !== 'connected') throw new AppError('routing.refused', 409, { reason: 'routing.invalid_transition', status: row.status });
      await this.ctx.uow.run(async (tx) => {
        await this.event(tx, row, 'supervisor_joined', this.ctx.clock.now(), { mode, supervisorId });
      });
      // A silent monitor stays silent: only whisper and barge tell the agent.
      this.notifier.publish(tenantId, { type: 'supervisor_joined', agentId: mode === 'monitor' ? null : row.agentId, interactionId, supervisorId, mode });
      if (row.channel === 'voice') await this.voice?.conference(interactionId, supervisorId, mode);
    });
  }

  /** The agent brings a colleague into the call; both stay on it. */
  conference(tenantId: string, agentId: string, interactionId: string, colleagueId: string): Promise<void> {
    return this.exclusive(async () => {
      const row = await this.findOwned(tenantId, agentId, interactionId, 'connected');
      if (this.agentTenants.get(colleagueId) !== tenantId) throw new AppError('resource.not_found', 404, { field: 'agentId' });
      await this.ctx.uow.run(async (tx) => {
        await this.event(tx, row, 'conferenced', this.ctx.clock.now(), { with: colleagueId }, agentId);
      });
      if (row.channel === 'voice') await this.voice?.conference(interactionId, colleagueId, 'conference');
    });
  }

  /** Blind transfer to another queue: the agent goes to wrap-up, the customer waits again, keeping their original enqueue time. */
  transferToQueue(tenantId: string, agentId: string, interactionId: string, queueId: string): Promise<void> {
    return this.exclusive(async () => {
      const row = await this.findOwned(tenantId, agentId, interactionId, 'connected');
      if (this.queueTenants.get(queueId) !== tenantId) throw new AppError('resource.not_found', 404, { field: 'queueId' });
      const now = this.ctx.clock.now();
      const released = this.router.agentEvent(agentId, { type: 'interaction_ended', interactionId });
      if (released.error) throw routingRefusal(released.error);
      const requeued = this.router.enqueue({ interactionId, queueId, priority: row.priority, enqueuedAt: (row.enqueuedAt ?? row.arrivedAt).getTime() });
      await this.record({ decisions: [...released.decisions, ...requeued.decisions], error: null }, async (tx) => {
        await tx.update(interactions).set({ transferred: true, agentId: null, heldAt: null }).where(eq(interactions.id, interactionId));
        await this.event(tx, row, 'transferred', now, { toQueueId: queueId }, agentId);
      }, [agentId]);
    });
  }

  /** After-call work is done: the disposition and notes close the interaction. */
  wrapUp(tenantId: string, agentId: string, interactionId: string, disposition: string, notes: string | null): Promise<void> {
    return this.exclusive(async () => {
      // The router knows whose after-call work this is: after a transfer the row already waits for someone else.
      const inWrapUp = this.router.agentState(agentId)?.work.some((w) => w.interactionId === interactionId && w.phase === 'wrap_up');
      const row = inWrapUp && this.agentTenants.get(agentId) === tenantId ? await this.findAny(tenantId, interactionId) : undefined;
      if (!row) throw new AppError('resource.not_found', 404);
      const result = this.router.agentEvent(agentId, { type: 'wrap_up_done', interactionId });
      if (result.error) throw routingRefusal(result.error);
      await this.record(result, async (tx) => {
        await tx.update(interactions).set({ disposition, notes }).where(eq(interactions.id, interactionId));
        await this.event(tx, row, 'disposition', this.ctx.clock.now(), { disposition }, agentId);
      }, [agentId]);
    });
  }

  // ------------------------------------------------------------------ queries

  agentState(agentId: string): AgentState | undefined {
    return this.router.agentState(agentId);
  }

  /** Every agent of the tenant the router knows, for the supervisor's live view. */
  floorAgents(tenantId: string): { agentId: string; state: AgentState }[] {
    const agents = [];
    for (const [agentId, tenant] of this.agentTenants) {
      const state = tenant === tenantId ? this.router.agentState(agentId) : undefined;
      if (state) agents.push({ agentId, state });
    }
    return agents;
  }

  queueStatus(queueId: string) {
    return this.router.queueStatus(queueId);
  }

  position(interactionId: string) {
    return this.router.position(interactionId);
  }

  // ------------------------------------------------------------------ internals

  private async endConversationLocked(row: typeof interactions.$inferSelect, endedBy: 'customer' | 'agent', now: number) {
    const agentId = row.agentId!;
    const result = this.router.agentEvent(agentId, { type: 'interaction_ended', interactionId: row.id });
    if (result.error) throw routingRefusal(result.error);
    const holdSeconds = row.heldAt ? row.holdSeconds + Math.round((now - row.heldAt.getTime()) / 1000) : row.holdSeconds;
    await this.record(result, async (tx) => {
      await tx.update(interactions).set({ status: 'wrap_up', endedAt: new Date(now), endedBy, heldAt: null, holdSeconds }).where(eq(interactions.id, row.id));
      await this.event(tx, row, 'ended', now, { by: endedBy }, agentId);
    }, [agentId]);
    this.notifier.publish(row.tenantId, { type: 'ended', agentId, interactionId: row.id, endedBy });
  }

  private async reloadQueuesLocked(): Promise<void> {
    const configs = await loadQueueConfigs(this.ctx.database.db);
    this.queueTenants.clear();
    for (const config of configs) this.queueTenants.set(config.id, config.tenantId);
    const result = this.router.setQueues(configs);
    if (result.error) throw new AppError('request.invalid', 400, { reason: result.error.code, message: result.error.message });
    await this.record(result);
  }

  private assertAgentOf(tenantId: string, agentId: string): void {
    if (this.agentTenants.get(agentId) !== tenantId || !this.router.agentState(agentId)) {
      throw new AppError('routing.agent_not_connected', 409);
    }
  }

  private async findOpen(tenantId: string, interactionId: string) {
    const row = await this.findAny(tenantId, interactionId);
    return row && row.status !== 'ended' ? row : undefined;
  }

  private async findAny(tenantId: string, interactionId: string) {
    const [row] = await this.ctx.database.db
      .select()
      .from(interactions)
      .where(and(eq(interactions.tenantId, tenantId), eq(interactions.id, interactionId)));
    return row;
  }

  /** Whether the agent holds this interaction right now (ringing, talking or wrapping up). */
  holds(agentId: string, interactionId: string): boolean {
    return this.router.agentState(agentId)?.work.some((w) => w.interactionId === interactionId) ?? false;
  }

  private async findOwned(tenantId: string, agentId: string, interactionId: string, status: 'connected' | 'wrap_up') {
    const row = await this.findOpen(tenantId, interactionId);
    if (!row || row.agentId !== agentId) throw new AppError('resource.not_found', 404);
    if (row.status !== status) throw new AppError('routing.refused', 409, { reason: 'routing.invalid_transition', status: row.status });
    return row;
  }

  private event(tx: Tx, row: { id: string; tenantId: string; queueId: string | null }, type: string, at: number, data: Record<string, unknown>, agentId: string | null = null) {
    return tx.insert(interactionEvents).values({ tenantId: row.tenantId, interactionId: row.id, type, at: new Date(at), agentId, queueId: row.queueId, data });
  }

  /**
   * Records the router's decisions (and the command's own writes) in one transaction, with a domain
   * event in the outbox for each interaction step so reports and wallboards can follow, then
   * notifies desktops. `touched` agents get their stored state refreshed even without a status change.
   */
  private async record(result: RoutingResult, extra?: (tx: Tx) => Promise<void>, touched: string[] = []): Promise<void> {
    const agentsToStore = new Set(touched);
    for (const decision of result.decisions) if ('agentId' in decision) agentsToStore.add(decision.agentId);
    if (result.decisions.length === 0 && !extra && agentsToStore.size === 0) return;
    await this.ctx.uow.run(async (tx, recordEvent) => {
      if (extra) await extra(tx);
      for (const decision of result.decisions) await this.persistDecision(tx, decision);
      for (const agentId of agentsToStore) {
        const state = this.router.agentState(agentId);
        const tenantId = this.agentTenants.get(agentId);
        if (!state || !tenantId) continue;
        const updatedAt = new Date(this.ctx.clock.now());
        await tx
          .insert(agentStates)
          .values({ userId: agentId, tenantId, state, updatedAt })
          .onConflictDoUpdate({ target: agentStates.userId, set: { state, updatedAt, tenantId } });
      }
      const tenants = new Set(result.decisions.map((d) => this.tenantOf(d)).filter((t): t is string => Boolean(t)));
      for (const tenantId of tenants) {
        await recordEvent({ type: 'interactions.floor_changed', tenantId, payload: { decisions: result.decisions.length } });
      }
    });
    for (const decision of result.decisions) this.notify(decision);
    this.scheduleWake();
  }

  private async persistDecision(tx: Tx, d: RoutingDecision): Promise<void> {
    const at = new Date(d.at);
    switch (d.type) {
      case 'queued': {
        await tx
          .update(interactions)
          .set({ status: 'queued', queueId: d.queueId, queuedAt: at, enqueuedAt: sql`coalesce(${interactions.enqueuedAt}, ${at})`, agentId: null })
          .where(eq(interactions.id, d.interactionId));
        await this.decisionEvent(tx, d.interactionId, 'queued', at, { reason: d.reason, fromQueueId: d.fromQueueId, step: d.step }, null, d.queueId);
        return;
      }
      case 'offer':
        await tx
          .update(interactions)
          .set({ status: 'offered', agentId: d.agentId, offeredAt: sql`coalesce(${interactions.offeredAt}, ${at})` })
          .where(eq(interactions.id, d.interactionId));
        await this.decisionEvent(tx, d.interactionId, 'offered', at, { ringDeadline: new Date(d.ringDeadline).toISOString() }, d.agentId, d.queueId);
        return;
      case 'offer_cancelled':
        // An abandon ends the interaction in the same transaction; any other cancellation puts it back in line.
        if (d.reason !== 'abandoned') await tx.update(interactions).set({ status: 'queued', agentId: null }).where(eq(interactions.id, d.interactionId));
        await this.decisionEvent(tx, d.interactionId, 'offer_cancelled', at, { reason: d.reason }, d.agentId, null);
        return;
      case 'widened':
        await this.decisionEvent(tx, d.interactionId, 'widened', at, { step: d.step }, null, d.queueId);
        return;
      case 'limit_reached':
        await tx
          .update(interactions)
          .set({ status: 'ended', endedAt: at, endedBy: 'system', outcome: d.action })
          .where(eq(interactions.id, d.interactionId));
        await this.decisionEvent(tx, d.interactionId, 'limit_reached', at, { limit: d.limit, action: d.action }, null, d.queueId);
        return;
      case 'wrap_up_ended':
        // A transferred contact is already waiting for, or talking to, someone else: only its own wrap-up ends it.
        await tx
          .update(interactions)
          .set({ status: 'ended', wrapUpEndedAt: at })
          .where(and(eq(interactions.id, d.interactionId), eq(interactions.status, 'wrap_up')));
        await this.decisionEvent(tx, d.interactionId, 'wrap_up_ended', at, { timedOut: d.timedOut }, d.agentId, null);
        return;
      case 'agent_state': {
        const tenantId = this.agentTenants.get(d.agentId);
        if (tenantId) await tx.insert(agentStateLog).values({ tenantId, userId: d.agentId, status: d.status, presence: d.presence, reason: d.reason, at });
        return;
      }
    }
  }

  private async decisionEvent(tx: Tx, interactionId: string, type: string, at: Date, data: Record<string, unknown>, agentId: string | null, queueId: string | null) {
    await tx.execute(sql`
      INSERT INTO interaction_events (tenant_id, interaction_id, type, at, agent_id, queue_id, data)
      SELECT tenant_id, id, ${type}, ${at}, ${agentId}, coalesce(${queueId}::uuid, queue_id), ${JSON.stringify(data)}::jsonb
      FROM interactions WHERE id = ${interactionId}`);
  }

  private tenantOf(d: RoutingDecision): string | undefined {
    if ('queueId' in d) return this.queueTenants.get(d.queueId);
    if ('agentId' in d) return this.agentTenants.get(d.agentId);
    return undefined;
  }

  private notify(d: RoutingDecision): void {
    const tenantId = this.tenantOf(d);
    if (!tenantId) return;
    switch (d.type) {
      case 'offer':
        this.notifier.publish(tenantId, { type: 'offer', agentId: d.agentId, interactionId: d.interactionId, queueId: d.queueId, ringDeadline: d.ringDeadline });
        break;
      case 'offer_cancelled':
        this.notifier.publish(tenantId, { type: 'offer_cancelled', agentId: d.agentId, interactionId: d.interactionId, reason: d.reason });
        break;
      case 'wrap_up_ended':
        this.notifier.publish(tenantId, { type: 'wrap_up_ended', agentId: d.agentId, interactionId: d.interactionId });
        break;
      case 'agent_state': {
        const since = this.router.agentState(d.agentId)?.statusSince ?? d.at;
        this.notifier.publish(tenantId, { type: 'agent_state', agentId: d.agentId, status: d.status, presence: d.presence, reason: d.reason, since });
        break;
      }
      case 'queued':
      case 'widened':
      case 'limit_reached':
        this.notifier.publish(tenantId, { type: 'queue_changed', queueId: d.queueId });
        break;
    }
  }

  private scheduleWake(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
    const next = this.router.nextTimerAt();
    if (next === null || this.stopped) return;
    const delay = Math.max(0, next - this.ctx.clock.now());
    this.wake = setTimeout(() => {
      this.wake = null;
      void this.exclusive(() => this.record(this.router.advance())).catch((error) => console.error('router wake-up failed', error));
    }, delay);
    this.wake.unref();
  }

  /** Runs operations one at a time, in arrival order, so the router and storage never diverge. */
  private exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.queue.then(operation, operation);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Fires due router deadlines now; virtual-time tests call it after moving the clock. */
  advance(): Promise<void> {
    return this.exclusive(() => this.record(this.router.advance()));
  }
}

/** The router refused a request (an offer accepted twice, an invalid state change …); nothing changed. */
function routingRefusal(error: { code: string; message: string }): AppError {
  return new AppError('routing.refused', 409, { reason: error.code, message: error.message });
}
