/**
 * Test calls through the simulated telephony: a supervisor (or a browser test) places a call to one
 * of the tenant's hotlines, pressing given keys, or straight into a queue.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findHotlineByNumber } from '../ivr/repository.ts';
import type { Services } from '../platform/boot.ts';
import type { AppContext } from '../platform/context.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { requireActor } from '../platform/http/policy.ts';
import { findQueueByCode } from '../routing/repository.ts';

const body = z
  .strictObject({
    hotline: z.string().max(32).optional(),
    queue: z.string().max(64).optional(),
    caller: z.string().regex(/^\+?\d{3,20}$/).optional(),
    digits: z.array(z.string().regex(/^[0-9*#]{1,32}$/)).max(20).default([]),
    patienceSeconds: z.number().positive().max(3600).nullable().default(600),
    talkSeconds: z.number().positive().max(3600).nullable().default(null),
  })
  .refine((b) => Boolean(b.hotline) !== Boolean(b.queue), { message: 'give a hotline to dial or a queue to wait in, not both' });

export function simulatorRoutes(ctx: AppContext, services: Services): FastifyPluginAsyncZod {
  return async (app) => {
    app.post('/api/simulator/calls', { config: { access: 'floor.control' }, schema: { tags: ['simulator'], body } }, async (request, reply) => {
      const actor = requireActor(request);
      const input = request.body;
      const behaviour = {
        digits: input.digits,
        patienceMs: input.patienceSeconds === null ? null : input.patienceSeconds * 1000,
        talkMs: input.talkSeconds === null ? null : input.talkSeconds * 1000,
      };
      const caller = input.caller ?? '+8613800000000';
      if (input.hotline) {
        const hotline = await findHotlineByNumber(ctx.database.db, input.hotline);
        if (!hotline || hotline.tenantId !== actor.tenant.id) throw notFound({ field: 'hotline' });
        return reply.status(201).send({ interactionId: services.telephony.dial(hotline.number, caller, behaviour) });
      }
      const queue = await findQueueByCode(ctx.database.db, actor.tenant.id, input.queue!);
      if (!queue) throw notFound({ field: 'queue' });
      if (queue.settings.channel !== 'voice') throw invalid({ field: 'queue', reason: 'not_a_voice_queue' });
      const interactionId = services.telephony.adopt(behaviour);
      await services.voice.connectToQueue(interactionId, actor.tenant.id, caller, queue.id);
      return reply.status(201).send({ interactionId });
    });
  };
}
