/**
 * Drives the router and the agent state machine through random (seeded) event orders and checks
 * the invariants after every step. A model of each queue is rebuilt from the decisions alone, in
 * order, so every offer can be checked against the queue as it stood at that moment.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom, type RandomSource } from '../../platform/random.ts';
import { canTake, NOT_READY_REASONS, type AgentState } from './agent-state.ts';
import { qualifyingStep, type AgentProfile, type QueueConfig } from './queue-config.ts';
import type { AgentCommand, RoutingDecision, RoutingResult } from './router.ts';
import { agent, queue, routerWith } from './testing.ts';

const QUEUES: QueueConfig[] = [
  queue({
    id: 'repairs',
    skills: [{ skill: 'repairs', minLevel: 6 }],
    widening: [
      { afterSeconds: 20, levelReduction: 2 },
      { afterSeconds: 45, levelReduction: 4 },
    ],
    overflow: { afterSeconds: 90, queueId: 'general' },
    ringTimeoutSeconds: 15,
    maxWrapUpSeconds: 20,
  }),
  queue({
    id: 'complaints',
    priority: 5,
    strategy: 'most_skilled',
    skills: [
      { skill: 'complaints', minLevel: 5 },
      { skill: 'repairs', minLevel: 2 },
    ],
    widening: [{ afterSeconds: 30, levelReduction: 3 }],
    limits: { maxLength: 4, maxWaitSeconds: 150, action: { type: 'queue', queueId: 'general' } },
    ringTimeoutSeconds: 10,
    maxWrapUpSeconds: 0,
  }),
  queue({
    id: 'general',
    strategy: 'round_robin',
    skills: [{ skill: 'general', minLevel: 1 }],
    limits: { maxLength: 6, maxWaitSeconds: 240, action: { type: 'callback' } },
    maxWrapUpSeconds: 30,
  }),
  queue({ id: 'chat', channel: 'chat', strategy: 'least_occupied', skills: [{ skill: 'general', minLevel: 2 }], maxWrapUpSeconds: 10 }),
  queue({ id: 'other-tenant', tenantId: 'tenant-2', skills: [{ skill: 'general', minLevel: 1 }] }),
];
const QUEUE_BY_ID = new Map(QUEUES.map((config) => [config.id, config]));
const TENANT_QUEUES = QUEUES.map((config) => config.id);

function randomAgents(rng: RandomSource, count: number): AgentProfile[] {
  const pick = <T,>(values: readonly T[]): T => values[Math.floor(rng.next() * values.length)] as T;
  return Array.from({ length: count }, (_, index) => {
    const skills: Record<string, number> = {};
    for (const skill of ['repairs', 'complaints', 'general']) if (rng.next() < 0.7) skills[skill] = 1 + Math.floor(rng.next() * 10);
    const capacity = pick([{ channels: { voice: 1 } }, { channels: { voice: 1, chat: 2 } }, { channels: { voice: 1, chat: 3 }, blendVoice: true }, { channels: { chat: 3 } }]);
    return agent(`agent-${index}`, skills, { capacity, ...(index === count - 1 ? { tenantId: 'tenant-2' } : {}) });
  });
}

interface Keys {
  priority: number;
  enqueuedAt: number;
  arrival: number;
  queuedAt: number;
}

interface Waiting extends Keys {
  queueId: string;
  step: number;
}

/** (priority desc, enqueue time asc, arrival order asc): the order the issue asks for. */
const waitsBefore = (a: Keys, b: Keys) =>
  a.priority !== b.priority ? a.priority > b.priority : a.enqueuedAt !== b.enqueuedAt ? a.enqueuedAt < b.enqueuedAt : a.arrival < b.arrival;

function runScenario(seed: number, steps: number): void {
  const rng = seededRandom(seed);
  const profiles = randomAgents(rng, 10);
  const profileById = new Map(profiles.map((profile) => [profile.id, profile]));
  const { router, clock } = routerWith(QUEUES, profiles, 1_000);
  const agentStep = (agentId: string, queueId: string) => {
    const profile = profileById.get(agentId) as AgentProfile;
    const config = QUEUE_BY_ID.get(queueId) as QueueConfig;
    return profile.tenantId === config.tenantId ? qualifyingStep(profile.skills, config) : null;
  };

  // The model, built from decisions only.
  const keys = new Map<string, Keys>();
  const waiting = new Map<string, Waiting>();
  const ringing = new Map<string, string>();
  const done = new Set<string>();
  const requestedPriority = new Map<string, number>();
  let arrivals = 0;

  const fail = (message: string): never => {
    throw new Error(`seed ${seed}, t=${clock.now()}: ${message}`);
  };

  function applyDecision(decision: RoutingDecision): void {
    const id = 'interactionId' in decision ? decision.interactionId : '';
    switch (decision.type) {
      case 'queued': {
        if (ringing.has(id)) fail(`${id} queued while ringing`);
        // Overflow and limit moves leave the old queue implicitly.
        waiting.delete(id);
        let known = keys.get(id);
        if (!known) {
          if (decision.reason !== 'arrival' && decision.reason !== 'queue_full') fail(`${id} re-entered a queue it never entered`);
          known = { priority: requestedPriority.get(id) as number, enqueuedAt: decision.at, arrival: arrivals++, queuedAt: decision.at };
          keys.set(id, known);
        }
        if (decision.reason !== 'requeue') known.queuedAt = decision.at;
        waiting.set(id, { ...known, queueId: decision.queueId, step: decision.step });
        return;
      }
      case 'offer': {
        const offered = waiting.get(id) ?? fail(`${id} offered but not waiting`);
        if (offered.queueId !== decision.queueId) fail(`${id} offered from the wrong queue`);
        const step = agentStep(decision.agentId, decision.queueId);
        if (step === null || step > offered.step) fail(`${decision.agentId} may not serve ${id}`);
        for (const [otherId, other] of waiting) {
          if (other.queueId === offered.queueId && other.step >= (step as number) && waitsBefore(other, offered)) {
            fail(`${id} offered to ${decision.agentId} ahead of ${otherId}`);
          }
        }
        waiting.delete(id);
        ringing.set(id, decision.agentId);
        return;
      }
      case 'offer_cancelled':
        if (ringing.get(id) !== decision.agentId) fail(`${id} cancelled but was not ringing at ${decision.agentId}`);
        ringing.delete(id);
        if (decision.reason === 'abandoned') done.add(id);
        return;
      case 'widened': {
        const entry = waiting.get(id) ?? fail(`${id} widened but not waiting`);
        if (decision.step <= entry.step) fail(`${id} widened backwards`);
        entry.step = decision.step;
        return;
      }
      case 'limit_reached':
        waiting.delete(id);
        done.add(id);
        return;
      case 'wrap_up_ended':
        done.add(id);
        return;
      case 'agent_state':
        return;
    }
  }

  function step(result: RoutingResult): void {
    result.decisions.forEach(applyDecision);
    checkInvariants();
  }

  function checkInvariants(): void {
    const now = clock.now();
    const snapshot = router.snapshot();
    const routed = new Set(snapshot.interactions.map((entry) => entry.id));
    const modelled = new Set([...waiting.keys(), ...ringing.keys()]);
    if (routed.size !== modelled.size || [...routed].some((id) => !modelled.has(id))) {
      fail(`router holds [${[...routed].sort()}] but the decisions say [${[...modelled].sort()}]`);
    }

    const holders = new Map<string, string>();
    for (const { profile, state } of snapshot.agents) {
      checkCapacity(profile.id, state);
      for (const item of state.work) {
        if (holders.has(item.interactionId)) fail(`${item.interactionId} is with ${holders.get(item.interactionId)} and ${profile.id}`);
        holders.set(item.interactionId, profile.id);
        if (item.phase === 'reserved') {
          if (ringing.get(item.interactionId) !== profile.id) fail(`${profile.id} is reserved for ${item.interactionId} without a live offer`);
          if (item.deadline === null || item.deadline <= now) fail(`${profile.id} rings for ${item.interactionId} past its deadline`);
        } else if (done.has(item.interactionId) || modelled.has(item.interactionId)) {
          fail(`${item.interactionId} is worked by ${profile.id} but is also elsewhere`);
        }
      }
    }
    for (const [id, agentId] of ringing) if (holders.get(id) !== agentId) fail(`${id} rings at ${agentId}, who does not hold it`);

    for (const id of requestedPriority.keys()) {
      const places = Number(waiting.has(id)) + Number(ringing.has(id)) + Number(holders.has(id) && !ringing.has(id)) + Number(done.has(id) && !holders.has(id));
      if (places !== 1) fail(`${id} is in ${places} places (lost or duplicated)`);
    }

    for (const [id, entry] of waiting) {
      const config = QUEUE_BY_ID.get(entry.queueId) as QueueConfig;
      const waitedMs = now - entry.queuedAt;
      const expectedStep = config.widening.filter((widening) => widening.afterSeconds * 1000 <= waitedMs).length;
      if (entry.step !== expectedStep) fail(`${id} is at widening step ${entry.step}, expected ${expectedStep}`);
      const ahead = [...waiting.values()].filter((other) => other.queueId === entry.queueId && waitsBefore(other, entry)).length;
      if (router.position(id)?.position !== ahead + 1) fail(`${id} is at position ${router.position(id)?.position}, expected ${ahead + 1}`);
      for (const { profile, state } of snapshot.agents) {
        const qualifiesFrom = agentStep(profile.id, entry.queueId);
        if (qualifiesFrom !== null && qualifiesFrom <= entry.step && canTake(state, config.channel)) {
          fail(`${id} waits in ${entry.queueId} while ${profile.id} could take it`);
        }
      }
    }
    const nextTimer = router.nextTimerAt();
    if (nextTimer !== null && nextTimer <= now) fail('a due timer was left unfired');
  }

  function checkCapacity(agentId: string, state: AgentState): void {
    const perChannel = new Map<string, number>();
    for (const item of state.work) perChannel.set(item.channel, (perChannel.get(item.channel) ?? 0) + 1);
    for (const [channel, count] of perChannel) {
      const limit = state.capacity.channels[channel as keyof typeof state.capacity.channels] ?? 0;
      if (count > limit) fail(`${agentId} holds ${count} ${channel} interactions, capacity ${limit}`);
    }
    if (!state.capacity.blendVoice && perChannel.has('voice') && perChannel.size > 1) fail(`${agentId} mixes voice with other work`);
  }

  const pick = <T,>(values: readonly T[]): T | undefined => values[Math.floor(rng.next() * values.length)];

  function randomCommand(state: AgentState): AgentCommand {
    const reserved = state.work.filter((item) => item.phase === 'reserved');
    const busy = state.work.filter((item) => item.phase === 'busy');
    const wrapping = state.work.filter((item) => item.phase === 'wrap_up');
    const roll = rng.next();
    const ringingItem = pick(reserved);
    if (ringingItem && roll < 0.6) {
      const outcome = rng.next();
      const type = outcome < 0.8 ? 'accept' : outcome < 0.9 ? 'reject' : 'ring_timeout';
      return { type, interactionId: ringingItem.interactionId };
    }
    const busyItem = pick(busy);
    if (busyItem && roll < 0.75) return { type: 'interaction_ended', interactionId: busyItem.interactionId };
    const wrappingItem = pick(wrapping);
    if (wrappingItem && roll < 0.85) return { type: 'wrap_up_done', interactionId: wrappingItem.interactionId };
    if (state.presence === 'offline') return { type: 'login' };
    if (state.presence === 'not_ready' && rng.next() < 0.7) return { type: 'set_ready' };
    const commands: AgentCommand[] = [
      { type: 'set_not_ready', reason: pick(NOT_READY_REASONS) ?? 'break' },
      { type: 'logout' },
      { type: state.connected ? 'disconnect' : 'reconnect' },
      { type: 'supervisor_force', target: { presence: 'offline' } },
      { type: 'supervisor_force', target: { presence: 'ready' } },
      { type: 'set_ready' },
      { type: 'accept', interactionId: 'unknown' },
    ];
    return pick(commands) as AgentCommand;
  }

  for (let index = 0; index < steps; index++) {
    clock.advance(Math.floor(rng.next() * 6000));
    // Let due timers fire on their own first, so each request below is judged on its own decisions.
    step(router.advance());
    const roll = rng.next();
    if (roll < 0.3) {
      const id = `i${seed}-${index}`;
      const queueId = pick(TENANT_QUEUES) as string;
      const priority = rng.next() < 0.15 ? 5 : 0;
      requestedPriority.set(id, priority);
      const result = router.enqueue({ interactionId: id, queueId, priority });
      expect(result.error).toBeNull();
      step(result);
    } else if (roll < 0.4) {
      const id = pick([...waiting.keys(), ...ringing.keys()]);
      if (id === undefined) continue;
      const result = router.abandon(id);
      expect(result.error).toBeNull();
      if (waiting.delete(id)) done.add(id);
      step(result);
    } else {
      const profile = pick(profiles) as AgentProfile;
      const before = router.agentState(profile.id) as AgentState;
      const command = randomCommand(before);
      const beforeSnapshot = JSON.stringify(router.snapshot());
      const result = router.agentEvent(profile.id, command);
      if (result.error && (result.decisions.length > 0 || JSON.stringify(router.snapshot()) !== beforeSnapshot)) {
        fail(`refused ${command.type} changed the router`);
      }
      if (!result.error && command.type === 'accept') ringing.delete(command.interactionId);
      step(result);
    }
  }

  // With no more requests, every ring runs out on its own (and takes its agent out of rotation),
  // so following the timers must end with nobody reserved.
  for (let timer = router.nextTimerAt(), fired = 0; timer !== null; timer = router.nextTimerAt(), fired++) {
    if (fired > 10_000) fail('timers never settle');
    clock.set(timer);
    step(router.advance());
  }
  for (const { profile, state } of router.snapshot().agents) {
    if (state.work.some((item) => item.phase === 'reserved')) fail(`${profile.id} is stuck reserved`);
  }
}

describe('router property: random event orders keep the invariants', () => {
  it.each(Array.from({ length: 40 }, (_, index) => index + 1))('seed %i', (seed) => {
    runScenario(seed, 600);
  });
});
