import { describe, expect, it } from 'vitest';
import { mapQueueIssues, matchField, type FieldName } from './issues.ts';

/** What the drawer form registers (with one skill and one widening step, overflow and limits on). */
const known: FieldName[] = [
  ['code'],
  ['name'],
  ['businessLineId'],
  ['settings', 'channel'],
  ['settings', 'skills'],
  ['settings', 'skills', 0, 'skill'],
  ['settings', 'skills', 0, 'minLevel'],
  ['settings', 'priority'],
  ['settings', 'serviceLevel', 'percent'],
  ['settings', 'serviceLevel', 'seconds'],
  ['settings', 'widening', 0, 'afterSeconds'],
  ['settings', 'widening', 0, 'levelReduction'],
  ['settings', 'overflow', 'afterSeconds'],
  ['settings', 'overflow', 'queueId'],
  ['settings', 'limits', 'maxLength'],
  ['settings', 'limits', 'maxWaitSeconds'],
  ['settings', 'limits', 'action', 'type'],
];

describe('queue issues onto form fields', () => {
  it('maps request schema paths (body.…)', () => {
    const mapped = mapQueueIssues(
      { issues: [{ path: 'body.settings.serviceLevel.percent', message: 'Too big' }, { path: 'body.code', message: 'Invalid string' }] },
      known,
      5,
    );
    expect(mapped).toEqual({
      fields: [
        { name: ['settings', 'serviceLevel', 'percent'], message: 'Too big' },
        { name: ['code'], message: 'Invalid string' },
      ],
      general: [],
    });
  });

  it('maps the queue-set check for the candidate and keeps other queues’ issues general', () => {
    const mapped = mapQueueIssues(
      {
        issues: [
          { path: '5.overflow.queueId', message: 'queue x serves chat, not voice' },
          { path: '5.skills.0.skill', message: 'skill s is listed twice' },
          { path: '5.widening.0', message: 'each widening step must come later' },
          { path: '5.limits', message: 'set maxLength, maxWaitSeconds or both' },
          { path: '2.overflow.queueId', message: 'unknown queue q' },
        ],
      },
      known,
      5,
    );
    expect(mapped.fields).toEqual([
      { name: ['settings', 'overflow', 'queueId'], message: 'queue x serves chat, not voice' },
      { name: ['settings', 'skills', 0, 'skill'], message: 'skill s is listed twice' },
      { name: ['settings', 'widening', 0, 'afterSeconds'], message: 'each widening step must come later' },
      { name: ['settings', 'limits', 'maxLength'], message: 'set maxLength, maxWaitSeconds or both' },
    ]);
    expect(mapped.general).toEqual(['unknown queue q']);
  });

  it('maps single-field refusals and leaves the unknown for the alert', () => {
    expect(mapQueueIssues({ field: 'businessLineId' }, known, 0).fields).toEqual([{ name: ['businessLineId'], message: '' }]);
    expect(mapQueueIssues({ field: 'settings.channel', reason: 'channel_fixed' }, known, 0).fields).toEqual([
      { name: ['settings', 'channel'], message: 'channel_fixed' },
    ]);
    expect(mapQueueIssues({ issues: [{ path: 'body', message: 'Unrecognized key: "colour"' }] }, known, 0)).toEqual({
      fields: [],
      general: ['body: Unrecognized key: "colour"'],
    });
    expect(mapQueueIssues(null, known, 0)).toEqual({ fields: [], general: [] });
  });

  it('matches the closest registered field', () => {
    expect(matchField(['settings', 'limits', 'action'], known)).toEqual(['settings', 'limits', 'action', 'type']);
    expect(matchField(['settings', 'skills', 0, 'skill', 'x'], known)).toEqual(['settings', 'skills', 0, 'skill']);
    expect(matchField(['settings', 'nothing'], known)).toBeNull();
  });
});
