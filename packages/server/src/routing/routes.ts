import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/policy.ts';
import { listBusinessLines, listQueues, toQueueConfig } from './repository.ts';

/** Read access to the routing set-up; editing queues arrives with the queue admin page. */
export function routingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/business-lines', { config: { access: 'queues.read' }, schema: { tags: ['routing'] } }, async (request) => ({
      items: (await listBusinessLines(db, requireActor(request).tenant.id)).map((l) => ({ id: l.id, code: l.code, name: l.name })),
    }));

    app.get('/api/queues', { config: { access: 'queues.read' }, schema: { tags: ['routing'] } }, async (request) => ({
      items: (await listQueues(db, requireActor(request).tenant.id)).map((q) => ({ code: q.code, name: q.name, ...toQueueConfig(q) })),
    }));
  };
}
