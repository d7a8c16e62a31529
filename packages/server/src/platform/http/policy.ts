import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Access, Actor } from './actor.ts';

/** Runs before every handler: refuses callers the route's `access` does not admit. */
export async function enforceAccess(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const access: Access | undefined = request.routeOptions.config.access;
  if (access === undefined || access === 'public') return;
  if (!request.actor) throw new AppError('auth.unauthenticated', 401);
  if (access === 'authenticated') return;
  if (!request.actor.permissions.has(access)) {
    throw new AppError(request.actor.tokenId ? 'auth.token_scope' : 'auth.forbidden', 403);
  }
}

/** The actor of a route that `enforceAccess` has already admitted. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('auth.unauthenticated', 401);
  return request.actor;
}
