import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { wholeDays } from './dates.ts';

describe('wholeDays', () => {
  it('covers whole local days, the last one included', () => {
    const { from, to } = wholeDays(dayjs('2026-03-01T15:30:00'), dayjs('2026-03-02T09:00:00'));
    expect(new Date(from).getTime()).toBe(new Date(2026, 2, 1).getTime());
    expect(new Date(to).getTime()).toBe(new Date(2026, 2, 3).getTime());
  });
});
