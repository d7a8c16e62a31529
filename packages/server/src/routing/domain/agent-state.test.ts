import { describe, expect, it } from 'vitest';
import {
  applyAgentEvent,
  canTake,
  DEFAULT_CAPACITY,
  newAgentState,
  nextAgentDeadline,
  type AgentCapacity,
  type AgentEvent,
  type AgentState,
  type AgentTransition,
} from './agent-state.ts';

/** Applies events in order and fails the test on the first refusal. */
function drive(state: AgentState, ...events: AgentEvent[]): AgentState {
  return events.reduce((current, event) => {
    const result = applyAgentEvent(current, event);
    if (!result.ok) throw new Error(`${event.type} refused: ${result.error.code}`);
    return result.state;
  }, state);
}

function readyAgent(capacity: AgentCapacity = DEFAULT_CAPACITY): AgentState {
  return drive(newAgentState(capacity, 0), { type: 'login', at: 1 }, { type: 'set_ready', at: 2 });
}

const offer = (interactionId: string, at = 10, channel: 'voice' | 'chat' = 'voice'): AgentEvent => ({
  type: 'offer',
  at,
  interactionId,
  channel,
  queueId: 'q',
  ringTimeoutMs: 15_000,
});

function refusal(result: AgentTransition): string {
  if (result.ok) throw new Error('expected a refusal');
  return result.error.code;
}

describe('agent state machine', () => {
  it('logs in not ready, then goes ready', () => {
    const loggedIn = drive(newAgentState(DEFAULT_CAPACITY, 0), { type: 'login', at: 5 });
    expect(loggedIn).toMatchObject({ presence: 'not_ready', reason: 'login', status: 'not_ready', connected: true, statusSince: 5 });
    expect(drive(loggedIn, { type: 'set_ready', at: 9 })).toMatchObject({ presence: 'ready', reason: null, status: 'ready', statusSince: 9 });
  });

  it('walks a call through ringing, talking and wrap-up back to ready', () => {
    const ringing = drive(readyAgent(), offer('c1', 10));
    expect(ringing.status).toBe('reserved');
    expect(nextAgentDeadline(ringing)).toBe(15_010);

    const talking = drive(ringing, { type: 'accept', at: 12, interactionId: 'c1' });
    expect(talking).toMatchObject({ status: 'busy', statusSince: 12 });
    expect(talking.work[0]).toMatchObject({ phase: 'busy', acceptedAt: 12, deadline: null });

    const wrapping = drive(talking, { type: 'interaction_ended', at: 100, interactionId: 'c1', maxWrapUpMs: 30_000 });
    expect(wrapping.status).toBe('wrap_up');
    expect(nextAgentDeadline(wrapping)).toBe(30_100);

    const done = applyAgentEvent(wrapping, { type: 'wrap_up_done', at: 120, interactionId: 'c1' });
    expect(done.ok && done.state).toMatchObject({ status: 'ready', work: [], statusSince: 120 });
    expect(done.ok && done.effects).toEqual([{ type: 'work_finished', item: expect.objectContaining({ interactionId: 'c1', acceptedAt: 12 }) }]);
  });

  it('skips wrap-up when the queue allows none', () => {
    const talking = drive(readyAgent(), offer('c1'), { type: 'accept', at: 11, interactionId: 'c1' });
    const ended = applyAgentEvent(talking, { type: 'interaction_ended', at: 50, interactionId: 'c1', maxWrapUpMs: 0 });
    expect(ended.ok && ended.state.status).toBe('ready');
    expect(ended.ok && ended.effects.map((effect) => effect.type)).toEqual(['work_finished']);
  });

  it('sends a ring-no-answer back to its queue and the agent to not ready "missed"', () => {
    const result = applyAgentEvent(drive(readyAgent(), offer('c1')), { type: 'ring_timeout', at: 15_010, interactionId: 'c1' });
    expect(result.ok && result.state).toMatchObject({ presence: 'not_ready', reason: 'missed', status: 'not_ready', work: [] });
    expect(result.ok && result.effects).toEqual([{ type: 'requeue', item: expect.objectContaining({ interactionId: 'c1' }) }]);
  });

  it('treats a rejected offer like a missed one, with its own reason', () => {
    const result = applyAgentEvent(drive(readyAgent(), offer('c1')), { type: 'reject', at: 11, interactionId: 'c1' });
    expect(result.ok && result.state).toMatchObject({ presence: 'not_ready', reason: 'rejected' });
    expect(result.ok && result.effects.map((effect) => effect.type)).toEqual(['requeue']);
  });

  it('frees the agent without penalty when the customer leaves while it rings', () => {
    const result = applyAgentEvent(drive(readyAgent(), offer('c1')), { type: 'offer_withdrawn', at: 11, interactionId: 'c1' });
    expect(result.ok && result.state).toMatchObject({ presence: 'ready', status: 'ready', work: [] });
    expect(result.ok && result.effects).toEqual([]);
  });

  it('refuses impossible requests with stable codes and leaves the state alone', () => {
    const offline = newAgentState(DEFAULT_CAPACITY, 0);
    expect(refusal(applyAgentEvent(offline, { type: 'set_ready', at: 1 }))).toBe('routing.invalid_transition');
    expect(refusal(applyAgentEvent(offline, { type: 'logout', at: 1 }))).toBe('routing.invalid_transition');
    expect(refusal(applyAgentEvent(offline, offer('c1')))).toBe('routing.agent_unavailable');

    const ready = readyAgent();
    expect(refusal(applyAgentEvent(ready, { type: 'set_ready', at: 3 }))).toBe('routing.invalid_transition');
    expect(refusal(applyAgentEvent(ready, { type: 'accept', at: 3, interactionId: 'nope' }))).toBe('routing.unknown_offer');
    expect(refusal(applyAgentEvent(ready, { type: 'wrap_up_done', at: 3, interactionId: 'nope' }))).toBe('routing.unknown_work');

    const talking = drive(ready, offer('c1'), { type: 'accept', at: 11, interactionId: 'c1' });
    const snapshot = structuredClone(talking);
    expect(refusal(applyAgentEvent(talking, { type: 'accept', at: 12, interactionId: 'c1' }))).toBe('routing.offer_already_accepted');
    expect(refusal(applyAgentEvent(talking, { type: 'logout', at: 12 }))).toBe('routing.agent_has_work');
    expect(refusal(applyAgentEvent(talking, { type: 'wrap_up_done', at: 12, interactionId: 'c1' }))).toBe('routing.invalid_transition');
    expect(refusal(applyAgentEvent(talking, offer('c2', 12)))).toBe('routing.capacity_exceeded');
    expect(talking).toEqual(snapshot);
  });

  it('lets an agent on a call ask for a break that starts once the work is done', () => {
    const talking = drive(readyAgent(), offer('c1'), { type: 'accept', at: 11, interactionId: 'c1' });
    const breakRequested = drive(talking, { type: 'set_not_ready', at: 20, reason: 'break' });
    expect(breakRequested).toMatchObject({ status: 'busy', presence: 'not_ready', reason: 'break' });
    expect(canTake(breakRequested, 'voice')).toBe(false);
    const after = drive(breakRequested, { type: 'interaction_ended', at: 30, interactionId: 'c1', maxWrapUpMs: 0 });
    expect(after).toMatchObject({ status: 'not_ready', reason: 'break', statusSince: 30 });
  });

  it('holds several chats up to capacity and keeps voice away from a chatting agent unless blended', () => {
    const chatCapacity: AgentCapacity = { channels: { voice: 1, chat: 3 }, blendVoice: false };
    let chatting = readyAgent(chatCapacity);
    for (const id of ['a', 'b', 'c']) chatting = drive(chatting, offer(id, 10, 'chat'), { type: 'accept', at: 11, interactionId: id });
    expect(chatting.work).toHaveLength(3);
    expect(refusal(applyAgentEvent(chatting, offer('d', 12, 'chat')))).toBe('routing.capacity_exceeded');

    const oneChat = drive(readyAgent(chatCapacity), offer('a', 10, 'chat'));
    expect(canTake(oneChat, 'voice')).toBe(false);
    expect(canTake(drive(readyAgent({ ...chatCapacity, blendVoice: true }), offer('a', 10, 'chat')), 'voice')).toBe(true);

    const onVoice = drive(readyAgent(chatCapacity), offer('v', 10, 'voice'));
    expect(canTake(onVoice, 'chat')).toBe(false);
  });

  it('requeues a ringing offer at once on disconnect and turns not ready only after the grace period', () => {
    const ringing = drive(readyAgent(), offer('c1'));
    const gone = applyAgentEvent(ringing, { type: 'disconnect', at: 20, graceMs: 30_000 });
    expect(gone.ok && gone.state).toMatchObject({ connected: false, presence: 'ready', status: 'ready', graceDeadline: 30_020, work: [] });
    expect(gone.ok && gone.effects.map((effect) => effect.type)).toEqual(['requeue']);
    const disconnected = gone.ok ? gone.state : ringing;
    expect(canTake(disconnected, 'voice')).toBe(false);
    expect(nextAgentDeadline(disconnected)).toBe(30_020);

    expect(drive(disconnected, { type: 'grace_expired', at: 30_020 })).toMatchObject({ presence: 'not_ready', reason: 'disconnected', graceDeadline: null });

    const back = drive(disconnected, { type: 'reconnect', at: 25 });
    expect(back).toMatchObject({ connected: true, presence: 'ready', graceDeadline: null });
    expect(refusal(applyAgentEvent(back, { type: 'grace_expired', at: 30_020 }))).toBe('routing.invalid_transition');
  });

  it('lets a supervisor log an agent out without cutting a live conversation', () => {
    const capacity: AgentCapacity = { channels: { chat: 2 }, blendVoice: false };
    const state = drive(readyAgent(capacity), offer('talking', 10, 'chat'), { type: 'accept', at: 11, interactionId: 'talking' }, offer('ringing', 12, 'chat'));
    const forced = applyAgentEvent(state, { type: 'supervisor_force', at: 13, target: { presence: 'offline' } });
    expect(forced.ok && forced.state).toMatchObject({ presence: 'offline', status: 'busy' });
    expect(forced.ok && forced.state.work.map((item) => item.interactionId)).toEqual(['talking']);
    expect(forced.ok && forced.effects).toEqual([{ type: 'requeue', item: expect.objectContaining({ interactionId: 'ringing' }) }]);
    const done = drive(forced.ok ? forced.state : state, { type: 'interaction_ended', at: 20, interactionId: 'talking', maxWrapUpMs: 0 });
    expect(done.status).toBe('offline');
  });

  it('lets a supervisor force ready or a reason, but not the state the agent is already in', () => {
    const offline = newAgentState(DEFAULT_CAPACITY, 0);
    expect(drive(offline, { type: 'supervisor_force', at: 1, target: { presence: 'ready' } })).toMatchObject({ presence: 'ready' });
    const coaching = drive(readyAgent(), { type: 'supervisor_force', at: 3, target: { presence: 'not_ready', reason: 'coaching' } });
    expect(coaching).toMatchObject({ presence: 'not_ready', reason: 'coaching' });
    expect(refusal(applyAgentEvent(coaching, { type: 'supervisor_force', at: 4, target: { presence: 'not_ready', reason: 'coaching' } }))).toBe(
      'routing.invalid_transition',
    );
  });
});
