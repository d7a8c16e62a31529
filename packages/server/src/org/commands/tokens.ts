/** API tokens for integrations: tenant-scoped, limited to scopes, shown once, revocable. */
import type { Permission } from '@seatline/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { forbidden, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { newOpaqueToken, tokenHash } from '../domain/credentials.ts';
import { apiTokens } from '../schema.ts';
import { auditAction } from './actor.ts';

export async function createApiToken(ctx: AppContext, actor: Actor, input: { name: string; scopes: Permission[] }) {
  const beyondOwn = input.scopes.filter((scope) => !actor.permissions.has(scope));
  if (beyondOwn.length) throw forbidden({ missingPermissions: beyondOwn });
  const secret = newOpaqueToken('slt');
  const token = await ctx.uow.run(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ tenantId: actor.tenant.id, createdBy: actor.userId, name: input.name, scopes: input.scopes, tokenHash: tokenHash(secret), createdAt: new Date(ctx.clock.now()) })
      .returning();
    await auditAction(ctx, tx, actor, 'token.created', 'api_token', row!.id, { name: input.name, scopes: input.scopes });
    return row!;
  });
  return { token, secret };
}

export async function revokeApiToken(ctx: AppContext, actor: Actor, tokenId: string) {
  await ctx.uow.run(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date(ctx.clock.now()) })
      .where(and(eq(apiTokens.tenantId, actor.tenant.id), eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!row) throw notFound();
    await auditAction(ctx, tx, actor, 'token.revoked', 'api_token', tokenId);
  });
}
