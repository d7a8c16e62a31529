import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { epochOfLocal } from './calendar.ts';
import { defaultChinaCalendar2026 } from './china-holidays.ts';
import { demoPropertyFlow, demoPropertyHotline, demoShopFlow, demoShopHotline } from './demo-flows.ts';
import { exitRecord } from './interpreter.ts';
import { parseFlow, parseHotlineConfig } from './schemas.ts';
import { walkScripted } from './walk.ts';

const docBlocks = [...readFileSync(new URL('../../../../docs/ivr.md', import.meta.url), 'utf8').matchAll(/```json\n([\s\S]*?)\n```/g)].map(
  (match) => JSON.parse(match[1]!) as Record<string, unknown>,
);

describe('demo flows', () => {
  it('match the complete example in docs/ivr.md', () => {
    expect(parseFlow(docBlocks.find((block) => 'nodes' in block))).toEqual(demoPropertyFlow);
    expect(parseHotlineConfig(docBlocks.find((block) => 'outOfHours' in block))).toEqual(demoPropertyHotline);
  });

  it('route each property menu choice to its queue', () => {
    const queueOf = (script: string[]) => {
      const action = walkScripted(demoPropertyFlow, script).state.action;
      return action.type === 'route' && action.target.kind === 'queue' ? action.target.queueId : action.type;
    };
    expect(queueOf(['1', '2'])).toBe('repair');
    expect(queueOf(['2'])).toBe('complaint');
    expect(queueOf(['3'])).toBe('new_business');
    expect(queueOf(['0'])).toBe('repair');
    expect(queueOf(['1', '*', '2'])).toBe('complaint');
    expect(queueOf(['timeout', 'timeout', 'timeout'])).toBe('repair');
  });

  it('gives VIP owners priority', () => {
    const walk = walkScripted(demoPropertyFlow, ['2'], { lookup: () => ({ found: true, values: { tier: 'gold', name: '李女士' } }) });
    expect(walk.state.action).toMatchObject({ type: 'route', routing: { priority: 10, attributes: { vip: 'true' } } });
  });

  it('hands the shop agent the collected order number', () => {
    const walk = walkScripted(demoShopFlow, ['2', '12345678']);
    expect(walk.state.action).toMatchObject({ type: 'route', target: { kind: 'queue', queueId: 'refund' } });
    expect(exitRecord(walk.state)?.variables.orderNumber).toBe('12345678');
    expect(exitRecord(walk.state)?.menuPath).toBe('main:2');
  });

  it('offers the shop caller a callback out of hours', () => {
    const sundayMorning = epochOfLocal('Asia/Shanghai', '2026-03-08', '08:00');
    const walk = walkScripted(demoShopFlow, [], { startMs: sundayMorning, hotline: { config: demoShopHotline, calendar: defaultChinaCalendar2026() } });
    expect(walk.state.action).toMatchObject({ type: 'callback', queueId: 'after_sales', callbackNumber: '13800000000' });
  });
});
