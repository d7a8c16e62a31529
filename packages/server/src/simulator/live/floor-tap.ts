/**
 * Lets the simulated outside world hear what the floor is told. The contact center publishes every
 * offer, end and state change through one `FloorNotifier` (the WebSocket hub); a tap wraps that
 * instance's `publish` once and hands each message, after the hub has sent it, to the listeners
 * added here. Listeners run synchronously inside the contact center's operation, so they must only
 * schedule work, and a listener that throws is reported, never allowed to break the operation.
 */
import type { FloorMessage, FloorNotifier } from '../../interactions/contact-center.ts';

export type FloorListener = (tenantId: string, message: FloorMessage) => void;

interface Tap {
  listeners: Set<{ listener: FloorListener; onError: (error: unknown) => void }>;
}

const taps = new WeakMap<FloorNotifier, Tap>();

/** Adds a listener to the notifier's messages; returns the function that removes it. */
export function tapFloor(floor: FloorNotifier, listener: FloorListener, onError: (error: unknown) => void = (error) => console.error(error)): () => void {
  let tap = taps.get(floor);
  if (!tap) {
    const created: Tap = { listeners: new Set() };
    const publish = floor.publish.bind(floor);
    floor.publish = (tenantId, message) => {
      publish(tenantId, message);
      for (const entry of created.listeners) {
        try {
          entry.listener(tenantId, message);
        } catch (error) {
          entry.onError(error);
        }
      }
    };
    taps.set(floor, created);
    tap = created;
  }
  const entry = { listener, onError };
  tap.listeners.add(entry);
  return () => {
    tap.listeners.delete(entry);
  };
}
