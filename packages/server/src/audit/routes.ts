import { auditEntry, page } from '@seatline/shared';
import { and, desc, eq, gte, like, lt, lte } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import { requireActor } from '../platform/http/policy.ts';
import { auditLog } from './schema.ts';

const query = z.strictObject({
  action: z.string().max(64).optional(),
  actorId: z.uuid().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().regex(/^\d{1,19}$/).optional(),
});

const PAGE = 50;

/** Read-only by design: the audit log has no route that writes, edits or deletes. */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/audit', {
      config: { access: 'audit.read' },
      schema: { tags: ['audit'], querystring: query, response: { 200: page(auditEntry) } },
    }, async (request) => {
      const q = request.query;
      const conditions = [eq(auditLog.tenantId, requireActor(request).tenant.id)];
      if (q.action) conditions.push(like(auditLog.action, `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
      if (q.actorId) conditions.push(eq(auditLog.actorId, q.actorId));
      if (q.from) conditions.push(gte(auditLog.at, new Date(q.from)));
      if (q.to) conditions.push(lte(auditLog.at, new Date(q.to)));
      if (q.cursor) conditions.push(lt(auditLog.id, BigInt(q.cursor)));
      const rows = await ctx.database.db.select().from(auditLog).where(and(...conditions)).orderBy(desc(auditLog.id)).limit(PAGE + 1);
      const items = rows.slice(0, PAGE);
      return {
        items: items.map((row) => ({
          id: row.id.toString(),
          at: row.at.toISOString(),
          actorId: row.actorId,
          actorName: row.actorName,
          action: row.action,
          targetType: row.targetType,
          targetId: row.targetId,
          ip: row.ip,
          details: row.details,
        })),
        nextCursor: rows.length > PAGE ? items.at(-1)!.id.toString() : null,
      };
    });
  };
}
