import { describe, expect, it } from 'vitest';
import type { Interaction } from '../../api/client.ts';
import { ringDeadlineOf, visibleOffers, type Offer } from './offers.ts';

const interaction = (id: string, events: Interaction['events']): Interaction => ({
  id,
  channel: 'voice',
  direction: 'inbound',
  status: 'offered',
  address: '138****5678',
  hotline: null,
  customerId: null,
  queueId: 'q-repair',
  agentId: 'a1',
  priority: 0,
  ivrPath: [],
  arrivedAt: '2026-03-01T08:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  holdSeconds: 0,
  onHold: false,
  transferred: false,
  disposition: null,
  notes: null,
  events,
  messages: [],
  customer: null,
});

const offered = (at: string, ringDeadline: string) => ({ type: 'offered', at, agentId: 'a1', queueId: 'q-repair', data: { ringDeadline } });

describe('desk offers', () => {
  it('reads the ring deadline of the last offer from the record', () => {
    const detail = interaction('i1', [
      offered('2026-03-01T08:00:01.000Z', '2026-03-01T08:00:16.000Z'),
      { type: 'offer_cancelled', at: '2026-03-01T08:00:16.000Z', agentId: 'a1', queueId: null, data: { reason: 'ring_timeout' } },
      offered('2026-03-01T08:01:00.000Z', '2026-03-01T08:01:15.000Z'),
    ]);
    expect(ringDeadlineOf(detail)).toEqual({ deadline: Date.parse('2026-03-01T08:01:15.000Z'), offeredAt: Date.parse('2026-03-01T08:01:00.000Z') });
    expect(ringDeadlineOf(undefined)).toEqual({ deadline: null, offeredAt: null });
  });

  it('rings pushed offers, drops those already accepted, and adds ringing work found after a reload', () => {
    const pushed: Record<string, Offer> = {
      i1: { interactionId: 'i1', channel: null, queueId: 'q-repair', ringDeadline: 1_000, receivedAt: 0 },
      i2: { interactionId: 'i2', channel: null, queueId: 'q-repair', ringDeadline: 1_000, receivedAt: 0 },
    };
    const work = [
      { interactionId: 'i1', channel: 'voice' as const, phase: 'reserved' as const },
      { interactionId: 'i2', channel: 'voice' as const, phase: 'busy' as const },
      { interactionId: 'i3', channel: 'chat' as const, phase: 'reserved' as const },
    ];
    const details = { i3: interaction('i3', [offered('2026-03-01T08:00:01.000Z', '2026-03-01T08:00:16.000Z')]) };
    const offers = visibleOffers(pushed, work, details, 42);
    expect(offers.map((o) => [o.interactionId, o.channel])).toEqual([
      ['i1', 'voice'],
      ['i3', 'chat'],
    ]);
    expect(offers[1]).toMatchObject({ ringDeadline: Date.parse('2026-03-01T08:00:16.000Z'), queueId: 'q-repair' });
  });

  it('keeps a pushed offer the state has not caught up with yet', () => {
    const pushed: Record<string, Offer> = { i9: { interactionId: 'i9', channel: null, queueId: null, ringDeadline: 5, receivedAt: 1 } };
    expect(visibleOffers(pushed, [], {}, 0).map((o) => o.interactionId)).toEqual(['i9']);
  });
});
