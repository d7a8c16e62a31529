import { describe, expect, it } from 'vitest';
import { formatDuration, toMs } from './time.ts';

describe('live time helpers', () => {
  it('formats time in state as mm:ss, with hours past the hour', () => {
    expect(formatDuration(0)).toBe('00:00');
    expect(formatDuration(65_400)).toBe('01:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
  });

  it('never shows a negative span when the clocks disagree', () => {
    expect(formatDuration(-5_000)).toBe('00:00');
  });

  it('reads ISO strings and epoch milliseconds alike', () => {
    expect(toMs('2026-03-01T08:00:00.000Z')).toBe(Date.UTC(2026, 2, 1, 8));
    expect(toMs(42)).toBe(42);
  });
});
