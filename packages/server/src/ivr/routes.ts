import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { requireActor } from '../platform/http/policy.ts';
import { saveCalendar, saveFlow, setEmergencyPrompt } from './commands/hotlines.ts';
import { findFlowVersion, findHotline, listCalendars, listFlowVersions, listHotlines, type HotlineRow } from './repository.ts';
import { businessCalendarSchema, promptSchema } from './schemas.ts';

const idParams = z.strictObject({ id: z.uuid() });
const tags = { tags: ['ivr'] };

const presentHotline = (h: HotlineRow) => ({ id: h.id, number: h.number, name: h.config.name, config: h.config, activeVersion: h.activeVersion });

export function ivrRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get('/api/hotlines', { config: { access: 'ivr.read' }, schema: tags }, async (request) => ({
      items: (await listHotlines(db, requireActor(request).tenant.id)).map(presentHotline),
    }));

    app.get('/api/hotlines/:id', { config: { access: 'ivr.read' }, schema: { ...tags, params: idParams } }, async (request) => {
      const actor = requireActor(request);
      const hotline = await findHotline(db, actor.tenant.id, request.params.id);
      if (!hotline) throw notFound();
      const [flow, versions] = await Promise.all([findFlowVersion(db, hotline.id, hotline.activeVersion), listFlowVersions(db, actor.tenant.id, hotline.id)]);
      return { ...presentHotline(hotline), flow: flow?.flow ?? null, versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy })) };
    });

    app.put('/api/hotlines/:id/flow', {
      config: { access: 'ivr.manage' },
      schema: { ...tags, params: idParams, body: z.strictObject({ flow: z.unknown() }) },
    }, async (request) => saveFlow(ctx, requireActor(request), request.params.id, request.body.flow));

    app.get('/api/calendars', { config: { access: 'ivr.read' }, schema: tags }, async (request) => ({
      items: (await listCalendars(db, requireActor(request).tenant.id)).map((c) => c.calendar),
    }));

    app.put('/api/calendars/:code', {
      config: { access: 'ivr.manage' },
      schema: { ...tags, params: z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/) }), body: businessCalendarSchema },
    }, async (request) => saveCalendar(ctx, requireActor(request), request.params.code, request.body));

    app.put('/api/hotlines/:id/emergency', {
      config: { access: 'ivr.emergency' },
      schema: { ...tags, params: idParams, body: z.strictObject({ enabled: z.boolean(), prompt: promptSchema.nullable().optional() }) },
    }, async (request) => presentHotline(await setEmergencyPrompt(ctx, requireActor(request), request.params.id, { enabled: request.body.enabled, prompt: request.body.prompt ?? null })));
  };
}
