/**
 * WFM routes (docs/wfm-api.md): staffing, interval history, forecasts with their staffing plans,
 * shift templates, schedules with approval, the agent's own schedule, and adherence.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import { computeStaffing } from './domain/erlang.ts';
import { domain } from './errors.ts';
import { presentStaffing } from './presenters.ts';
import { staffingRequestSchema } from './schemas.ts';

const tags = { tags: ['wfm'] };

export function wfmRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  void ctx;
  return async (app) => {
    app.post('/api/wfm/staffing', { config: { access: 'wfm.read' }, schema: { ...tags, body: z.strictObject(staffingRequestSchema.shape) } }, async (request) =>
      presentStaffing(await domain(() => computeStaffing(request.body))),
    );
  };
}
