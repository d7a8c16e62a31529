/**
 * The agent state machine: a pure function from (state, event) to the next state or a refusal with a
 * stable code. Nothing here reads a clock; every event carries its own time.
 *
 * An agent's state has two parts, as in most multi-channel ACDs:
 * - presence, which the agent or a supervisor chooses: offline, ready, or not ready with a reason;
 * - work items, one per interaction the agent holds, each reserved (ringing), busy or in wrap-up.
 * The status shown on desktops and wallboards is derived from both: a ringing offer shows as
 * reserved, then busy, then wrap-up, and only an agent without work shows its presence. Keeping
 * them apart lets an agent on a call ask for a break (no new offers, the call goes on) and lets a
 * chat agent hold several chats at once.
 */
import { routingError, type RoutingError } from './routing-error.ts';

export const CHANNELS = ['voice', 'chat', 'email', 'messaging'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * Why an agent is not ready. The first six are chosen by agents; the rest are set by the system:
 * `missed` after a ring-no-answer, `rejected` after declining an offer, `login` right after logging
 * in, `disconnected` when the desktop stayed away longer than the grace period.
 */
export const NOT_READY_REASONS = [
  'break',
  'meal',
  'meeting',
  'training',
  'coaching',
  'outbound',
  'missed',
  'rejected',
  'login',
  'disconnected',
] as const;
export type NotReadyReason = (typeof NOT_READY_REASONS)[number];

export type Presence = 'offline' | 'ready' | 'not_ready';
export type AgentStatus = Presence | 'reserved' | 'busy' | 'wrap_up';
export type WorkPhase = 'reserved' | 'busy' | 'wrap_up';

export interface AgentCapacity {
  /** Concurrent interactions per channel, e.g. `{ voice: 1, chat: 3 }`; a missing channel is never offered. */
  channels: Partial<Record<Channel, number>>;
  /** When false, voice is never offered while the agent holds other work, and nothing else while on voice. */
  blendVoice: boolean;
}

export const DEFAULT_CAPACITY: AgentCapacity = { channels: { voice: 1 }, blendVoice: false };

export interface WorkItem {
  interactionId: string;
  channel: Channel;
  queueId: string;
  phase: WorkPhase;
  offeredAt: number;
  acceptedAt: number | null;
  /** When the ring (reserved) or the after-call work (wrap_up) runs out; null while busy. */
  deadline: number | null;
}

export interface AgentState {
  presence: Presence;
  /** Set exactly when presence is not_ready. */
  reason: NotReadyReason | null;
  /** Whether the agent's desktop is connected; a disconnected agent is never offered work. */
  connected: boolean;
  /** When a disconnected agent who is still ready turns not ready. */
  graceDeadline: number | null;
  work: readonly WorkItem[];
  capacity: AgentCapacity;
  status: AgentStatus;
  /** When status or reason last changed: the "time in state" a desktop shows. */
  statusSince: number;
}

export type ForceTarget = { presence: 'ready' } | { presence: 'offline' } | { presence: 'not_ready'; reason: NotReadyReason };

export type AgentEvent =
  | { type: 'login'; at: number }
  | { type: 'logout'; at: number }
  | { type: 'set_ready'; at: number }
  | { type: 'set_not_ready'; at: number; reason: NotReadyReason }
  | { type: 'offer'; at: number; interactionId: string; channel: Channel; queueId: string; ringTimeoutMs: number }
  | { type: 'accept'; at: number; interactionId: string }
  | { type: 'reject'; at: number; interactionId: string }
  | { type: 'ring_timeout'; at: number; interactionId: string }
  /** The customer left while the offer was ringing. */
  | { type: 'offer_withdrawn'; at: number; interactionId: string }
  /** The conversation is over; wrap-up follows unless the queue allows none (`maxWrapUpMs` 0). */
  | { type: 'interaction_ended'; at: number; interactionId: string; maxWrapUpMs: number }
  | { type: 'wrap_up_done'; at: number; interactionId: string }
  | { type: 'disconnect'; at: number; graceMs: number }
  | { type: 'reconnect'; at: number }
  | { type: 'grace_expired'; at: number }
  | { type: 'supervisor_force'; at: number; target: ForceTarget };

export type AgentEffect =
  /** An offer ended unanswered; the interaction goes back to its queue, keeping its place. */
  | { type: 'requeue'; item: WorkItem }
  /** The agent is done with an interaction (after wrap-up, or at its end when there is none). */
  | { type: 'work_finished'; item: WorkItem };

export type AgentTransition =
  | { ok: true; state: AgentState; effects: readonly AgentEffect[] }
  | { ok: false; error: RoutingError };

export function newAgentState(capacity: AgentCapacity, at: number): AgentState {
  return {
    presence: 'offline',
    reason: null,
    connected: false,
    graceDeadline: null,
    work: [],
    capacity,
    status: 'offline',
    statusSince: at,
  };
}

export function deriveStatus(presence: Presence, work: readonly WorkItem[]): AgentStatus {
  if (work.some((item) => item.phase === 'reserved')) return 'reserved';
  if (work.some((item) => item.phase === 'busy')) return 'busy';
  if (work.length > 0) return 'wrap_up';
  return presence;
}

/** Whether the agent can be offered one more interaction on this channel now. */
export function canTake(state: AgentState, channel: Channel): boolean {
  if (state.presence !== 'ready' || !state.connected) return false;
  const limit = state.capacity.channels[channel] ?? 0;
  let sameChannel = 0;
  let otherChannels = 0;
  let onVoice = false;
  for (const item of state.work) {
    if (item.channel === channel) sameChannel += 1;
    else otherChannels += 1;
    if (item.channel === 'voice') onVoice = true;
  }
  if (sameChannel >= limit) return false;
  if (state.capacity.blendVoice) return true;
  return channel === 'voice' ? otherChannels === 0 : !onVoice;
}

/** The earliest time at which the agent's state changes by itself (ring, wrap-up or grace running out). */
export function nextAgentDeadline(state: AgentState): number | null {
  let earliest = state.graceDeadline;
  for (const item of state.work) {
    if (item.deadline !== null && (earliest === null || item.deadline < earliest)) earliest = item.deadline;
  }
  return earliest;
}

const refuse = (code: RoutingError['code'], message: string): AgentTransition => ({ ok: false, error: routingError(code, message) });
const invalid = (state: AgentState, event: AgentEvent): AgentTransition =>
  refuse('routing.invalid_transition', `${event.type} is not allowed while ${describe(state)}`);

function describe(state: AgentState): string {
  return state.presence === 'not_ready' ? `not_ready (${state.reason})` : state.status;
}

export function applyAgentEvent(state: AgentState, event: AgentEvent): AgentTransition {
  switch (event.type) {
    case 'login':
      if (state.presence !== 'offline') return invalid(state, event);
      return settle(state, event.at, { presence: 'not_ready', reason: 'login', connected: true, graceDeadline: null });

    case 'logout':
      if (state.presence === 'offline') return invalid(state, event);
      if (state.work.length > 0) return refuse('routing.agent_has_work', 'finish the current interactions before logging out');
      return settle(state, event.at, { presence: 'offline', reason: null });

    case 'set_ready':
      if (state.presence !== 'not_ready') return invalid(state, event);
      return settle(state, event.at, { presence: 'ready', reason: null });

    case 'set_not_ready':
      if (state.presence === 'offline' || state.reason === event.reason) return invalid(state, event);
      return settle(state, event.at, { presence: 'not_ready', reason: event.reason });

    case 'offer': {
      if (state.presence !== 'ready' || !state.connected) {
        return refuse('routing.agent_unavailable', `cannot offer to an agent who is ${describe(state)}${state.connected ? '' : ', disconnected'}`);
      }
      if (findItem(state, event.interactionId)) return refuse('routing.duplicate_interaction', `${event.interactionId} is already with this agent`);
      if (!canTake(state, event.channel)) return refuse('routing.capacity_exceeded', `no ${event.channel} capacity left`);
      const item: WorkItem = {
        interactionId: event.interactionId,
        channel: event.channel,
        queueId: event.queueId,
        phase: 'reserved',
        offeredAt: event.at,
        acceptedAt: null,
        deadline: event.at + event.ringTimeoutMs,
      };
      return settle(state, event.at, { work: [...state.work, item] });
    }

    case 'accept': {
      const item = findItem(state, event.interactionId);
      if (!item) return refuse('routing.unknown_offer', `no offer of ${event.interactionId} is ringing`);
      if (item.phase !== 'reserved') return refuse('routing.offer_already_accepted', `${event.interactionId} was already accepted`);
      return settle(state, event.at, { work: replaceItem(state, { ...item, phase: 'busy', acceptedAt: event.at, deadline: null }) });
    }

    case 'reject':
    case 'ring_timeout':
    case 'offer_withdrawn': {
      const item = findItem(state, event.interactionId);
      if (!item) return refuse('routing.unknown_offer', `no offer of ${event.interactionId} is ringing`);
      if (item.phase !== 'reserved') return refuse('routing.offer_already_accepted', `${event.interactionId} was already accepted`);
      const work = removeItem(state, item);
      if (event.type === 'offer_withdrawn') return settle(state, event.at, { work });
      // An agent who let an offer go is probably away from the desk, so stop offering until they say ready again.
      const reason: NotReadyReason = event.type === 'reject' ? 'rejected' : 'missed';
      const presence = state.presence === 'ready' ? { presence: 'not_ready' as const, reason } : {};
      return settle(state, event.at, { ...presence, work }, [{ type: 'requeue', item }]);
    }

    case 'interaction_ended': {
      const item = findItem(state, event.interactionId);
      if (!item) return refuse('routing.unknown_work', `${event.interactionId} is not with this agent`);
      if (item.phase !== 'busy') return invalid(state, event);
      if (event.maxWrapUpMs <= 0) return settle(state, event.at, { work: removeItem(state, item) }, [{ type: 'work_finished', item }]);
      const wrapping: WorkItem = { ...item, phase: 'wrap_up', deadline: event.at + event.maxWrapUpMs };
      return settle(state, event.at, { work: replaceItem(state, wrapping) });
    }

    case 'wrap_up_done': {
      const item = findItem(state, event.interactionId);
      if (!item) return refuse('routing.unknown_work', `${event.interactionId} is not with this agent`);
      if (item.phase !== 'wrap_up') return invalid(state, event);
      return settle(state, event.at, { work: removeItem(state, item) }, [{ type: 'work_finished', item }]);
    }

    case 'disconnect': {
      if (!state.connected) return invalid(state, event);
      // Nobody can answer a ringing offer on a desktop that is gone, so those go back at once;
      // presence waits for the grace period, since most disconnects are short network blips.
      const { kept, released } = releaseOffers(state);
      return settle(
        state,
        event.at,
        { connected: false, graceDeadline: event.at + event.graceMs, work: kept },
        released.map((item) => ({ type: 'requeue', item })),
      );
    }

    case 'reconnect':
      if (state.connected) return invalid(state, event);
      return settle(state, event.at, { connected: true, graceDeadline: null });

    case 'grace_expired': {
      if (state.connected || state.graceDeadline === null) return invalid(state, event);
      const presence = state.presence === 'ready' ? { presence: 'not_ready' as const, reason: 'disconnected' as const } : {};
      return settle(state, event.at, { ...presence, graceDeadline: null });
    }

    case 'supervisor_force': {
      const { target } = event;
      if (target.presence === 'offline') {
        if (state.presence === 'offline') return invalid(state, event);
        // Live conversations go on; only ringing offers are taken back.
        const { kept, released } = releaseOffers(state);
        return settle(
          state,
          event.at,
          { presence: 'offline', reason: null, work: kept },
          released.map((item) => ({ type: 'requeue', item })),
        );
      }
      if (target.presence === 'ready') {
        if (state.presence === 'ready') return invalid(state, event);
        return settle(state, event.at, { presence: 'ready', reason: null });
      }
      if (state.reason === target.reason) return invalid(state, event);
      return settle(state, event.at, { presence: 'not_ready', reason: target.reason });
    }
  }
}

function findItem(state: AgentState, interactionId: string): WorkItem | undefined {
  return state.work.find((item) => item.interactionId === interactionId);
}

function replaceItem(state: AgentState, next: WorkItem): WorkItem[] {
  return state.work.map((item) => (item.interactionId === next.interactionId ? next : item));
}

function removeItem(state: AgentState, gone: WorkItem): WorkItem[] {
  return state.work.filter((item) => item !== gone);
}

function releaseOffers(state: AgentState): { kept: WorkItem[]; released: WorkItem[] } {
  const kept: WorkItem[] = [];
  const released: WorkItem[] = [];
  for (const item of state.work) (item.phase === 'reserved' ? released : kept).push(item);
  return { kept, released };
}

/**
 * Builds the next state and keeps the derived status and its start time consistent. The state is
 * written out field by field rather than spread, so every state has the same shape (routing is hot).
 */
function settle(
  state: AgentState,
  at: number,
  changes: Partial<Pick<AgentState, 'presence' | 'reason' | 'connected' | 'graceDeadline' | 'work'>>,
  effects: readonly AgentEffect[] = [],
): AgentTransition {
  const presence = changes.presence ?? state.presence;
  const reason = changes.reason === undefined ? state.reason : changes.reason;
  const work = changes.work ?? state.work;
  const status = deriveStatus(presence, work);
  const next: AgentState = {
    presence,
    reason,
    connected: changes.connected ?? state.connected,
    graceDeadline: changes.graceDeadline === undefined ? state.graceDeadline : changes.graceDeadline,
    work,
    capacity: state.capacity,
    status,
    statusSince: status !== state.status || reason !== state.reason ? at : state.statusSince,
  };
  return { ok: true, state: next, effects };
}
