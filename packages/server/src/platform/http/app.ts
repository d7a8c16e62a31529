/**
 * Builds the HTTP application: one fastify instance with zod validation, OpenAPI, sessions,
 * the access policy, metrics, every context's routes, and the web app's static files.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditRoutes } from '../../audit/routes.ts';
import { interactionRoutes } from '../../interactions/routes.ts';
import { chatRoutes } from '../../interactions/chat/routes.ts';
import { ivrRoutes } from '../../ivr/routes.ts';
import { wfmRoutes } from '../../wfm/routes.ts';
import { routingRoutes } from '../../routing/routes.ts';
import { simulatorRoutes } from '../../telephony/routes.ts';
import { resolveApiToken, resolveSession } from '../../org/commands/auth.ts';
import { SESSION_COOKIE, orgRoutes } from '../../org/routes.ts';
import type { Runtime } from '../boot.ts';
import type { Access } from './actor.ts';
import { handleError, sendError } from './errors.ts';
import { createMetrics } from './metrics.ts';
import { enforceAccess } from './policy.ts';

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export async function buildApp(runtime: Pick<Runtime, 'ctx' | 'services'>, options: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const { ctx, services } = runtime;
  const app = Fastify({
    logger: options.logger ? { level: ctx.config.logLevel } : false,
    bodyLimit: ctx.config.bodyLimitBytes,
    trustProxy: ctx.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  // Every API route must say who may call it; the permission-matrix test reads this table.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const access = (route.config as { access?: Access } | undefined)?.access;
    if (!access) throw new Error(`Route ${route.method} ${route.url} declares no access`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
  });

  await app.register(cookie);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: { info: { title: 'Seatline API', version: '0.1.0' }, components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, token: { type: 'http', scheme: 'bearer' } } } },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    // Injected WebSocket requests in tests have no socket address.
    const ip = request.socket?.remoteAddress ? request.ip : 'unknown';
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      request.actor = await resolveApiToken(ctx, bearer, ip);
      return;
    }
    const session = request.cookies[SESSION_COOKIE];
    if (session) request.actor = await resolveSession(ctx, session, ip);
  });
  // Access is checked before the body is validated, so a caller without the permission learns nothing from it.
  app.addHook('preValidation', enforceAccess);

  const metrics = createMetrics(ctx);
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime);
  });

  app.get('/api/health', {
    config: { access: 'public' },
    schema: { tags: ['system'], response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) } },
  }, async () => {
    await ctx.database.raw('SELECT 1');
    return { status: 'ok' as const, database: ctx.database.kind };
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()));

  await app.register(orgRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(routingRoutes(ctx, services));
  await app.register(interactionRoutes(ctx, services));
  await app.register(chatRoutes(ctx, services));
  await app.register(ivrRoutes(ctx));
  await app.register(wfmRoutes(ctx, services));
  await app.register(simulatorRoutes(ctx, services));

  const webIndex = path.join(ctx.config.webDist, 'index.html');
  const hasWeb = existsSync(webIndex);
  // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
  if (hasWeb) await app.register(fastifyStatic, { root: ctx.config.webDist, wildcard: true });
  app.setNotFoundHandler((request, reply) => {
    if (request.method === 'GET' && hasWeb && !request.url.startsWith('/api/')) return reply.sendFile('index.html');
    return sendError(request, reply, 'route.not_found', 404);
  });
  return app;
}
