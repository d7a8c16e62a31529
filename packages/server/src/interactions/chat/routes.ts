/**
 * The public web chat endpoint the embeddable widget talks to: `GET /api/chat/ws?tenant=<slug>[&queue=<code>]`,
 * a WebSocket carrying the protocol in ./protocol.ts. No login: the tenant's slug picks where the chat
 * goes, and the limits in `ChatLimits` keep an anonymous caller from flooding anyone.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../platform/boot.ts';
import type { AppContext } from '../../platform/context.ts';
import { requestLocale } from '../../platform/http/errors.ts';
import { ChatGateway } from './gateway.ts';
import { type ChatLimits, DEFAULT_CHAT_LIMITS } from './protocol.ts';

const query = z.strictObject({
  tenant: z.string().trim().min(1).max(64),
  queue: z.string().trim().min(1).max(64).optional(),
});

export function chatRoutes(ctx: AppContext, services: Pick<Services, 'floor' | 'contacts'>, limits: Partial<ChatLimits> = {}): FastifyPluginAsyncZod {
  return async (app) => {
    const gateway = new ChatGateway(ctx, services.contacts, services.floor, { ...DEFAULT_CHAT_LIMITS, ...limits });
    app.addHook('onClose', () => gateway.close());

    app.get('/api/chat/ws', {
      websocket: true,
      config: { access: 'public' },
      schema: { hide: true, querystring: query },
    }, (socket, request) => {
      const { tenant, queue } = request.query as z.infer<typeof query>;
      gateway.connect(socket, { ip: request.ip, tenant, queue, locale: requestLocale(request) });
    });
  };
}
