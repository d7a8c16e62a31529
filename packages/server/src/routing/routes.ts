import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/policy.ts';
import { z } from 'zod';
import type { Services } from '../platform/boot.ts';
import { saveQueue } from './commands/queues.ts';
import { listBusinessLines, listQueues, toQueueConfig, type QueueRow } from './repository.ts';
import { queueConfigSchema } from './schemas.ts';

const idParams = z.strictObject({ id: z.uuid() });
const settingsBody = queueConfigSchema.omit({ id: true, tenantId: true, businessLineId: true }).partial();
const queueCreate = z.strictObject({
  code: z.string().regex(/^[a-z0-9_]{1,40}$/),
  name: z.string().trim().min(1).max(100),
  businessLineId: z.uuid(),
  settings: settingsBody.default({}),
});
const queueUpdate = z.strictObject({ name: z.string().trim().min(1).max(100).optional(), businessLineId: z.uuid().optional(), settings: settingsBody.optional() });
const presentQueue = (q: QueueRow) => ({ code: q.code, name: q.name, ...toQueueConfig(q) });

/** The routing set-up: business lines and queues; saving a queue puts it into service at once. */
export function routingRoutes(ctx: AppContext, services: Services): FastifyPluginAsyncZod {
  const reload = () => services.contacts.reloadQueues();
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/business-lines', { config: { access: 'queues.read' }, schema: { tags: ['routing'] } }, async (request) => ({
      items: (await listBusinessLines(db, requireActor(request).tenant.id)).map((l) => ({ id: l.id, code: l.code, name: l.name })),
    }));

    app.get('/api/queues', { config: { access: 'queues.read' }, schema: { tags: ['routing'] } }, async (request) => ({
      items: (await listQueues(db, requireActor(request).tenant.id)).map(presentQueue),
    }));

    app.post('/api/queues', { config: { access: 'queues.manage' }, schema: { tags: ['routing'], body: queueCreate } }, async (request, reply) =>
      reply.status(201).send(presentQueue(await saveQueue(ctx, requireActor(request), null, request.body, reload))),
    );

    app.patch('/api/queues/:id', { config: { access: 'queues.manage' }, schema: { tags: ['routing'], params: idParams, body: queueUpdate } }, async (request) =>
      presentQueue(await saveQueue(ctx, requireActor(request), request.params.id, request.body, reload)),
    );
  };
}
