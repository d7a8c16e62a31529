import type { Channel, Interaction, WorkItemView } from '../../api/client.ts';

export interface Offer {
  interactionId: string;
  channel: Channel | null;
  queueId: string | null;
  /** ms epoch; null when unknown. */
  ringDeadline: number | null;
  /** When the desk learned of the offer (for the ring's full length). */
  receivedAt: number;
}

/** The ring deadline an offer carried, read back from the interaction's last `offered` event (after a reload). */
export function ringDeadlineOf(detail: Interaction | undefined): { deadline: number | null; offeredAt: number | null } {
  const offered = detail ? [...detail.events].reverse().find((event) => event.type === 'offered') : undefined;
  const raw = offered?.data?.ringDeadline;
  const deadline = typeof raw === 'string' ? Date.parse(raw) : typeof raw === 'number' ? raw : NaN;
  return {
    deadline: Number.isNaN(deadline) ? null : deadline,
    offeredAt: offered ? Date.parse(offered.at) : null,
  };
}

/**
 * The offers to ring on the desk: those pushed over the socket, unless the agent's state already
 * holds them as accepted, plus ringing work the state holds that no push told us about (a reload
 * while ringing), whose deadline comes from the interaction's record.
 */
export function visibleOffers(
  pushed: Record<string, Offer>,
  work: readonly WorkItemView[],
  details: Record<string, Interaction | undefined>,
  now: number,
): Offer[] {
  const phase = new Map(work.map((item) => [item.interactionId, item]));
  const list: Offer[] = [];
  for (const offer of Object.values(pushed)) {
    const item = phase.get(offer.interactionId);
    if (item && item.phase !== 'reserved') continue;
    list.push({ ...offer, channel: item?.channel ?? details[offer.interactionId]?.channel ?? offer.channel });
  }
  for (const item of work) {
    if (item.phase !== 'reserved' || pushed[item.interactionId]) continue;
    const detail = details[item.interactionId];
    const { deadline, offeredAt } = ringDeadlineOf(detail);
    list.push({ interactionId: item.interactionId, channel: item.channel, queueId: detail?.queueId ?? null, ringDeadline: deadline, receivedAt: offeredAt ?? now });
  }
  return list;
}
