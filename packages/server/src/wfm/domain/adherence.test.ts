import { describe, expect, it } from 'vitest';
import {
  adherenceReport,
  cancelBreakRequest,
  createBreakQueue,
  endBreak,
  requestBreak,
  setMaxOnBreak,
  type ScheduledActivity,
  type StateInterval,
} from './adherence';
import { WfmInputError } from './errors';

const MINUTE = 60_000;
/** Minutes after 00:00 of an arbitrary day, as epoch milliseconds. */
const at = (hours: number, minutes = 0) => 1_741_000_000_000 + (hours * 60 + minutes) * MINUTE;

const schedule: ScheduledActivity[] = [
  { agentId: 'amy', kind: 'work', start: at(9), end: at(11) },
  { agentId: 'amy', kind: 'break', start: at(11), end: at(11, 15) },
  { agentId: 'amy', kind: 'work', start: at(11, 15), end: at(13) },
  { agentId: 'bo', kind: 'work', start: at(9), end: at(13) },
];

const states: StateInterval[] = [
  { agentId: 'amy', state: 'offline', start: at(8), end: at(9, 3) },
  { agentId: 'amy', state: 'ready', start: at(9, 3), end: at(10) },
  { agentId: 'amy', state: 'busy', start: at(10), end: at(11, 2) },
  { agentId: 'amy', state: 'break', start: at(11, 2), end: at(11, 17) },
  { agentId: 'amy', state: 'wrap', start: at(11, 17), end: at(12, 50) },
  { agentId: 'amy', state: 'offline', start: at(12, 50) },
  { agentId: 'bo', state: 'ready', start: at(8, 40), end: at(12) },
  { agentId: 'bo', state: 'not_ready', start: at(12), end: at(12, 4) },
  { agentId: 'bo', state: 'ready', start: at(12, 4) },
];

describe('adherence and conformance', () => {
  const report = adherenceReport(schedule, states, {
    from: at(8),
    to: at(13),
    graceMs: 5 * MINUTE,
    teams: { amy: 'blue', bo: 'blue' },
  });

  it('measures adherence over scheduled time and conformance over scheduled work', () => {
    const amy = report.agents.find((agent) => agent.agentId === 'amy');
    // Out of adherence: 09:00–09:03 late, 11:00–11:02 and 11:15–11:17 break drift, 12:50–13:00 gone.
    expect(amy?.scheduledMs).toBe(240 * MINUTE);
    expect(amy?.adherentMs).toBe(223 * MINUTE);
    expect(amy?.adherence).toBeCloseTo(223 / 240, 12);
    // Worked 09:03–11:02 and 11:17–12:50 of 225 scheduled minutes of work.
    expect(amy?.workedMs).toBe(212 * MINUTE);
    expect(amy?.conformance).toBeCloseTo(212 / 225, 12);
  });

  it('counts not-ready as out of adherence and working while off as conformance above plan', () => {
    const bo = report.agents.find((agent) => agent.agentId === 'bo');
    expect(bo?.adherentMs).toBe(236 * MINUTE);
    // 08:40–12:00 and 12:04–13:00: 256 minutes worked against 240 scheduled.
    expect(bo?.conformance).toBeCloseTo(256 / 240, 12);
  });

  it('adds agents up to team totals', () => {
    expect(report.teams).toEqual([
      {
        teamId: 'blue',
        scheduledMs: 480 * MINUTE,
        adherentMs: 459 * MINUTE,
        adherence: 459 / 480,
        scheduledWorkMs: 465 * MINUTE,
        workedMs: 468 * MINUTE,
        conformance: 468 / 465,
      },
    ]);
  });

  it('alerts only on stretches that outlast the grace period, including early logins', () => {
    expect(report.alerts).toEqual([
      { agentId: 'bo', start: at(8, 40), end: at(9), ongoing: false, scheduled: 'off', actual: 'work', alertAt: at(8, 45) },
      { agentId: 'amy', start: at(12, 50), end: at(13), ongoing: true, scheduled: 'work', actual: 'off', alertAt: at(12, 55) },
    ]);
  });

  it('lets a live view ask "now" with an open state', () => {
    const live = adherenceReport(schedule, states, { from: at(12, 30), to: at(12, 53), graceMs: 5 * MINUTE });
    expect(live.alerts).toEqual([]);
    const later = adherenceReport(schedule, states, { from: at(12, 30), to: at(12, 56), graceMs: 5 * MINUTE });
    expect(later.alerts.map((alert) => [alert.agentId, alert.ongoing, alert.alertAt])).toEqual([['amy', true, at(12, 55)]]);
  });

  it('names overlapping or inverted intervals', () => {
    const fieldOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof WfmInputError) return error.field;
        throw error;
      }
      throw new Error('expected a WfmInputError');
    };
    const overlapping = [...states, { agentId: 'bo', state: 'break', start: at(9), end: at(9, 10) }];
    expect(fieldOf(() => adherenceReport(schedule, overlapping, { from: at(8), to: at(13) }))).toBe(`states[${states.length}]`);
    const inverted: ScheduledActivity[] = [{ agentId: 'amy', kind: 'work', start: at(10), end: at(9) }];
    expect(fieldOf(() => adherenceReport(inverted, [], { from: at(8), to: at(13) }))).toBe('activities[0].end');
  });
});

describe('break queue', () => {
  it('caps breaks at once and grants waiting requests first come, first served', () => {
    let queue = createBreakQueue(2);
    const steps: string[] = [];
    for (const [agent, minute] of [['a', 0], ['b', 1], ['c', 2], ['d', 3]] as const) {
      const result = requestBreak(queue, agent, at(10, minute));
      queue = result.queue;
      steps.push(`${agent}:${result.outcome}${result.position ? `#${result.position}` : ''}`);
    }
    expect(steps).toEqual(['a:granted', 'b:granted', 'c:queued#1', 'd:queued#2']);
    expect(requestBreak(queue, 'a', at(10, 4)).outcome).toBe('already_on_break');
    expect(requestBreak(queue, 'd', at(10, 4))).toMatchObject({ outcome: 'already_waiting', position: 2 });

    const ended = endBreak(queue, 'b', at(10, 15));
    expect(ended.granted).toEqual([{ agentId: 'c', at: at(10, 15) }]);
    queue = ended.queue;
    expect(queue.onBreak.map((item) => item.agentId)).toEqual(['a', 'c']);
    expect(queue.waiting.map((item) => item.agentId)).toEqual(['d']);
  });

  it('does not let a newcomer jump the queue when a place frees up', () => {
    let queue = createBreakQueue(1);
    queue = requestBreak(queue, 'a', at(10)).queue;
    queue = requestBreak(queue, 'b', at(10, 1)).queue;
    queue = { ...queue, onBreak: [] };
    expect(requestBreak(queue, 'c', at(10, 2)).outcome).toBe('queued');
  });

  it('grants at once when the limit rises, and ends no break when it falls', () => {
    let queue = createBreakQueue(1);
    queue = requestBreak(queue, 'a', at(10)).queue;
    queue = requestBreak(queue, 'b', at(10)).queue;
    queue = requestBreak(queue, 'c', at(10)).queue;
    queue = cancelBreakRequest(queue, 'b');
    const raised = setMaxOnBreak(queue, 3, at(10, 5));
    expect(raised.granted).toEqual([{ agentId: 'c', at: at(10, 5) }]);
    const lowered = setMaxOnBreak(raised.queue, 0, at(10, 6));
    expect(lowered.queue.onBreak).toHaveLength(2);
    expect(requestBreak(lowered.queue, 'd', at(10, 7)).outcome).toBe('queued');
  });

  it('rejects a negative limit', () => {
    expect(() => createBreakQueue(-1)).toThrow(WfmInputError);
  });
});
