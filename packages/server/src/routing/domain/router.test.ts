import { describe, expect, it } from 'vitest';
import { Router } from './router.ts';
import { accepted, agent, goReady, offers, queue, routerWith } from './testing.ts';

const repairs = (extra: Omit<Parameters<typeof queue>[0], 'id'> = {}) =>
  queue({ id: 'repairs', skills: [{ skill: 'repairs', minLevel: 3 }], maxWrapUpSeconds: 0, ...extra });

describe('router: choosing an agent', () => {
  it('longest idle: the agent ready the longest gets the call', () => {
    const { router, clock } = routerWith([repairs()], [agent('a', { repairs: 5 }), agent('b', { repairs: 5 }), agent('c', { repairs: 5 })]);
    goReady(router, 'b');
    clock.advance(1000);
    goReady(router, 'a');
    clock.advance(1000);
    goReady(router, 'c');
    expect(offers(accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' })))).toEqual(['x→b']);
    expect(offers(accepted(router.enqueue({ interactionId: 'y', queueId: 'repairs' })))).toEqual(['y→a']);
  });

  it('most skilled: the highest level in the queue skills wins', () => {
    const { router } = routerWith([repairs({ strategy: 'most_skilled' })], [agent('a', { repairs: 3 }), agent('b', { repairs: 9 }), agent('c', { repairs: 5 })]);
    goReady(router, 'a', 'b', 'c');
    expect(offers(accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' })))).toEqual(['x→b']);
  });

  it('round robin: the agent this queue offered to least recently, unlike longest idle', () => {
    const profiles = [agent('a', { repairs: 5 }), agent('b', { repairs: 5 }), agent('c', { repairs: 5 })];
    const runDay = (strategy: 'round_robin' | 'longest_idle') => {
      const { router, clock } = routerWith([repairs({ strategy })], profiles);
      goReady(router, 'a', 'b');
      const handled = (interactionId: string) => {
        const [offer] = offers(accepted(router.enqueue({ interactionId, queueId: 'repairs' })));
        const agentId = (offer as string).split('→')[1] as string;
        accepted(router.agentEvent(agentId, { type: 'accept', interactionId }));
        clock.advance(1000);
        accepted(router.agentEvent(agentId, { type: 'interaction_ended', interactionId }));
        clock.advance(1000);
        return offer;
      };
      const first = handled('x');
      goReady(router, 'c');
      clock.advance(1000);
      return [first, handled('y'), handled('z')];
    };
    expect(runDay('round_robin')).toEqual(['x→a', 'y→b', 'z→c']);
    expect(runDay('longest_idle')).toEqual(['x→a', 'y→b', 'z→a']);
  });

  it('least occupied: the agent who worked the smaller share of logged-in time', () => {
    const { router, clock } = routerWith([repairs({ strategy: 'least_occupied' })], [agent('a', { repairs: 5 }), agent('b', { repairs: 5 })]);
    goReady(router, 'a', 'b');
    const talk = (interactionId: string, agentId: string, seconds: number) => {
      expect(offers(accepted(router.enqueue({ interactionId, queueId: 'repairs' })))).toEqual([`${interactionId}→${agentId}`]);
      accepted(router.agentEvent(agentId, { type: 'accept', interactionId }));
      clock.advance(seconds * 1000);
      accepted(router.agentEvent(agentId, { type: 'interaction_ended', interactionId }));
    };
    talk('long', 'a', 100);
    clock.advance(300_000);
    accepted(router.agentEvent('a', { type: 'set_not_ready', reason: 'break' }));
    talk('short', 'b', 10);
    accepted(router.agentEvent('a', { type: 'set_ready' }));
    clock.advance(600_000);
    // a has been idle longer, but b has worked a far smaller share of its time.
    expect(offers(accepted(router.enqueue({ interactionId: 'next', queueId: 'repairs' })))).toEqual(['next→b']);
  });

  it('least occupied spreads chats over agents by how many they hold', () => {
    const chat = queue({ id: 'chat', channel: 'chat', strategy: 'least_occupied' });
    const capacity = { channels: { chat: 3 } };
    const { router } = routerWith([chat], [agent('a', {}, { capacity }), agent('b', {}, { capacity })]);
    goReady(router, 'a', 'b');
    const decisions = ['c1', 'c2', 'c3', 'c4'].flatMap((id) => accepted(router.enqueue({ interactionId: id, queueId: 'chat' })));
    expect(offers(decisions)).toEqual(['c1→a', 'c2→b', 'c3→a', 'c4→b']);
  });

  it('never offers to an agent missing a skill, below the minimum level, or of another tenant', () => {
    const { router } = routerWith(
      [repairs({ skills: [{ skill: 'repairs', minLevel: 5 }] })],
      [agent('low', { repairs: 4 }), agent('other-skill', { complaints: 9 }), agent('other-tenant', { repairs: 9 }, { tenantId: 'tenant-2' })],
    );
    goReady(router, 'low', 'other-skill', 'other-tenant');
    const decisions = accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    expect(offers(decisions)).toEqual([]);
    expect(router.queueStatus('repairs')).toMatchObject({ waiting: 1, staffedAgents: 0, estimatedWaitMs: null });
  });
});

describe('router: waiting order', () => {
  it('serves VIPs first and everyone else first come, first served', () => {
    const { router, clock } = routerWith([repairs()], [agent('a', { repairs: 5 })]);
    for (const [id, priority] of [['n1', 0], ['n2', 0], ['vip', 10], ['n3', 0]] as const) {
      accepted(router.enqueue({ interactionId: id, queueId: 'repairs', priority }));
      clock.advance(1000);
    }
    expect(['vip', 'n1', 'n2', 'n3'].map((id) => router.position(id)?.position)).toEqual([1, 2, 3, 4]);
    const served: string[] = [];
    let decisions = goReady(router, 'a');
    for (let call = 0; call < 4; call++) {
      const offered = decisions.find((decision) => decision.type === 'offer');
      if (offered?.type !== 'offer') throw new Error('expected an offer');
      served.push(offered.interactionId);
      accepted(router.agentEvent('a', { type: 'accept', interactionId: offered.interactionId }));
      decisions = accepted(router.agentEvent('a', { type: 'interaction_ended', interactionId: offered.interactionId }));
    }
    expect(served).toEqual(['vip', 'n1', 'n2', 'n3']);
  });

  it('lets an agent serving two queues take the higher-priority queue first, even if it waited less', () => {
    const low = queue({ id: 'low', skills: [{ skill: 'general', minLevel: 1 }] });
    const high = queue({ id: 'high', priority: 5, skills: [{ skill: 'general', minLevel: 1 }] });
    const { router, clock } = routerWith([low, high], [agent('a', { general: 5 })]);
    accepted(router.enqueue({ interactionId: 'old', queueId: 'low' }));
    clock.advance(60_000);
    accepted(router.enqueue({ interactionId: 'new', queueId: 'high' }));
    expect(offers(goReady(router, 'a'))).toEqual(['new→a']);
  });

  it('estimates the wait as position × smoothed handle time ÷ staffed agents', () => {
    const { router, clock } = routerWith([repairs({ expectedHandleSeconds: 300 })], [agent('a', { repairs: 5 }), agent('b', { repairs: 5 })]);
    goReady(router, 'a', 'b');
    for (const id of ['busy-1', 'busy-2', 'w1', 'w2', 'w3']) accepted(router.enqueue({ interactionId: id, queueId: 'repairs' }));
    expect(router.position('w3')).toEqual({ queueId: 'repairs', position: 3, estimatedWaitMs: (3 * 300_000) / 2 });
    expect(router.queueStatus('repairs')).toMatchObject({ waiting: 3, staffedAgents: 2, availableAgents: 0, estimatedWaitMs: (4 * 300_000) / 2 });

    accepted(router.agentEvent('a', { type: 'accept', interactionId: 'busy-1' }));
    clock.advance(100_000);
    accepted(router.agentEvent('a', { type: 'interaction_ended', interactionId: 'busy-1' }));
    // One 100 s call moves the smoothed handle time a twentieth of the way from 300 s.
    expect(router.queueStatus('repairs')?.smoothedHandleSeconds).toBeCloseTo(290, 6);
  });
});

describe('router: widening, overflow and limits', () => {
  it('widens the skill minimum after the configured wait', () => {
    const { router, clock } = routerWith(
      [repairs({ skills: [{ skill: 'repairs', minLevel: 6 }], widening: [{ afterSeconds: 30, levelReduction: 3 }] })],
      [agent('junior', { repairs: 3 })],
    );
    goReady(router, 'junior');
    expect(offers(accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' })))).toEqual([]);
    expect(router.nextTimerAt()).toBe(30_000);
    clock.set(29_999);
    expect(accepted(router.advance())).toEqual([]);
    clock.set(30_000);
    const decisions = accepted(router.advance());
    expect(decisions.slice(0, 2)).toEqual([
      { type: 'widened', at: 30_000, interactionId: 'x', queueId: 'repairs', step: 1 },
      { type: 'offer', at: 30_000, interactionId: 'x', agentId: 'junior', queueId: 'repairs', ringDeadline: 50_000 },
    ]);
  });

  it('overflows to another queue, where it keeps its place by original enqueue time', () => {
    const first = repairs({ overflow: { afterSeconds: 60, queueId: 'backup' } });
    const backup = queue({ id: 'backup', skills: [{ skill: 'general', minLevel: 1 }] });
    const { router, clock } = routerWith([first, backup], [agent('helper', { general: 5 })]);
    accepted(router.enqueue({ interactionId: 'early', queueId: 'repairs' }));
    clock.advance(10_000);
    accepted(router.enqueue({ interactionId: 'backup-1', queueId: 'backup' }));
    clock.set(60_000);
    const decisions = accepted(router.advance());
    expect(decisions).toEqual([{ type: 'queued', at: 60_000, interactionId: 'early', queueId: 'backup', reason: 'overflow', fromQueueId: 'repairs', step: 0 }]);
    expect(router.position('early')?.position).toBe(1);
    expect(router.position('backup-1')?.position).toBe(2);
    expect(offers(goReady(router, 'helper'))).toEqual(['early→helper']);
  });

  it('turns arrivals away at the maximum queue length with the configured action', () => {
    const { router } = routerWith([
      repairs({ limits: { maxLength: 2, action: { type: 'callback' } } }),
      queue({ id: 'full-to-other', limits: { maxLength: 0, action: { type: 'queue', queueId: 'repairs' } } }),
    ]);
    accepted(router.enqueue({ interactionId: 'w1', queueId: 'repairs' }));
    accepted(router.enqueue({ interactionId: 'w2', queueId: 'repairs' }));
    expect(accepted(router.enqueue({ interactionId: 'w3', queueId: 'repairs' }))).toEqual([
      { type: 'limit_reached', at: 0, interactionId: 'w3', queueId: 'repairs', limit: 'max_length', action: 'callback' },
    ]);
    expect(router.position('w3')).toBeUndefined();
    // A full queue whose action is another queue hands the arrival on, and that queue's own limit applies.
    expect(accepted(router.enqueue({ interactionId: 'w4', queueId: 'full-to-other' }))).toEqual([
      { type: 'limit_reached', at: 0, interactionId: 'w4', queueId: 'repairs', limit: 'max_length', action: 'callback' },
    ]);
  });

  it('redirects a full queue to its limit queue', () => {
    const { router } = routerWith([repairs(), queue({ id: 'small', limits: { maxLength: 0, action: { type: 'queue', queueId: 'repairs' } } })]);
    expect(accepted(router.enqueue({ interactionId: 'x', queueId: 'small' }))).toEqual([
      { type: 'queued', at: 0, interactionId: 'x', queueId: 'repairs', reason: 'queue_full', fromQueueId: 'small', step: 0 },
    ]);
  });

  it('ends the wait at the maximum with the configured action', () => {
    const { router, clock } = routerWith([repairs({ limits: { maxWaitSeconds: 120, action: { type: 'voicemail' } } })]);
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    clock.set(120_000);
    expect(accepted(router.advance())).toEqual([
      { type: 'limit_reached', at: 120_000, interactionId: 'x', queueId: 'repairs', limit: 'max_wait', action: 'voicemail' },
    ]);
    expect(router.position('x')).toBeUndefined();
    expect(router.nextTimerAt()).toBeNull();
  });
});

describe('router: offers that do not end in an answer', () => {
  it('puts a ring-no-answer back at the head and the agent not ready "missed"', () => {
    const { router, clock } = routerWith([repairs({ ringTimeoutSeconds: 10 })], [agent('a', { repairs: 5 }), agent('b', { repairs: 5 })]);
    goReady(router, 'a');
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    clock.advance(1000);
    accepted(router.enqueue({ interactionId: 'y', queueId: 'repairs' }));
    clock.set(10_000);
    const decisions = accepted(router.advance());
    expect(decisions).toEqual([
      { type: 'agent_state', at: 10_000, agentId: 'a', status: 'not_ready', presence: 'not_ready', reason: 'missed' },
      { type: 'offer_cancelled', at: 10_000, interactionId: 'x', agentId: 'a', reason: 'ring_timeout' },
      { type: 'queued', at: 10_000, interactionId: 'x', queueId: 'repairs', reason: 'requeue', fromQueueId: null, step: 0 },
    ]);
    expect(router.position('x')?.position).toBe(1);
    expect(offers(goReady(router, 'b'))).toEqual(['x→b']);
    expect(router.agentEvent('a', { type: 'accept', interactionId: 'x' }).error?.code).toBe('routing.unknown_offer');
  });

  it('refuses an accept that arrives after the ring ran out, even before anyone called advance', () => {
    const { router, clock } = routerWith([repairs({ ringTimeoutSeconds: 10 })], [agent('a', { repairs: 5 })]);
    goReady(router, 'a');
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    clock.set(10_500);
    const late = router.agentEvent('a', { type: 'accept', interactionId: 'x' });
    expect(late.error?.code).toBe('routing.unknown_offer');
    expect(late.decisions.map((decision) => decision.type)).toContain('offer_cancelled');
  });

  it('moves a rejected offer to the next agent', () => {
    const { router } = routerWith([repairs()], [agent('a', { repairs: 5 }), agent('b', { repairs: 5 })]);
    goReady(router, 'a', 'b');
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    const decisions = accepted(router.agentEvent('a', { type: 'reject', interactionId: 'x' }));
    expect(offers(decisions)).toEqual(['x→b']);
    expect(router.agentState('a')).toMatchObject({ presence: 'not_ready', reason: 'rejected' });
  });

  it('frees the agent when the caller abandons during the ring, and forgets abandoned waiters', () => {
    const { router } = routerWith([repairs()], [agent('a', { repairs: 5 })]);
    goReady(router, 'a');
    for (const id of ['x', 'y', 'z']) accepted(router.enqueue({ interactionId: id, queueId: 'repairs' }));
    expect(accepted(router.abandon('y'))).toEqual([]);
    const decisions = accepted(router.abandon('x'));
    expect(decisions.filter((decision) => decision.type === 'offer_cancelled')).toEqual([
      { type: 'offer_cancelled', at: 0, interactionId: 'x', agentId: 'a', reason: 'abandoned' },
    ]);
    expect(offers(decisions)).toEqual(['z→a']);
    expect(router.abandon('x').error?.code).toBe('routing.unknown_interaction');
    accepted(router.agentEvent('a', { type: 'accept', interactionId: 'z' }));
    expect(router.abandon('z').error?.code).toBe('routing.interaction_not_waiting');
  });

  it('requeues a ringing offer when the desktop disconnects, and turns the agent not ready after the grace period', () => {
    const { router, clock } = routerWith([repairs()], [agent('a', { repairs: 5 }), agent('b', { repairs: 5 })]);
    goReady(router, 'a', 'b');
    accepted(router.agentEvent('b', { type: 'set_not_ready', reason: 'meal' }));
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    const gone = accepted(router.agentEvent('a', { type: 'disconnect' }));
    expect(gone.map((decision) => decision.type)).toEqual(['agent_state', 'offer_cancelled', 'queued']);
    expect(offers(accepted(router.agentEvent('b', { type: 'set_ready' })))).toEqual(['x→b']);
    accepted(router.agentEvent('b', { type: 'accept', interactionId: 'x' }));
    clock.set(30_000);
    expect(accepted(router.advance())).toEqual([
      { type: 'agent_state', at: 30_000, agentId: 'a', status: 'not_ready', presence: 'not_ready', reason: 'disconnected' },
    ]);
  });
});

describe('router: conversations and capacity', () => {
  it('ends after-call work at the queue maximum and hands the agent the next call', () => {
    const { router, clock } = routerWith([repairs({ maxWrapUpSeconds: 30 })], [agent('a', { repairs: 5 })]);
    goReady(router, 'a');
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    accepted(router.enqueue({ interactionId: 'y', queueId: 'repairs' }));
    accepted(router.agentEvent('a', { type: 'accept', interactionId: 'x' }));
    accepted(router.agentEvent('a', { type: 'interaction_ended', interactionId: 'x' }));
    expect(router.agentState('a')?.status).toBe('wrap_up');
    clock.set(30_000);
    const decisions = accepted(router.advance());
    expect(decisions.find((decision) => decision.type === 'wrap_up_ended')).toMatchObject({ interactionId: 'x', timedOut: true });
    expect(offers(decisions)).toEqual(['y→a']);
    accepted(router.agentEvent('a', { type: 'accept', interactionId: 'y' }));
    accepted(router.agentEvent('a', { type: 'interaction_ended', interactionId: 'y' }));
    const done = accepted(router.agentEvent('a', { type: 'wrap_up_done', interactionId: 'y' }));
    expect(done.find((decision) => decision.type === 'wrap_up_ended')).toMatchObject({ interactionId: 'y', timedOut: false });
  });

  it('offers several chats at once up to capacity, and no voice meanwhile', () => {
    const chat = queue({ id: 'chat', channel: 'chat', maxWrapUpSeconds: 0 });
    const voice = queue({ id: 'voice' });
    const { router } = routerWith([chat, voice], [agent('a', {}, { capacity: { channels: { voice: 1, chat: 2 } } })]);
    goReady(router, 'a');
    const decisions = ['c1', 'c2', 'c3'].flatMap((id) => accepted(router.enqueue({ interactionId: id, queueId: 'chat' })));
    expect(offers(decisions)).toEqual(['c1→a', 'c2→a']);
    expect(offers(accepted(router.enqueue({ interactionId: 'v1', queueId: 'voice' })))).toEqual([]);
    accepted(router.agentEvent('a', { type: 'accept', interactionId: 'c1' }));
    // A finished chat frees a chat slot; the waiting chat takes it, so voice still waits.
    expect(offers(accepted(router.agentEvent('a', { type: 'interaction_ended', interactionId: 'c1' })))).toEqual(['c3→a']);
  });

  it('lets a transferred interaction queue again once its agent has let go, but never twice at once', () => {
    const { router } = routerWith([repairs(), queue({ id: 'complaints' })], [agent('a', { repairs: 5 })]);
    goReady(router, 'a');
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    expect(router.enqueue({ interactionId: 'x', queueId: 'complaints' }).error?.code).toBe('routing.duplicate_interaction');
    accepted(router.agentEvent('a', { type: 'accept', interactionId: 'x' }));
    expect(router.enqueue({ interactionId: 'x', queueId: 'complaints' }).error?.code).toBe('routing.duplicate_interaction');
    accepted(router.agentEvent('a', { type: 'interaction_ended', interactionId: 'x' }));
    const transferred = accepted(router.enqueue({ interactionId: 'x', queueId: 'complaints' }));
    expect(transferred[0]).toMatchObject({ type: 'queued', interactionId: 'x', queueId: 'complaints' });
  });

  it('does not offer a transferred chat back to the agent still wrapping it up', () => {
    const chat = queue({ id: 'chat', channel: 'chat', maxWrapUpSeconds: 60 });
    const capacity = { channels: { chat: 2 } };
    const { router } = routerWith([chat], [agent('a', {}, { capacity }), agent('b', {}, { capacity })]);
    goReady(router, 'a');
    accepted(router.enqueue({ interactionId: 'x', queueId: 'chat' }));
    accepted(router.agentEvent('a', { type: 'accept', interactionId: 'x' }));
    accepted(router.agentEvent('a', { type: 'interaction_ended', interactionId: 'x' }));
    expect(offers(accepted(router.enqueue({ interactionId: 'x', queueId: 'chat' })))).toEqual([]);
    accepted(router.enqueue({ interactionId: 'y', queueId: 'chat' }));
    expect(router.agentState('a')?.work.map((item) => `${item.interactionId}:${item.phase}`)).toEqual(['x:wrap_up', 'y:reserved']);
    expect(offers(goReady(router, 'b'))).toEqual(['x→b']);
  });
});

describe('router: configuration', () => {
  it('refuses an invalid queue set with the path of the problem and keeps the old one', () => {
    const { router } = routerWith([repairs()]);
    const result = router.setQueues([repairs({ overflow: { afterSeconds: 10, queueId: 'missing' } })]);
    expect(result.error).toEqual({ code: 'routing.invalid_queue_config', message: 'queues[0].overflow.queueId: unknown queue missing' });
    expect(router.queueStatus('repairs')).toBeDefined();
  });

  it('refuses to drop a queue that still holds interactions', () => {
    const { router } = routerWith([repairs(), queue({ id: 'other' })]);
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    expect(router.setQueues([queue({ id: 'other' })]).error?.code).toBe('routing.queue_not_empty');
    expect(router.position('x')?.queueId).toBe('repairs');
  });

  it('requalifies agents when a queue changes and serves what now fits', () => {
    const { router } = routerWith([repairs({ skills: [{ skill: 'repairs', minLevel: 8 }] })], [agent('a', { repairs: 5 })]);
    goReady(router, 'a');
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    expect(offers(accepted(router.setQueues([repairs({ skills: [{ skill: 'repairs', minLevel: 5 }] })])))).toEqual(['x→a']);
  });

  it('requalifies an agent whose skills change', () => {
    const { router } = routerWith([repairs()], [agent('a', { repairs: 1 })]);
    goReady(router, 'a');
    accepted(router.enqueue({ interactionId: 'x', queueId: 'repairs' }));
    expect(offers(accepted(router.upsertAgent(agent('a', { repairs: 4 }))))).toEqual(['x→a']);
  });
});

describe('router: snapshot and restore', () => {
  it('rebuilds 50 waiting contacts with their order and waited time, and requeues the one that was ringing', () => {
    const queues = [repairs({ expectedHandleSeconds: 200, ringTimeoutSeconds: 600 }), queue({ id: 'complaints', priority: 3, skills: [{ skill: 'complaints', minLevel: 1 }] })];
    const { router, clock } = routerWith(queues, [agent('a', { repairs: 5 }), agent('b', { complaints: 5 })], 1_000_000);
    goReady(router, 'a');
    for (let index = 0; index < 51; index++) {
      accepted(router.enqueue({ interactionId: `i${index}`, queueId: index % 3 === 0 ? 'complaints' : 'repairs', priority: index % 6 === 0 ? 5 : 0 }));
      clock.advance(index % 4 === 0 ? 0 : 700);
    }
    expect(router.agentState('a')?.status).toBe('reserved');
    const ringing = router.agentState('a')?.work[0]?.interactionId as string;

    const saved = JSON.parse(JSON.stringify(router.snapshot()));
    const positionsBefore = Object.fromEntries(saved.interactions.map((entry: { id: string }) => [entry.id, router.position(entry.id)?.position ?? null]));

    const restarted = new Router({ clock });
    accepted(restarted.setQueues(queues));
    const decisions = accepted(restarted.restore(saved));
    expect(decisions).toContainEqual(expect.objectContaining({ type: 'queued', interactionId: ringing, reason: 'requeue' }));
    expect(offers(decisions)).toEqual([`${ringing}→a`]);

    const snapshotAfter = restarted.snapshot();
    expect(snapshotAfter.interactions).toHaveLength(51);
    expect(snapshotAfter.interactions).toEqual(saved.interactions);
    for (const entry of saved.interactions as { id: string }[]) {
      if (entry.id !== ringing) expect(restarted.position(entry.id)?.position).toBe(positionsBefore[entry.id]);
    }
    expect(restarted.agentState('b')).toEqual(router.agentState('b'));
    expect(restarted.restore(saved).error?.code).toBe('routing.not_empty');
  });
});
