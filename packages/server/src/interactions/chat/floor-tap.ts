/**
 * Hears what the contact center tells a tenant's floor (offers, connections, chat messages, ends,
 * queue changes) for the chat gateway. `FloorHub.publish` is the single fan-out point; the tap holds
 * one hub subscription while any tenant has subscribers and hands each message to that tenant's
 * subscribers only. Delivery is synchronous, inside `publish`: subscribers must only schedule work.
 */
import type { FloorMessage } from '../contact-center.ts';
import type { FloorHub } from '../floor-hub.ts';

export type TenantFloorSubscriber = (message: FloorMessage) => void;

export class FloorTap {
  private readonly tenants = new Map<string, Set<TenantFloorSubscriber>>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly hub: Pick<FloorHub, 'subscribe'>) {}

  /** Every message published to the tenant's floor, until the returned function is called. */
  subscribe(tenantId: string, subscriber: TenantFloorSubscriber): () => void {
    let subscribers = this.tenants.get(tenantId);
    if (!subscribers) {
      subscribers = new Set();
      this.tenants.set(tenantId, subscribers);
    }
    subscribers.add(subscriber);
    this.unsubscribe ??= this.hub.subscribe((tenant, message) => this.deliver(tenant, message));
    const current = subscribers;
    return () => {
      current.delete(subscriber);
      if (current.size === 0 && this.tenants.get(tenantId) === current) this.tenants.delete(tenantId);
      if (this.tenants.size === 0 && this.unsubscribe) {
        this.unsubscribe();
        this.unsubscribe = null;
      }
    };
  }

  /** Tenants currently tapped (for tests and metrics). */
  get tenantCount(): number {
    return this.tenants.size;
  }

  private deliver(tenantId: string, message: FloorMessage): void {
    const subscribers = this.tenants.get(tenantId);
    if (!subscribers) return;
    for (const subscriber of subscribers) {
      try {
        subscriber(message);
      } catch (error) {
        console.error('chat floor subscriber failed', error);
      }
    }
  }
}
