/**
 * Live pushes over WebSocket: each agent's desktop gets its own offers and state, supervisors of
 * the tenant get the whole floor. Commands travel over HTTP; the socket only carries news and, by
 * staying open, says the desktop is alive (closing it starts the router's disconnect grace).
 */
import type { WebSocket } from 'ws';
import type { FloorMessage, FloorNotifier } from './contact-center.ts';

interface Listener {
  socket: WebSocket;
  tenantId: string;
  userId: string;
  watchesFloor: boolean;
}

export type FloorSubscriber = (tenantId: string, message: FloorMessage) => void;

export class FloorHub implements FloorNotifier {
  private readonly listeners = new Set<Listener>();
  private readonly subscribers = new Set<FloorSubscriber>();

  /**
   * In-process subscribers hear every message of every tenant after the sockets do (the chat
   * gateway, the demo's bot agents). They run inside the contact center's operation: they must
   * only schedule work, and one that throws is reported without breaking the operation.
   */
  subscribe(subscriber: FloorSubscriber): () => void {
    this.subscribers.add(subscriber);
    return () => this.subscribers.delete(subscriber);
  }

  add(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** How many sockets a user still has open in a tenant (a desktop may be open in two tabs). */
  openSockets(tenantId: string, userId: string): number {
    let count = 0;
    for (const l of this.listeners) if (l.tenantId === tenantId && l.userId === userId) count += 1;
    return count;
  }

  publish(tenantId: string, message: FloorMessage): void {
    const payload = JSON.stringify(message);
    const agentId = 'agentId' in message ? message.agentId : null;
    for (const l of this.listeners) {
      if (l.tenantId !== tenantId) continue;
      if (l.watchesFloor || (agentId !== null && l.userId === agentId)) {
        if (l.socket.readyState === l.socket.OPEN) l.socket.send(payload);
      }
    }
    for (const subscriber of this.subscribers) {
      try {
        subscriber(tenantId, message);
      } catch (error) {
        console.error('floor subscriber failed', error);
      }
    }
  }
}
