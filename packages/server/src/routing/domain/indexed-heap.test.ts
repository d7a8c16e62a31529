import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../platform/random.ts';
import { IndexedHeap } from './indexed-heap.ts';

interface Entry {
  heapIndex: number;
  key: number;
}

const byKey = (a: Entry, b: Entry) => a.key < b.key;

describe('IndexedHeap', () => {
  it('pops in key order through random pushes, removals and key changes', () => {
    const rng = seededRandom(7);
    const heap = new IndexedHeap<Entry>(byKey);
    const inside = new Set<Entry>();
    for (let round = 0; round < 5000; round++) {
      const roll = rng.next();
      const members = [...inside];
      const someone = members[Math.floor(rng.next() * members.length)];
      if (roll < 0.5 || !someone) {
        const entry = { heapIndex: -1, key: Math.floor(rng.next() * 1000) };
        heap.push(entry);
        inside.add(entry);
      } else if (roll < 0.7) {
        expect(heap.remove(someone)).toBe(true);
        expect(heap.remove(someone)).toBe(false);
        inside.delete(someone);
      } else if (roll < 0.9) {
        someone.key = Math.floor(rng.next() * 1000);
        heap.update(someone);
      } else {
        const top = heap.pop() as Entry;
        expect(top.key).toBe(Math.min(...members.map((entry) => entry.key)));
        inside.delete(top);
      }
      expect(heap.size).toBe(inside.size);
    }
    const drained: number[] = [];
    for (let entry = heap.pop(); entry; entry = heap.pop()) drained.push(entry.key);
    expect(drained).toEqual([...drained].sort((a, b) => a - b));
  });

  it('refuses to hold an item twice', () => {
    const heap = new IndexedHeap<Entry>(byKey);
    const entry = { heapIndex: -1, key: 1 };
    heap.push(entry);
    expect(() => heap.push(entry)).toThrow();
    expect(heap.has(entry)).toBe(true);
  });
});
