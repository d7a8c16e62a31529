/**
 * The event calendar of a discrete-event simulation: events run in time order (ties in the order
 * they were scheduled), and the virtual clock jumps to each event's time before it runs.
 */
import type { ManualClock } from '../../platform/clock.ts';
import { IndexedHeap, type HeapItem } from '../../routing/domain/indexed-heap.ts';

interface CalendarEvent extends HeapItem {
  at: number;
  seq: number;
  action: () => void;
}

export class EventCalendar {
  private readonly events = new IndexedHeap<CalendarEvent>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
  private nextSeq = 0;

  constructor(private readonly clock: ManualClock) {}

  /** Schedules an action; a time in the past runs at the current time, since virtual time never goes back. */
  schedule(at: number, action: () => void): void {
    this.events.push({ heapIndex: -1, at: Math.max(at, this.clock.now()), seq: this.nextSeq++, action });
  }

  /** Runs events until none is left. */
  run(): void {
    for (let event = this.events.pop(); event; event = this.events.pop()) {
      this.clock.set(event.at);
      event.action();
    }
  }
}
