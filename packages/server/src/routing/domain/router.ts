/**
 * The ACD router: in-memory queues and agents, deciding which agent gets which interaction.
 *
 * It is pure in the sense that matters for routing: time comes from the injected clock, nothing is
 * random, and it performs no I/O. Every operation returns the decisions it made (offers, requeues,
 * overflows, limits reached, agent state changes) for the caller to carry out and record. The
 * router has already applied them to its own state, so two operations can never hand the same
 * interaction or the same agent capacity out twice.
 *
 * Invariant kept after every operation (work conservation): no waiting interaction has an
 * available agent who may serve it. Hence each decision only has to look at what just changed:
 * - an agent becoming available looks at the heads of the queues it qualifies for;
 * - an interaction starting to wait looks at the top of its queue's agent pools.
 * Agent pools are heaps per (queue, widening step) ordered by the queue's strategy, and waiting
 * interactions are sorted lists per (queue, widening step), so a decision costs
 * O(queues per agent × widening steps + log agents), independent of the number of agents.
 */
import type { Clock } from '../../platform/clock.ts';
import {
  applyAgentEvent,
  canTake,
  deriveStatus,
  newAgentState,
  nextAgentDeadline,
  type AgentEvent,
  type AgentState,
  type AgentStatus,
  type Channel,
  type ForceTarget,
  type NotReadyReason,
  type Presence,
  type WorkItem,
} from './agent-state.ts';
import { IndexedHeap, type HeapItem } from './indexed-heap.ts';
import { checkQueueSet, qualifyingStep, skillScore, type AgentProfile, type QueueConfig, type RoutingStrategy } from './queue-config.ts';
import { routingError, type RoutingError } from './routing-error.ts';

/** Why an interaction started waiting in a queue. */
export type QueuedReason = 'arrival' | 'requeue' | 'overflow' | 'queue_full' | 'max_wait';

export type OfferCancelReason = 'rejected' | 'ring_timeout' | 'abandoned' | 'agent_disconnected' | 'agent_logged_out';

export type RoutingDecision =
  | { type: 'queued'; at: number; interactionId: string; queueId: string; reason: QueuedReason; fromQueueId: string | null; step: number }
  | { type: 'offer'; at: number; interactionId: string; agentId: string; queueId: string; ringDeadline: number }
  | { type: 'offer_cancelled'; at: number; interactionId: string; agentId: string; reason: OfferCancelReason }
  | { type: 'widened'; at: number; interactionId: string; queueId: string; step: number }
  /** The interaction left the router: play the callback offer or take a voicemail. */
  | { type: 'limit_reached'; at: number; interactionId: string; queueId: string; limit: 'max_length' | 'max_wait'; action: 'callback' | 'voicemail' }
  /** The agent is done with the interaction; `timedOut` when the queue's wrap-up maximum ended it. */
  | { type: 'wrap_up_ended'; at: number; interactionId: string; agentId: string; timedOut: boolean }
  | { type: 'agent_state'; at: number; agentId: string; status: AgentStatus; presence: Presence; reason: NotReadyReason | null };

/** Every operation answers with the decisions to carry out; `error` says the request itself was refused and changed nothing. */
export interface RoutingResult {
  decisions: RoutingDecision[];
  error: RoutingError | null;
}

export interface EnqueueRequest {
  interactionId: string;
  queueId: string;
  /** Higher is served first (VIP). Default 0. */
  priority?: number;
  /** When the customer started waiting for an agent; defaults to now. Orders the queue together with priority. */
  enqueuedAt?: number;
}

/** What an agent's desktop, a supervisor or the telephony side may ask for. Offers are the router's own. */
export type AgentCommand =
  | { type: 'login' }
  | { type: 'logout' }
  | { type: 'set_ready' }
  | { type: 'set_not_ready'; reason: NotReadyReason }
  | { type: 'accept'; interactionId: string }
  | { type: 'reject'; interactionId: string }
  | { type: 'ring_timeout'; interactionId: string }
  | { type: 'interaction_ended'; interactionId: string }
  | { type: 'wrap_up_done'; interactionId: string }
  | { type: 'disconnect' }
  | { type: 'reconnect' }
  | { type: 'supervisor_force'; target: ForceTarget };

export interface InteractionSnapshot {
  id: string;
  queueId: string;
  priority: number;
  enqueuedAt: number;
  /** When it entered its current queue: the clock for widening, overflow and maximum wait. */
  queuedAt: number;
}

/**
 * Everything needed to rebuild the router after a restart. `interactions` lists the waiting and
 * ringing ones; among equal priority and enqueue time, array order is queue order.
 */
export interface RouterSnapshot {
  interactions: InteractionSnapshot[];
  agents: { profile: AgentProfile; state: AgentState }[];
}

export interface QueueStatus {
  queueId: string;
  waiting: number;
  oldestEnqueuedAt: number | null;
  /** Agents qualified for the queue who are ready and connected, whether working or not. */
  staffedAgents: number;
  availableAgents: number;
  smoothedHandleSeconds: number;
  /** Estimated wait of an interaction arriving now; null while nobody is staffed. */
  estimatedWaitMs: number | null;
}

export interface QueuePosition {
  queueId: string;
  /** 1 is next in line. */
  position: number;
  estimatedWaitMs: number | null;
}

export interface RouterOptions {
  clock: Clock;
  /** How long a disconnected agent stays ready before turning not ready. Default 30 s. */
  disconnectGraceMs?: number;
}

/** Weight of each finished interaction in the smoothed handle time behind the wait estimate. */
const HANDLE_TIME_SMOOTHING = 1 / 20;

interface TimerEntry extends HeapItem {
  dueAt: number;
  /** Breaks ties between equal due times so timers fire in a reproducible order. */
  tiebreak: number;
  fire: () => void;
}

interface AgentRecord {
  profile: AgentProfile;
  ordinal: number;
  state: AgentState;
  memberships: Membership[];
  /** Last time the agent became ready or its work changed: the longest-idle key. */
  idleSince: number;
  /** Ready and connected: counted as staffing its queues. */
  staffed: boolean;
  loggedInAt: number;
  workingSince: number | null;
  workedMs: number;
  /** Share of logged-in time spent working, taken when the agent last changed: the least-occupied key. */
  occupancy: number;
  timer: TimerEntry;
}

/** An agent's qualification for one queue; lives in that queue's pool for `step` while the agent is available. */
interface Membership extends HeapItem {
  agent: AgentRecord;
  queue: QueueRecord;
  step: number;
  skillScore: number;
  /** The round-robin key: the queue's offer counter when it last offered to this agent. */
  lastOfferTicket: number;
}

interface LiveInteraction {
  id: string;
  channel: Channel;
  priority: number;
  enqueuedAt: number;
  seq: number;
  queue: QueueRecord;
  queuedAt: number;
  step: number;
  status: 'queued' | 'offered';
  agent: AgentRecord | null;
  timer: TimerEntry;
}

interface QueueRecord {
  config: QueueConfig;
  /** Waiting interactions by widening step, each sorted by `waitsBefore`. */
  tiers: LiveInteraction[][];
  /** Available agents by the step from which they qualify, ordered by the queue's strategy. */
  pools: IndexedHeap<Membership>[];
  members: Set<Membership>;
  staffedAgents: number;
  offerTicket: number;
  smoothedHandleMs: number;
}

export class Router {
  private readonly clock: Clock;
  private readonly disconnectGraceMs: number;
  private readonly queues = new Map<string, QueueRecord>();
  private readonly agents = new Map<string, AgentRecord>();
  /** Waiting and ringing interactions. */
  private readonly interactions = new Map<string, LiveInteraction>();
  /** Interactions an agent is talking to, so they cannot be queued twice. */
  private readonly inConversation = new Map<string, AgentRecord>();
  private readonly timers = new IndexedHeap<TimerEntry>((a, b) => a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.tiebreak < b.tiebreak));
  private nextSeq = 0;
  private nextOrdinal = 0;
  private nextTiebreak = 0;
  /** Decisions of the operation in progress. */
  private pending: RoutingDecision[] = [];

  constructor(options: RouterOptions) {
    this.clock = options.clock;
    this.disconnectGraceMs = options.disconnectGraceMs ?? 30_000;
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Replaces the whole queue configuration. Queues still holding interactions cannot be removed or
   * change channel; agents are requalified for every changed queue.
   */
  setQueues(configs: readonly QueueConfig[]): RoutingResult {
    return this.run(() => {
      const issue = checkQueueSet(configs)[0];
      if (issue) return routingError('routing.invalid_queue_config', `${formatPath(['queues', ...issue.path])}: ${issue.message}`);
      const incoming = new Map(configs.map((config) => [config.id, config]));
      for (const queue of this.queues.values()) {
        const next = incoming.get(queue.config.id);
        if (this.holdsInteractions(queue) && (!next || next.channel !== queue.config.channel)) {
          return routingError('routing.queue_not_empty', `queue ${queue.config.id} still holds interactions`);
        }
      }
      for (const queue of [...this.queues.values()]) {
        if (incoming.has(queue.config.id)) continue;
        for (const membership of [...queue.members]) this.dropMembership(membership);
        this.queues.delete(queue.config.id);
      }
      const changed: QueueRecord[] = [];
      for (const config of configs) {
        const queue = this.queues.get(config.id);
        if (queue && JSON.stringify(queue.config) === JSON.stringify(config)) continue;
        changed.push(this.rebuildQueue(queue, config));
      }
      for (const queue of changed) {
        for (const interaction of this.waitingIn(queue)) this.dispatchInteraction(interaction);
      }
      return null;
    });
  }

  /** Adds an agent (offline) or updates its skills and capacity. */
  upsertAgent(profile: AgentProfile): RoutingResult {
    return this.run(() => {
      const existing = this.agents.get(profile.id);
      if (!existing) {
        this.createAgent(profile, newAgentState(profile.capacity, this.now));
        return null;
      }
      if (existing.profile.tenantId !== profile.tenantId) {
        return routingError('routing.tenant_mismatch', `agent ${profile.id} belongs to tenant ${existing.profile.tenantId}`);
      }
      const tickets = new Map(existing.memberships.map((membership) => [membership.queue, membership.lastOfferTicket]));
      for (const membership of [...existing.memberships]) this.dropMembership(membership);
      existing.profile = profile;
      existing.state = { ...existing.state, capacity: profile.capacity };
      this.qualify(existing);
      for (const membership of existing.memberships) membership.lastOfferTicket = tickets.get(membership.queue) ?? 0;
      this.attach(existing);
      this.dispatchAgent(existing);
      return null;
    });
  }

  removeAgent(agentId: string): RoutingResult {
    return this.run(() => {
      const agent = this.agents.get(agentId);
      if (!agent) return routingError('routing.unknown_agent', `no agent ${agentId}`);
      if (agent.state.presence !== 'offline' || agent.state.work.length > 0) {
        return routingError('routing.agent_has_work', `agent ${agentId} is still logged in or working`);
      }
      for (const membership of [...agent.memberships]) this.dropMembership(membership);
      this.setTimer(agent.timer, null);
      this.agents.delete(agentId);
      return null;
    });
  }

  // ---------------------------------------------------------------- interactions

  enqueue(request: EnqueueRequest): RoutingResult {
    return this.run(() => {
      const queue = this.queues.get(request.queueId);
      if (!queue) return routingError('routing.unknown_queue', `no queue ${request.queueId}`);
      if (this.interactions.has(request.interactionId) || this.inConversation.has(request.interactionId)) {
        return routingError('routing.duplicate_interaction', `${request.interactionId} is already being routed`);
      }
      const interaction = this.createInteraction({
        id: request.interactionId,
        queueId: queue.config.id,
        priority: request.priority ?? 0,
        enqueuedAt: request.enqueuedAt ?? this.now,
        queuedAt: this.now,
      });
      this.admit(interaction, queue, 'arrival', null);
      return null;
    });
  }

  /** The customer hung up (or left the chat) while waiting or while the offer was ringing. */
  abandon(interactionId: string): RoutingResult {
    return this.run(() => {
      const interaction = this.interactions.get(interactionId);
      if (!interaction) {
        return this.inConversation.has(interactionId)
          ? routingError('routing.interaction_not_waiting', `${interactionId} is already with an agent; end it there`)
          : routingError('routing.unknown_interaction', `no interaction ${interactionId} is waiting`);
      }
      this.forget(interaction);
      if (interaction.status === 'queued') {
        this.removeFromTier(interaction);
        return null;
      }
      const agent = interaction.agent as AgentRecord;
      this.mustApply(agent, { type: 'offer_withdrawn', at: this.now, interactionId });
      this.emit({ type: 'offer_cancelled', at: this.now, interactionId, agentId: agent.profile.id, reason: 'abandoned' });
      this.dispatchAgent(agent);
      return null;
    });
  }

  agentEvent(agentId: string, command: AgentCommand): RoutingResult {
    return this.run(() => {
      const agent = this.agents.get(agentId);
      if (!agent) return routingError('routing.unknown_agent', `no agent ${agentId}`);
      const error = this.applyToAgent(agent, this.toAgentEvent(agent, command));
      if (error) return error;
      this.dispatchAgent(agent);
      return null;
    });
  }

  /** Fires the timers that are due: ring-no-answer, wrap-up maximum, disconnect grace, widening, overflow, maximum wait. */
  advance(): RoutingResult {
    return this.run(() => null);
  }

  /** When `advance` next has something to do, or null when no timer is set. */
  nextTimerAt(): number | null {
    return this.timers.peek()?.dueAt ?? null;
  }

  // ---------------------------------------------------------------- snapshot and restore

  snapshot(): RouterSnapshot {
    return {
      interactions: [...this.interactions.values()]
        .sort((a, b) => a.seq - b.seq)
        .map((interaction) => ({
          id: interaction.id,
          queueId: interaction.queue.config.id,
          priority: interaction.priority,
          enqueuedAt: interaction.enqueuedAt,
          queuedAt: interaction.queuedAt,
        })),
      agents: [...this.agents.values()].map((agent) => ({ profile: agent.profile, state: agent.state })),
    };
  }

  /**
   * Rebuilds an empty router (queues already set) after a restart. Interactions keep their enqueue
   * and queue times, so order, waited time, widening and overflow carry on where they were. Offers
   * that were ringing cannot survive a restart: those interactions wait again in their old place.
   */
  restore(snapshot: RouterSnapshot): RoutingResult {
    return this.run(() => {
      const problem = this.checkSnapshot(snapshot);
      if (problem) return problem;
      const ringing = new Set<string>();
      for (const { profile, state } of snapshot.agents) {
        const work = state.work.filter((item) => {
          if (item.phase === 'reserved') ringing.add(item.interactionId);
          return item.phase !== 'reserved';
        });
        const status = deriveStatus(state.presence, work);
        const statusSince = status === state.status ? state.statusSince : this.now;
        const agent = this.createAgent(profile, { ...state, work, capacity: profile.capacity, status, statusSince });
        for (const item of work) if (item.phase === 'busy') this.inConversation.set(item.interactionId, agent);
        this.setTimer(agent.timer, nextAgentDeadline(agent.state));
      }
      const restored = snapshot.interactions.map((entry) => this.createInteraction(entry));
      for (const interaction of restored) {
        this.interactions.set(interaction.id, interaction);
        this.wait(interaction, ringing.has(interaction.id) ? 'requeue' : null);
      }
      restored.sort((a, b) => (servesBefore(a, b) ? -1 : 1));
      for (const interaction of restored) if (interaction.status === 'queued') this.dispatchInteraction(interaction);
      return null;
    });
  }

  // ---------------------------------------------------------------- queries

  agentState(agentId: string): AgentState | undefined {
    return this.agents.get(agentId)?.state;
  }

  queueStatus(queueId: string): QueueStatus | undefined {
    const queue = this.queues.get(queueId);
    if (!queue) return undefined;
    const waiting = this.waitingIn(queue);
    let oldestEnqueuedAt: number | null = null;
    for (const interaction of waiting) {
      if (oldestEnqueuedAt === null || interaction.enqueuedAt < oldestEnqueuedAt) oldestEnqueuedAt = interaction.enqueuedAt;
    }
    return {
      queueId,
      waiting: waiting.length,
      oldestEnqueuedAt,
      staffedAgents: queue.staffedAgents,
      availableAgents: queue.pools.reduce((sum, pool) => sum + pool.size, 0),
      smoothedHandleSeconds: queue.smoothedHandleMs / 1000,
      estimatedWaitMs: estimatedWait(queue, waiting.length + 1),
    };
  }

  position(interactionId: string): QueuePosition | undefined {
    const interaction = this.interactions.get(interactionId);
    if (!interaction || interaction.status !== 'queued') return undefined;
    const queue = interaction.queue;
    let ahead = 0;
    for (const tier of queue.tiers) ahead += lowerBound(tier, interaction);
    return { queueId: queue.config.id, position: ahead + 1, estimatedWaitMs: estimatedWait(queue, ahead + 1) };
  }

  // ---------------------------------------------------------------- the operation frame

  private get now(): number {
    return this.clock.now();
  }

  private emit(decision: RoutingDecision): void {
    this.pending.push(decision);
  }

  /**
   * Every public operation runs here: due timers fire first, so a late request sees the world as
   * it is now (an accept after the ring ran out is refused), and again after the operation, for
   * timers it made due.
   */
  private run(operation: () => RoutingError | null): RoutingResult {
    this.pending = [];
    this.fireDueTimers();
    const error = operation();
    this.fireDueTimers();
    const decisions = this.pending;
    this.pending = [];
    return { decisions, error };
  }

  // ---------------------------------------------------------------- agents

  private createAgent(profile: AgentProfile, state: AgentState): AgentRecord {
    const agent: AgentRecord = {
      profile,
      ordinal: this.nextOrdinal++,
      state,
      memberships: [],
      idleSince: state.statusSince,
      staffed: false,
      loggedInAt: state.statusSince,
      workingSince: state.work.length > 0 ? state.statusSince : null,
      workedMs: 0,
      occupancy: 0,
      timer: this.newTimer(),
    };
    agent.timer.fire = () => this.fireAgentTimer(agent);
    this.agents.set(profile.id, agent);
    this.qualify(agent);
    this.attach(agent);
    return agent;
  }

  /** Stamps a command with the time and the durations the router owns. Each event is built field by field: it is on the hot path. */
  private toAgentEvent(agent: AgentRecord, command: AgentCommand): AgentEvent {
    const at = this.now;
    switch (command.type) {
      case 'interaction_ended': {
        const item = agent.state.work.find((work) => work.interactionId === command.interactionId);
        const queue = item && this.queues.get(item.queueId);
        // A queue deleted during the conversation leaves no wrap-up allowance.
        return { type: 'interaction_ended', at, interactionId: command.interactionId, maxWrapUpMs: queue ? queue.config.maxWrapUpSeconds * 1000 : 0 };
      }
      case 'accept':
      case 'reject':
      case 'ring_timeout':
      case 'wrap_up_done':
        return { type: command.type, at, interactionId: command.interactionId };
      case 'set_not_ready':
        return { type: 'set_not_ready', at, reason: command.reason };
      case 'supervisor_force':
        return { type: 'supervisor_force', at, target: command.target };
      case 'disconnect':
        return { type: 'disconnect', at, graceMs: this.disconnectGraceMs };
      default:
        return { type: command.type, at };
    }
  }

  /**
   * Applies one state-machine event and everything that follows from it, except new offers to this
   * agent (the caller dispatches once it is done with the agent). `byTimer` marks the router's own
   * deadlines, so a wrap-up ended by its maximum is reported as timed out.
   */
  private applyToAgent(agent: AgentRecord, event: AgentEvent, byTimer = false): RoutingError | null {
    const transition = applyAgentEvent(agent.state, event);
    if (!transition.ok) return transition.error;
    this.commit(agent, transition.state);
    if (event.type === 'accept') {
      const interaction = this.interactions.get(event.interactionId);
      if (interaction) this.forget(interaction);
      this.inConversation.set(event.interactionId, agent);
    }
    if (event.type === 'interaction_ended') this.inConversation.delete(event.interactionId);
    for (const effect of transition.effects) {
      if (effect.type === 'requeue') this.requeue(effect.item, agent, cancelReason(event));
      else this.finishWork(effect.item, agent, byTimer);
    }
    return null;
  }

  /** For events the router itself derives, which the state machine must accept. */
  private mustApply(agent: AgentRecord, event: AgentEvent, byTimer = false): void {
    const error = this.applyToAgent(agent, event, byTimer);
    if (error) throw new Error(`router state is inconsistent for agent ${agent.profile.id}: ${error.message}`);
  }

  /** Installs an agent's new state and keeps pools, staffing counts, routing keys and its timer in step. */
  private commit(agent: AgentRecord, next: AgentState, offeredFrom?: Membership): void {
    const previous = agent.state;
    const at = this.now;
    agent.state = next;
    this.setTimer(agent.timer, nextAgentDeadline(next));
    if (previous.status !== next.status || previous.presence !== next.presence || previous.reason !== next.reason) {
      this.emit({ type: 'agent_state', at, agentId: agent.profile.id, status: next.status, presence: next.presence, reason: next.reason });
    }
    // Availability and every routing key follow from presence, connection and the amount of work;
    // when none of them moved (an accept, a call turning into wrap-up) the pools are already right.
    const routingUnchanged =
      !offeredFrom && previous.presence === next.presence && previous.connected === next.connected && previous.work.length === next.work.length && previous.capacity === next.capacity;
    if (routingUnchanged) return;
    this.detach(agent);
    if (previous.presence === 'offline' && next.presence !== 'offline') {
      agent.loggedInAt = at;
      agent.workedMs = 0;
      agent.workingSince = next.work.length > 0 ? at : null;
    }
    if (previous.work.length === 0 && next.work.length > 0) agent.workingSince = at;
    if (previous.work.length > 0 && next.work.length === 0 && agent.workingSince !== null) {
      agent.workedMs += at - agent.workingSince;
      agent.workingSince = null;
    }
    if (previous.work.length !== next.work.length || (previous.presence !== 'ready' && next.presence === 'ready')) agent.idleSince = at;
    const working = agent.workingSince === null ? 0 : at - agent.workingSince;
    agent.occupancy = (agent.workedMs + working) / Math.max(1, at - agent.loggedInAt);
    if (offeredFrom) offeredFrom.lastOfferTicket = ++offeredFrom.queue.offerTicket;
    this.attach(agent);
  }

  private detach(agent: AgentRecord): void {
    for (const membership of agent.memberships) membership.queue.pools[membership.step]?.remove(membership);
  }

  /** Puts the agent into the pools where it can take one more interaction, and keeps staffing counts right. */
  private attach(agent: AgentRecord): void {
    const staffed = agent.state.presence === 'ready' && agent.state.connected;
    for (const membership of agent.memberships) {
      if (staffed !== agent.staffed) membership.queue.staffedAgents += staffed ? 1 : -1;
      if (canTake(agent.state, membership.queue.config.channel)) membership.queue.pools[membership.step]?.push(membership);
    }
    agent.staffed = staffed;
  }

  /** Creates the agent's memberships in every queue it qualifies for; they join pools on `attach`. */
  private qualify(agent: AgentRecord): void {
    for (const queue of this.queues.values()) this.addMembership(agent, queue);
  }

  private addMembership(agent: AgentRecord, queue: QueueRecord): Membership | undefined {
    if (agent.profile.tenantId !== queue.config.tenantId) return undefined;
    const step = qualifyingStep(agent.profile.skills, queue.config);
    if (step === null) return undefined;
    const membership: Membership = { heapIndex: -1, agent, queue, step, skillScore: skillScore(agent.profile.skills, queue.config), lastOfferTicket: 0 };
    agent.memberships.push(membership);
    queue.members.add(membership);
    if (agent.staffed) queue.staffedAgents += 1;
    return membership;
  }

  private dropMembership(membership: Membership): void {
    const { agent, queue } = membership;
    queue.pools[membership.step]?.remove(membership);
    queue.members.delete(membership);
    if (agent.staffed) queue.staffedAgents -= 1;
    agent.memberships = agent.memberships.filter((other) => other !== membership);
  }

  /** Offers waiting work to the agent for as long as it has capacity and a queue it serves has work it may take. */
  private dispatchAgent(agent: AgentRecord): void {
    for (;;) {
      let best: LiveInteraction | undefined;
      for (const membership of agent.memberships) {
        if (!canTake(agent.state, membership.queue.config.channel)) continue;
        const tiers = membership.queue.tiers;
        for (let step = membership.step; step < tiers.length; step++) {
          const head = firstNotHeldBy(tiers[step] as LiveInteraction[], agent);
          if (head && (!best || servesBefore(head, best))) best = head;
        }
      }
      if (!best) return;
      this.offer(best, agent);
    }
  }

  private finishWork(item: WorkItem, agent: AgentRecord, timedOut: boolean): void {
    const queue = this.queues.get(item.queueId);
    if (queue && item.acceptedAt !== null) {
      queue.smoothedHandleMs += (this.now - item.acceptedAt - queue.smoothedHandleMs) * HANDLE_TIME_SMOOTHING;
    }
    this.emit({ type: 'wrap_up_ended', at: this.now, interactionId: item.interactionId, agentId: agent.profile.id, timedOut });
  }

  private fireAgentTimer(agent: AgentRecord): void {
    const now = this.now;
    for (const item of agent.state.work) {
      if (item.deadline === null || item.deadline > now) continue;
      const type = item.phase === 'reserved' ? 'ring_timeout' : 'wrap_up_done';
      this.mustApply(agent, { type, at: now, interactionId: item.interactionId }, true);
    }
    if (agent.state.graceDeadline !== null && agent.state.graceDeadline <= now) this.mustApply(agent, { type: 'grace_expired', at: now }, true);
    this.dispatchAgent(agent);
  }

  // ---------------------------------------------------------------- interactions

  private createInteraction(entry: InteractionSnapshot): LiveInteraction {
    const queue = this.queues.get(entry.queueId) as QueueRecord;
    const interaction: LiveInteraction = {
      id: entry.id,
      channel: queue.config.channel,
      priority: entry.priority,
      enqueuedAt: entry.enqueuedAt,
      seq: this.nextSeq++,
      queue,
      queuedAt: entry.queuedAt,
      step: 0,
      status: 'queued',
      agent: null,
      timer: this.newTimer(),
    };
    interaction.timer.fire = () => this.fireQueueTimer(interaction);
    return interaction;
  }

  /** Enters a queue, unless it is full: then its limit action applies, possibly through a chain of queues. */
  private admit(interaction: LiveInteraction, queue: QueueRecord, reason: QueuedReason, from: QueueRecord | null): void {
    let target = queue;
    let why = reason;
    let source = from;
    for (;;) {
      const limits = target.config.limits;
      const full = limits?.maxLength != null && this.waitingCount(target) >= limits.maxLength && !target.pools[0]?.size;
      if (!limits || !full) break;
      if (limits.action.type !== 'queue') {
        this.forget(interaction);
        this.emit({ type: 'limit_reached', at: this.now, interactionId: interaction.id, queueId: target.config.id, limit: 'max_length', action: limits.action.type });
        return;
      }
      source = target;
      why = 'queue_full';
      target = this.queues.get(limits.action.queueId) as QueueRecord;
    }
    interaction.queue = target;
    interaction.queuedAt = this.now;
    this.interactions.set(interaction.id, interaction);
    this.wait(interaction, why, source);
    this.dispatchInteraction(interaction);
  }

  /**
   * Puts a registered interaction into its queue at the widening step its time there has earned,
   * and arms its timer. `reason` null: it was waiting already (widening, restore, queue rebuild).
   */
  private wait(interaction: LiveInteraction, reason: QueuedReason | null, from: QueueRecord | null = null): void {
    const queue = interaction.queue;
    interaction.status = 'queued';
    interaction.agent = null;
    interaction.step = stepAfter(queue.config, this.now - interaction.queuedAt);
    insertSorted(queue.tiers[interaction.step] as LiveInteraction[], interaction);
    this.setTimer(interaction.timer, nextQueueDeadline(interaction));
    if (reason) {
      this.emit({
        type: 'queued',
        at: this.now,
        interactionId: interaction.id,
        queueId: queue.config.id,
        reason,
        fromQueueId: from?.config.id ?? null,
        step: interaction.step,
      });
    }
  }

  /**
   * Offers the interaction to the best available agent allowed to serve it, if any. An agent still
   * wrapping up this very interaction (it was transferred back to a queue) is passed over.
   */
  private dispatchInteraction(interaction: LiveInteraction): void {
    const queue = interaction.queue;
    const before = agentOrder(queue.config.strategy);
    const passedOver: Membership[] = [];
    let best: Membership | undefined;
    for (;;) {
      best = undefined;
      for (let step = 0; step <= interaction.step; step++) {
        const top = queue.pools[step]?.peek();
        if (top && (!best || before(top, best))) best = top;
      }
      if (!best || !holds(best.agent, interaction.id)) break;
      queue.pools[best.step]?.remove(best);
      passedOver.push(best);
    }
    for (const membership of passedOver) queue.pools[membership.step]?.push(membership);
    if (best) this.offer(interaction, best.agent);
  }

  private offer(interaction: LiveInteraction, agent: AgentRecord): void {
    const queue = interaction.queue;
    const transition = applyAgentEvent(agent.state, {
      type: 'offer',
      at: this.now,
      interactionId: interaction.id,
      channel: interaction.channel,
      queueId: queue.config.id,
      ringTimeoutMs: queue.config.ringTimeoutSeconds * 1000,
    });
    if (!transition.ok) throw new Error(`router offered to an agent who cannot take it: ${transition.error.message}`);
    this.removeFromTier(interaction);
    this.setTimer(interaction.timer, null);
    interaction.status = 'offered';
    interaction.agent = agent;
    const item = transition.state.work[transition.state.work.length - 1] as WorkItem;
    this.emit({ type: 'offer', at: this.now, interactionId: interaction.id, agentId: agent.profile.id, queueId: queue.config.id, ringDeadline: item.deadline as number });
    this.commit(agent, transition.state, agent.memberships.find((membership) => membership.queue === queue));
  }

  /** An offer ended unanswered: back to its queue in its old place (its enqueue time and sequence are unchanged). */
  private requeue(item: WorkItem, agent: AgentRecord, reason: OfferCancelReason): void {
    this.emit({ type: 'offer_cancelled', at: this.now, interactionId: item.interactionId, agentId: agent.profile.id, reason });
    const interaction = this.interactions.get(item.interactionId);
    if (!interaction) return;
    this.wait(interaction, 'requeue');
    this.dispatchInteraction(interaction);
  }

  /** Maximum wait beats overflow, which beats widening, when several fall due together. */
  private fireQueueTimer(interaction: LiveInteraction): void {
    const queue = interaction.queue;
    const { limits, overflow } = queue.config;
    const waitedMs = this.now - interaction.queuedAt;
    this.removeFromTier(interaction);
    if (limits?.maxWaitSeconds != null && waitedMs >= limits.maxWaitSeconds * 1000) {
      if (limits.action.type === 'queue') {
        this.admit(interaction, this.queues.get(limits.action.queueId) as QueueRecord, 'max_wait', queue);
      } else {
        this.forget(interaction);
        this.emit({ type: 'limit_reached', at: this.now, interactionId: interaction.id, queueId: queue.config.id, limit: 'max_wait', action: limits.action.type });
      }
      return;
    }
    if (overflow && waitedMs >= overflow.afterSeconds * 1000) {
      this.admit(interaction, this.queues.get(overflow.queueId) as QueueRecord, 'overflow', queue);
      return;
    }
    this.wait(interaction, null);
    this.emit({ type: 'widened', at: this.now, interactionId: interaction.id, queueId: queue.config.id, step: interaction.step });
    this.dispatchInteraction(interaction);
  }

  private removeFromTier(interaction: LiveInteraction): void {
    const tier = interaction.queue.tiers[interaction.step] as LiveInteraction[];
    const index = lowerBound(tier, interaction);
    if (tier[index] !== interaction) throw new Error(`interaction ${interaction.id} is not where the router left it`);
    tier.splice(index, 1);
  }

  /** Drops a router-held interaction: answered, abandoned or gone to a limit action. */
  private forget(interaction: LiveInteraction): void {
    this.setTimer(interaction.timer, null);
    this.interactions.delete(interaction.id);
  }

  // ---------------------------------------------------------------- queues

  /** Creates a queue, or re-forms an existing one in place (so interactions' references stay valid) after a config change. */
  private rebuildQueue(existing: QueueRecord | undefined, config: QueueConfig): QueueRecord {
    const waiting = existing ? this.waitingIn(existing) : [];
    if (existing) for (const membership of [...existing.members]) this.dropMembership(membership);
    const queue: QueueRecord = existing ?? {
      config,
      tiers: [],
      pools: [],
      members: new Set(),
      staffedAgents: 0,
      offerTicket: 0,
      smoothedHandleMs: config.expectedHandleSeconds * 1000,
    };
    const before = agentOrder(config.strategy);
    queue.config = config;
    queue.tiers = Array.from({ length: config.widening.length + 1 }, () => []);
    queue.pools = Array.from({ length: config.widening.length + 1 }, () => new IndexedHeap<Membership>(before));
    this.queues.set(config.id, queue);
    for (const agent of this.agents.values()) {
      const membership = this.addMembership(agent, queue);
      if (membership && canTake(agent.state, config.channel)) queue.pools[membership.step]?.push(membership);
    }
    for (const interaction of waiting) this.wait(interaction, null);
    return queue;
  }

  private waitingIn(queue: QueueRecord): LiveInteraction[] {
    return queue.tiers.flat();
  }

  private waitingCount(queue: QueueRecord): number {
    let count = 0;
    for (const tier of queue.tiers) count += tier.length;
    return count;
  }

  private holdsInteractions(queue: QueueRecord): boolean {
    for (const interaction of this.interactions.values()) if (interaction.queue === queue) return true;
    return false;
  }

  private checkSnapshot(snapshot: RouterSnapshot): RoutingError | null {
    if (this.agents.size > 0 || this.interactions.size > 0) return routingError('routing.not_empty', 'restore needs an empty router');
    const listed = new Set<string>();
    for (const interaction of snapshot.interactions) {
      if (!this.queues.has(interaction.queueId)) return routingError('routing.unknown_queue', `${interaction.id} waits in unknown queue ${interaction.queueId}`);
      if (listed.has(interaction.id)) return routingError('routing.duplicate_interaction', `${interaction.id} is listed twice`);
      listed.add(interaction.id);
    }
    const held = new Set<string>();
    for (const { profile, state } of snapshot.agents) {
      for (const item of state.work) {
        if (item.phase === 'reserved' ? !listed.has(item.interactionId) : listed.has(item.interactionId) || held.has(item.interactionId)) {
          return routingError('routing.duplicate_interaction', `agent ${profile.id} holds ${item.interactionId}, which is missing or held elsewhere`);
        }
        if (item.phase !== 'reserved') held.add(item.interactionId);
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- timers

  private newTimer(): TimerEntry {
    return { heapIndex: -1, dueAt: 0, tiebreak: this.nextTiebreak++, fire: () => undefined };
  }

  private setTimer(entry: TimerEntry, dueAt: number | null): void {
    if (dueAt === null) {
      this.timers.remove(entry);
      return;
    }
    entry.dueAt = dueAt;
    if (this.timers.has(entry)) this.timers.update(entry);
    else this.timers.push(entry);
  }

  private fireDueTimers(): void {
    for (let entry = this.timers.peek(); entry && entry.dueAt <= this.now; entry = this.timers.peek()) {
      this.timers.remove(entry);
      entry.fire();
    }
  }
}

function formatPath(path: readonly (string | number)[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function holds(agent: AgentRecord, interactionId: string): boolean {
  for (const item of agent.state.work) if (item.interactionId === interactionId) return true;
  return false;
}

/** The first waiting interaction the agent does not hold already (it may be wrapping one up after a transfer). */
function firstNotHeldBy(tier: readonly LiveInteraction[], agent: AgentRecord): LiveInteraction | undefined {
  for (const interaction of tier) if (!holds(agent, interaction.id)) return interaction;
  return undefined;
}

function cancelReason(event: AgentEvent): OfferCancelReason {
  switch (event.type) {
    case 'reject':
      return 'rejected';
    case 'disconnect':
      return 'agent_disconnected';
    case 'supervisor_force':
      return 'agent_logged_out';
    default:
      return 'ring_timeout';
  }
}

/** Higher priority first; then whoever started waiting first; then whoever arrived at the router first. */
function waitsBefore(a: LiveInteraction, b: LiveInteraction): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.enqueuedAt !== b.enqueuedAt) return a.enqueuedAt < b.enqueuedAt;
  return a.seq < b.seq;
}

/** Across queues an available agent takes from the highest-priority queue first, then by `waitsBefore`. */
function servesBefore(a: LiveInteraction, b: LiveInteraction): boolean {
  if (a.queue.config.priority !== b.queue.config.priority) return a.queue.config.priority > b.queue.config.priority;
  return waitsBefore(a, b);
}

function lowerBound(tier: readonly LiveInteraction[], interaction: LiveInteraction): number {
  let low = 0;
  let high = tier.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (waitsBefore(tier[middle] as LiveInteraction, interaction)) low = middle + 1;
    else high = middle;
  }
  return low;
}

function insertSorted(tier: LiveInteraction[], interaction: LiveInteraction): void {
  tier.splice(lowerBound(tier, interaction), 0, interaction);
}

function stepAfter(config: QueueConfig, waitedMs: number): number {
  let step = 0;
  while (step < config.widening.length && waitedMs >= (config.widening[step] as { afterSeconds: number }).afterSeconds * 1000) step++;
  return step;
}

function nextQueueDeadline(interaction: LiveInteraction): number | null {
  const { widening, overflow, limits } = interaction.queue.config;
  const candidates: number[] = [];
  const nextWidening = widening[interaction.step];
  if (nextWidening) candidates.push(nextWidening.afterSeconds);
  if (overflow) candidates.push(overflow.afterSeconds);
  if (limits?.maxWaitSeconds != null) candidates.push(limits.maxWaitSeconds);
  return candidates.length === 0 ? null : interaction.queuedAt + Math.min(...candidates) * 1000;
}

/**
 * Estimated wait for the interaction at `position`: position × smoothed handle time ÷ staffed agents.
 * With n agents each finishing on average every H, someone frees up every H/n, and position p is
 * served at the p-th such moment. Null when nobody is staffed.
 */
function estimatedWait(queue: QueueRecord, position: number): number | null {
  if (queue.staffedAgents === 0) return null;
  return Math.round((position * queue.smoothedHandleMs) / queue.staffedAgents);
}

const byIdle = (a: Membership, b: Membership) => a.agent.idleSince < b.agent.idleSince || (a.agent.idleSince === b.agent.idleSince && a.agent.ordinal < b.agent.ordinal);

function agentOrder(strategy: RoutingStrategy): (a: Membership, b: Membership) => boolean {
  switch (strategy) {
    case 'longest_idle':
      return byIdle;
    case 'most_skilled':
      return (a, b) => a.skillScore > b.skillScore || (a.skillScore === b.skillScore && byIdle(a, b));
    case 'round_robin':
      return (a, b) => a.lastOfferTicket < b.lastOfferTicket || (a.lastOfferTicket === b.lastOfferTicket && a.agent.ordinal < b.agent.ordinal);
    case 'least_occupied':
      return (a, b) => {
        const workA = a.agent.state.work.length;
        const workB = b.agent.state.work.length;
        if (workA !== workB) return workA < workB;
        if (a.agent.occupancy !== b.agent.occupancy) return a.agent.occupancy < b.agent.occupancy;
        return byIdle(a, b);
      };
  }
}
