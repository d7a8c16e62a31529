import { describe, expect, it } from 'vitest';
import { demoDayScenario } from './demo-day.ts';
import { scenarioSchema, type ScenarioInput } from './scenario.ts';

function minimal(): ScenarioInput {
  return {
    name: 'minimal',
    startAt: '2025-01-06T08:00:00+08:00',
    expectedCalls: [10, 20],
    ivr: {
      start: 'menu',
      nodes: {
        menu: { type: 'menu', seconds: 5, options: [{ probability: 0.7, next: 'q' }, { probability: 0.3, next: 'done' }] },
        q: { type: 'queue', queueId: 'support' },
        done: { type: 'hang_up', outcome: 'self_service' },
      },
    },
    queues: [{ id: 'support', handleTime: { type: 'exponential', meanSeconds: 200 } }],
    agentGroups: [{ id: 'team', skills: {}, staffing: [1, 2] }],
  };
}

function problems(input: ScenarioInput): string[] {
  const result = scenarioSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('scenario schema', () => {
  it('accepts a minimal scenario and fills the defaults', () => {
    const scenario = scenarioSchema.parse(minimal());
    expect(scenario).toMatchObject({ tenantId: 'simulation', intervalMinutes: 30, botAnswerSeconds: 2, vip: { share: 0 } });
    expect(scenario.queues[0]).toMatchObject({ wrapUp: { type: 'fixed', seconds: 0 }, patience: null, strategy: 'longest_idle' });
  });

  it('accepts the demo day', () => {
    expect(() => demoDayScenario({ date: '2025-06-02', tenantId: 't-1' })).not.toThrow();
    expect(demoDayScenario({ date: '2025-06-02' }).startAt).toBe('2025-06-02T08:00:00+08:00');
  });

  it('names the path of each mistake', () => {
    const input = minimal();
    input.agentGroups[0]!.staffing = [1];
    input.ivr.nodes.menu = { type: 'menu', seconds: 5, options: [{ probability: 0.7, next: 'q' }, { probability: 0.2, next: 'nowhere' }] };
    input.ivr.nodes.q = { type: 'queue', queueId: 'missing' };
    input.queues[0]!.overflow = { afterSeconds: 60, queueId: 'ghost' };
    input.queues[0]!.ringTimeoutSeconds = 2;
    expect(problems(input)).toEqual([
      'agentGroups.0.staffing: needs 2 entries, one per interval',
      'queues.0.overflow.queueId: unknown queue ghost',
      'queues.0.ringTimeoutSeconds: must be longer than botAnswerSeconds, or bots never answer',
      'ivr.nodes.menu.options: branch probabilities add up to 0.9, not 1',
      'ivr.nodes.menu.options.1.next: unknown node nowhere',
      'ivr.nodes.q.queueId: unknown queue missing',
    ]);
  });

  it('refuses an IVR that can loop', () => {
    const input = minimal();
    input.ivr.nodes.done = { type: 'menu', seconds: 3, options: [{ probability: 1, next: 'menu' }] };
    expect(problems(input)).toEqual(['ivr.nodes.menu: the IVR loops: menu → done → menu']);
  });
});
