/** The only path from org rows to JSON. */
import { type Me, PERMISSIONS, type Role, type TenantSummary } from '@seatline/shared';
import type { Actor } from '../platform/http/actor.ts';
import type { TeamRow, TenantRow, TenantUser } from './repository.ts';
import type { apiTokens, sites, skills } from './schema.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentMe(actor: Actor, tenants: TenantSummary[]): Me {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    locale: actor.locale,
    tenant: actor.tenant,
    tenants,
    roles: actor.roles,
    // In matrix order, so clients can compare lists.
    permissions: PERMISSIONS.filter((p) => actor.permissions.has(p)),
  };
}

export const presentTenantSummary = (t: TenantRow): TenantSummary => ({ id: t.id, slug: t.slug, name: t.name, kind: t.kind });

export const presentTenant = (t: TenantRow) => ({ ...presentTenantSummary(t), operatorId: t.operatorId, status: t.status, createdAt: t.createdAt.toISOString() });

export const presentUser = ({ user, membership, skills: levels }: TenantUser) => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  status: user.status,
  roles: membership.roles as Role[],
  siteId: membership.siteId,
  skills: levels,
  lastLoginAt: iso(user.lastLoginAt),
});

export const presentSite = (s: typeof sites.$inferSelect) => ({ id: s.id, name: s.name, timezone: s.timezone, address: s.address });

export const presentTeam = (t: TeamRow) => ({ id: t.id, name: t.name, siteId: t.siteId, leaderId: t.leaderId, memberIds: t.memberIds });

export const presentSkill = (s: typeof skills.$inferSelect) => ({ id: s.id, code: s.code, name: s.name });

export const presentApiToken = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id,
  name: t.name,
  scopes: t.scopes as (typeof PERMISSIONS)[number][],
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});
