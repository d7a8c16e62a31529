/**
 * Hears what the contact center tells a tenant's floor (offers, connections, chat messages, ends,
 * queue changes), beside the desktops and supervisors. `FloorHub.publish` is the single fan-out
 * point; the tap joins it through the hub's own listener API, as one floor-watching listener per
 * tenant with subscribers, so the hub needs no change. Delivery is synchronous, inside `publish`.
 */
import type { WebSocket } from 'ws';
import type { FloorMessage } from '../contact-center.ts';
import type { FloorHub } from '../floor-hub.ts';

export type FloorSubscriber = (message: FloorMessage) => void;

/** The listener's user id: never a real user's, so the hub's open-socket count for agents is unaffected. */
const TAP_USER = 'chat-gateway';

export class FloorTap {
  private readonly tenants = new Map<string, { subscribers: Set<FloorSubscriber>; remove: () => void }>();

  constructor(private readonly hub: Pick<FloorHub, 'add'>) {}

  /** Every message published to the tenant's floor, until the returned function is called. */
  subscribe(tenantId: string, subscriber: FloorSubscriber): () => void {
    let entry = this.tenants.get(tenantId);
    if (!entry) {
      const subscribers = new Set<FloorSubscriber>();
      const remove = this.hub.add({ socket: endpoint(subscribers), tenantId, userId: TAP_USER, watchesFloor: true });
      entry = { subscribers, remove };
      this.tenants.set(tenantId, entry);
    }
    entry.subscribers.add(subscriber);
    const current = entry;
    return () => {
      current.subscribers.delete(subscriber);
      if (current.subscribers.size === 0 && this.tenants.get(tenantId) === current) {
        current.remove();
        this.tenants.delete(tenantId);
      }
    };
  }

  /** Tenants currently tapped (for tests and metrics). */
  get tenantCount(): number {
    return this.tenants.size;
  }
}

/** The hub delivers serialized frames to sockets; this endpoint turns them back into messages. */
function endpoint(subscribers: Set<FloorSubscriber>): WebSocket {
  const OPEN = 1;
  const socket = {
    OPEN,
    readyState: OPEN,
    send(payload: string) {
      const message = JSON.parse(payload) as FloorMessage;
      for (const subscriber of subscribers) {
        try {
          subscriber(message);
        } catch (error) {
          console.error('chat floor subscriber failed', error);
        }
      }
    },
  };
  return socket as unknown as WebSocket;
}
