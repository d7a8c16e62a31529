/**
 * Business lines and queues for the demo tenants: the property hotline's repairs, complaints and
 * new-business lines (with a VIP queue), and the shop's after-sales line with a chat queue.
 */
import { eq } from 'drizzle-orm';
import { findTenant, listSkills } from '../../org/repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { queueConfigSchema } from '../schemas.ts';
import { businessLines, queues } from '../schema.ts';
import { listBusinessLines } from '../repository.ts';

interface QueuePlan {
  code: string;
  name: string;
  line: string;
  channel?: 'voice' | 'chat';
  skills: { code: string; minLevel: number }[];
  priority?: number;
  overflowTo?: string;
}

const PLANS: Record<string, { lines: { code: string; name: string }[]; queues: QueuePlan[] }> = {
  property: {
    lines: [
      { code: 'repairs', name: '报修报事' },
      { code: 'complaints', name: '投诉' },
      { code: 'new_business', name: '新业务' },
    ],
    queues: [
      { code: 'vip', name: '贵宾专线', line: 'repairs', skills: [{ code: 'vip', minLevel: 1 }], priority: 10, overflowTo: 'repair' },
      { code: 'repair', name: '报修队列', line: 'repairs', skills: [{ code: 'repair', minLevel: 3 }] },
      { code: 'complaint', name: '投诉队列', line: 'complaints', skills: [{ code: 'complaint', minLevel: 5 }], priority: 5 },
      { code: 'new_business', name: '新业务咨询', line: 'new_business', skills: [{ code: 'new_business', minLevel: 1 }] },
      { code: 'web_chat', name: '在线客服', line: 'repairs', channel: 'chat', skills: [{ code: 'repair', minLevel: 1 }] },
    ],
  },
  shop: {
    lines: [{ code: 'after_sales', name: '售后服务' }],
    queues: [
      { code: 'after_sales', name: '售后咨询', line: 'after_sales', skills: [{ code: 'after_sales', minLevel: 1 }] },
      { code: 'refund', name: '退换货', line: 'after_sales', skills: [{ code: 'refund', minLevel: 3 }] },
      { code: 'logistics', name: '物流查询', line: 'after_sales', skills: [{ code: 'logistics', minLevel: 1 }] },
      { code: 'web_chat', name: '在线客服', line: 'after_sales', channel: 'chat', skills: [{ code: 'after_sales', minLevel: 1 }] },
    ],
  },
};

/** Seeds the demo tenants' routing set-up where it is missing, and puts the new queues into service. */
export async function seedDemoRouting(runtime: { ctx: AppContext; services: { contacts: { reloadQueues(): Promise<void> } } }): Promise<void> {
  let seeded = false;
  for (const slug of Object.keys(PLANS)) {
    const tenant = await findTenant(runtime.ctx.database.db, slug);
    if (tenant) seeded = (await seedDemoQueues(runtime.ctx, tenant)) || seeded;
  }
  if (seeded) await runtime.services.contacts.reloadQueues();
}

/** Seeds the routing set-up of a demo tenant once; returns false when it already exists. */
async function seedDemoQueues(ctx: AppContext, tenant: { id: string; slug: string }): Promise<boolean> {
  const plan = PLANS[tenant.slug];
  if (!plan || (await listBusinessLines(ctx.database.db, tenant.id)).length > 0) return false;
  const skillIds = new Map((await listSkills(ctx.database.db, tenant.id)).map((s) => [s.code, s.id]));
  await ctx.uow.run(async (tx, record) => {
    const lines = await tx.insert(businessLines).values(plan.lines.map((l) => ({ tenantId: tenant.id, ...l }))).returning();
    const lineId = (code: string) => lines.find((l) => l.code === code)!.id;
    const rows = await tx
      .insert(queues)
      .values(plan.queues.map((q) => ({ tenantId: tenant.id, businessLineId: lineId(q.line), code: q.code, name: q.name, settings: settingsFor(q, skillIds) })))
      .returning();
    // Overflow targets are queue ids, known only once every queue exists.
    for (const q of plan.queues.filter((p) => p.overflowTo)) {
      const row = rows.find((r) => r.code === q.code)!;
      const target = rows.find((r) => r.code === q.overflowTo)!;
      await tx.update(queues).set({ settings: { ...row.settings, overflow: { afterSeconds: 30, queueId: target.id } } }).where(eq(queues.id, row.id));
    }
    await record({ type: 'routing.queues_changed', tenantId: tenant.id, payload: { queues: rows.length, demo: true } });
  });
  return true;
}

function settingsFor(plan: QueuePlan, skillIds: Map<string, string>) {
  const { id: _id, tenantId: _tenant, businessLineId: _line, ...settings } = queueConfigSchema.parse({
    id: plan.code,
    tenantId: 'demo',
    businessLineId: plan.line,
    channel: plan.channel ?? 'voice',
    skills: plan.skills.map((s) => ({ skill: skillIds.get(s.code)!, minLevel: s.minLevel })),
    priority: plan.priority ?? 0,
    widening: [{ afterSeconds: 60, levelReduction: 2 }],
    limits: { maxLength: 200, maxWaitSeconds: 600, action: { type: 'callback' } },
    ringTimeoutSeconds: 15,
    maxWrapUpSeconds: 60,
    expectedHandleSeconds: plan.channel === 'chat' ? 240 : 180,
  });
  return settings;
}
