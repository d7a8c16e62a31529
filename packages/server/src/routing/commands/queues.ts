/**
 * Creating and changing queues. A queue's settings are validated alone (zod) and as a set (overflow
 * and limit targets exist, same tenant and channel, no loops), then the live router takes them.
 */
import { eq } from 'drizzle-orm';
import { auditAction } from '../../org/commands/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, conflict, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { StoredQueueSettings } from '../schema.ts';
import { queues } from '../schema.ts';
import { queueSetSchema } from '../schemas.ts';
import { findQueue, findQueueByCode, listBusinessLines, loadQueueConfigs } from '../repository.ts';

export interface QueueInput {
  code?: string;
  name?: string;
  businessLineId?: string;
  settings?: Partial<StoredQueueSettings>;
}

export async function saveQueue(ctx: AppContext, actor: Actor, queueId: string | null, input: QueueInput, reload: () => Promise<void>) {
  const db = ctx.database.db;
  const existing = queueId ? await findQueue(db, actor.tenant.id, queueId) : undefined;
  if (queueId && !existing) throw notFound();
  if (!queueId && input.code && (await findQueueByCode(db, actor.tenant.id, input.code))) throw conflict({ field: 'code' });
  const businessLineId = input.businessLineId ?? existing?.businessLineId;
  if (!businessLineId || !(await listBusinessLines(db, actor.tenant.id)).some((l) => l.id === businessLineId)) {
    throw new AppError('request.invalid', 400, { field: 'businessLineId' });
  }
  // Waiting interactions belong to a channel: a live queue keeps the one it was made with.
  if (existing && input.settings?.channel && input.settings.channel !== existing.settings.channel) {
    throw new AppError('request.invalid', 400, { field: 'settings.channel', reason: 'channel_fixed' });
  }
  const id = queueId ?? crypto.randomUUID();
  const candidate = { ...existing?.settings, ...input.settings, id, tenantId: actor.tenant.id, businessLineId };
  // The whole set is checked, so a change cannot break another queue's overflow or limit target.
  const others = (await loadQueueConfigs(db)).filter((q) => q.tenantId === actor.tenant.id && q.id !== id);
  const parsed = queueSetSchema.safeParse([...others, candidate]);
  if (!parsed.success) {
    throw new AppError('request.invalid', 400, { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  const { id: _id, tenantId: _tenant, businessLineId: _line, ...settings } = parsed.data.at(-1)!;
  await ctx.uow.run(async (tx, record) => {
    if (existing) {
      await tx.update(queues).set({ name: input.name ?? existing.name, businessLineId, settings }).where(eq(queues.id, id));
    } else {
      await tx.insert(queues).values({ id, tenantId: actor.tenant.id, businessLineId, code: input.code!, name: input.name!, settings });
    }
    await record({ type: 'routing.queues_changed', tenantId: actor.tenant.id, aggregateId: id, payload: { queueId: id } });
    await auditAction(ctx, tx, actor, existing ? 'queue.updated' : 'queue.created', 'queue', id, { settings: input.settings ?? {} });
  });
  await reload();
  return (await findQueue(db, actor.tenant.id, id))!;
}
