import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.ts';
import { EventCalendar } from './event-calendar.ts';

describe('EventCalendar', () => {
  it('runs events in time order, ties in scheduling order, with the clock at each event time', () => {
    const clock = new ManualClock(1000);
    const calendar = new EventCalendar(clock);
    const seen: string[] = [];
    const note = (label: string) => () => seen.push(`${label}@${clock.now()}`);
    calendar.schedule(3000, note('c'));
    calendar.schedule(2000, note('a'));
    calendar.schedule(2000, () => {
      seen.push(`b@${clock.now()}`);
      calendar.schedule(2500, note('from-b'));
      calendar.schedule(0, note('late'));
    });
    calendar.run();
    expect(seen).toEqual(['a@2000', 'b@2000', 'late@2000', 'from-b@2500', 'c@3000']);
  });
});
