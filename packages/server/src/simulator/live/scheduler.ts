/**
 * Real-time timers and in-flight operations of the live demo, kept in one place so `stop()` can
 * cancel every timer and wait for every operation: after it nothing of the demo is left running.
 * Timers stay referenced, so a forgotten one would keep the process alive and show up in tests.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  get isStopped(): boolean {
    return this.stopped;
  }

  /** Timers set and not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.timers.size;
  }

  /** Operations started and not yet settled. */
  get inFlight(): number {
    return this.running.size;
  }

  /** Runs `work` after `ms`; nothing once stopped. */
  later(ms: number, work: () => void): NodeJS.Timeout | null {
    if (this.stopped) return null;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.stopped) return;
      try {
        work();
      } catch (error) {
        this.onError(error);
      }
    }, Math.max(0, ms));
    this.timers.add(timer);
    return timer;
  }

  cancel(timer: NodeJS.Timeout | null | undefined): void {
    if (!timer) return;
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  /** Tracks an operation until it settles; its failure goes to `onFailure`, or to the error handler. */
  run<T>(operation: () => Promise<T>, onFailure?: (error: unknown) => void): Promise<T | undefined> {
    const promise = (async () => operation())().catch((error: unknown) => {
      (onFailure ?? this.onError)(error);
      return undefined;
    });
    this.running.add(promise);
    void promise.finally(() => this.running.delete(promise));
    return promise;
  }

  /** Cancels every timer, refuses new ones, and waits until every operation has settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
