import { type Role, isRole, permissionsOf } from '@seatline/shared';
import { recordAudit } from '../../audit/commands.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { findMembership, findTenant, type UserRow } from '../repository.ts';

/** Builds the caller's identity in one tenant: their roles there and the permissions they grant. */
export async function buildActor(
  ex: Executor,
  user: UserRow,
  tenantId: string,
  via: { sessionId?: string; tokenId?: string; scopes?: string[]; ip: string },
): Promise<Actor | null> {
  const [tenant, membership] = await Promise.all([findTenant(ex, tenantId), findMembership(ex, tenantId, user.id)]);
  if (!tenant || tenant.status !== 'active' || !membership) return null;
  const roles = membership.roles.filter(isRole) as Role[];
  let permissions = permissionsOf(roles);
  // A token never grants more than its scopes, nor more than its creator holds today.
  if (via.scopes) permissions = new Set([...permissions].filter((p) => via.scopes!.includes(p)));
  return {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    locale: user.locale,
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, kind: tenant.kind },
    roles,
    permissions,
    sessionId: via.sessionId ?? null,
    tokenId: via.tokenId ?? null,
    ip: via.ip,
  };
}

export const auditActor = (actor: Actor) => ({ userId: actor.userId, displayName: actor.displayName });

/** Appends the audit entry for an action an actor took in their active tenant. */
export function auditAction(
  ctx: AppContext,
  tx: Executor,
  actor: Actor,
  action: string,
  targetType: string,
  targetId: string,
  details?: Record<string, unknown>,
) {
  return recordAudit(tx, { tenantId: actor.tenant.id, at: new Date(ctx.clock.now()), actor: auditActor(actor), action, targetType, targetId, ip: actor.ip, details });
}
