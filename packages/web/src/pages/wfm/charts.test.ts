import { describe, expect, it } from 'vitest';
import { niceTicks } from './charts.tsx';

describe('chart ticks', () => {
  it('steps by 1, 2, 2.5 or 5 × 10^k, whole numbers for counts', () => {
    expect(niceTicks(3, true)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(5, true)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(60, true)).toEqual([0, 20, 40, 60]);
    expect(niceTicks(2.6, false)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0.9, false)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(niceTicks(0, true)).toEqual([0, 1]);
    expect(niceTicks(300, false)).toEqual([0, 100, 200, 300]);
  });
});
