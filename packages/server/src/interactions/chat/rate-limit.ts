/** A sliding-window counter per key: at most `limit` hits within any `windowMs`. */
export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts a hit and says whether it is within the limit; refused hits are not counted. */
  tryHit(key: string, now: number): boolean {
    const recent = this.recent(key, now);
    if (recent.length >= this.limit) return false;
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }

  /** Hits still inside the window. */
  count(key: string, now: number): number {
    return this.recent(key, now).length;
  }

  /** Forgets keys with no hit inside the window, so the map does not grow with every address ever seen. */
  sweep(now: number): void {
    for (const key of this.hits.keys()) this.recent(key, now);
  }

  get size(): number {
    return this.hits.size;
  }

  private recent(key: string, now: number): number[] {
    const list = this.hits.get(key);
    if (!list) return [];
    let drop = 0;
    while (drop < list.length && list[drop]! <= now - this.windowMs) drop += 1;
    if (drop > 0) list.splice(0, drop);
    if (list.length === 0) this.hits.delete(key);
    return list;
  }
}
