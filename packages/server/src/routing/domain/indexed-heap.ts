/**
 * A binary min-heap whose items remember their own slot, so an item can be removed or re-keyed in
 * O(log n) without a search. The router keeps agent pools and timers in these; the simulator keeps
 * its event calendar in one.
 */
export interface HeapItem {
  /** Slot in the heap that holds the item, or -1 when it is in none. Owned by the heap. */
  heapIndex: number;
}

export class IndexedHeap<T extends HeapItem> {
  private readonly items: T[] = [];

  /** `before(a, b)` is true when `a` must come out before `b`; it must be a strict total order. */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    if (item.heapIndex !== -1) throw new Error('IndexedHeap.push: item is already in a heap');
    item.heapIndex = this.items.length;
    this.items.push(item);
    this.siftUp(item.heapIndex);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.remove(top);
    return top;
  }

  /** Removes the item if this heap holds it; returns whether it did. */
  remove(item: T): boolean {
    const index = item.heapIndex;
    if (index < 0 || this.items[index] !== item) return false;
    const last = this.items.pop() as T;
    item.heapIndex = -1;
    if (last !== item) {
      this.items[index] = last;
      last.heapIndex = index;
      this.restore(index);
    }
    return true;
  }

  /** Call after changing the item's key in place. */
  update(item: T): void {
    if (item.heapIndex < 0 || this.items[item.heapIndex] !== item) throw new Error('IndexedHeap.update: item is not in this heap');
    this.restore(item.heapIndex);
  }

  has(item: T): boolean {
    return item.heapIndex >= 0 && this.items[item.heapIndex] === item;
  }

  /** The items in heap (not sorted) order. */
  values(): readonly T[] {
    return this.items;
  }

  private restore(index: number): void {
    if (index > 0 && this.before(this.at(index), this.at((index - 1) >> 1))) this.siftUp(index);
    else this.siftDown(index);
  }

  private siftUp(start: number): void {
    const item = this.at(start);
    let index = start;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = this.at(parentIndex);
      if (!this.before(item, parent)) break;
      this.place(parent, index);
      index = parentIndex;
    }
    this.place(item, index);
  }

  private siftDown(start: number): void {
    const item = this.at(start);
    const length = this.items.length;
    let index = start;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      const child = right < length && this.before(this.at(right), this.at(left)) ? right : left;
      const childItem = this.at(child);
      if (!this.before(childItem, item)) break;
      this.place(childItem, index);
      index = child;
    }
    this.place(item, index);
  }

  private place(item: T, index: number): void {
    this.items[index] = item;
    item.heapIndex = index;
  }

  private at(index: number): T {
    return this.items[index] as T;
  }
}
