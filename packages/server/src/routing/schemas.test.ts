import { describe, expect, it } from 'vitest';
import { agentProfileSchema, queueConfigSchema, queueSetSchema } from './schemas.ts';

const base = { tenantId: 't', businessLineId: 'property' };

describe('routing schemas', () => {
  it('fills a minimal queue with the documented defaults', () => {
    expect(queueConfigSchema.parse({ ...base, id: 'repairs' })).toEqual({
      ...base,
      id: 'repairs',
      channel: 'voice',
      skills: [],
      priority: 0,
      serviceLevel: { percent: 80, seconds: 20 },
      strategy: 'longest_idle',
      widening: [],
      overflow: null,
      limits: null,
      ringTimeoutSeconds: 20,
      maxWrapUpSeconds: 60,
      expectedHandleSeconds: 300,
    });
  });

  it('rejects skill levels outside 1–10 and limits without a bound', () => {
    expect(queueConfigSchema.safeParse({ ...base, id: 'q', skills: [{ skill: 'repairs', minLevel: 11 }] }).success).toBe(false);
    expect(queueConfigSchema.safeParse({ ...base, id: 'q', limits: { action: { type: 'callback' } } }).success).toBe(false);
    expect(agentProfileSchema.safeParse({ id: 'a', tenantId: 't', skills: { repairs: 0 } }).success).toBe(false);
  });

  it('reports cross-queue mistakes with the path of the bad field', () => {
    const result = queueSetSchema.safeParse([
      { ...base, id: 'a', overflow: { afterSeconds: 30, queueId: 'nowhere' } },
      { ...base, id: 'b', limits: { maxLength: 5, action: { type: 'queue', queueId: 'c' } } },
      { ...base, id: 'c', limits: { maxLength: 5, action: { type: 'queue', queueId: 'b' } } },
      { ...base, id: 'd', widening: [{ afterSeconds: 60, levelReduction: 2 }, { afterSeconds: 30, levelReduction: 3 }] },
      { ...base, id: 'e', tenantId: 'other', overflow: { afterSeconds: 30, queueId: 'a' } },
    ]);
    expect(result.success).toBe(false);
    const issues = result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues).toEqual([
      '0.overflow.queueId: unknown queue nowhere',
      '3.widening.1: each widening step must come later and reduce more than the one before',
      '4.overflow.queueId: queue a belongs to another tenant',
      '1.limits.action: full queues redirect in a loop: b → c → b',
      '2.limits.action: full queues redirect in a loop: c → b → c',
    ]);
  });
});
