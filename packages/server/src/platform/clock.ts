/**
 * Time is injected everywhere in the domain cores so routing, SLA clocks, forecasting and the
 * simulator can run in virtual time (tests, what-if runs) exactly as they run in real time.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to: the basis of deterministic tests and virtual-time runs. */
export class ManualClock implements Clock {
  constructor(private current = 0) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    if (ms < this.current) throw new Error(`ManualClock cannot go back in time (${ms} < ${this.current})`);
    this.current = ms;
  }
  advance(ms: number): void {
    this.set(this.current + ms);
  }
}
