/**
 * People in a tenant: creating, changing, disabling, password resets, skills and ending sessions.
 * Only HR and administrators hold `users.manage` (000 §3.2.2), and only administrators make
 * administrators.
 */
import { type Role, canGrantRole } from '@seatline/shared';
import { and, eq, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { assertPasswordPolicy, hashPassword } from '../domain/credentials.ts';
import { OrgEvents } from '../events.ts';
import { findSite, findTenantUser, findUserByUsername, listSkills } from '../repository.ts';
import { agentSkills, memberships, sessions, users } from '../schema.ts';
import { auditAction } from './actor.ts';

function assertCanGrant(actor: Actor, roles: readonly Role[]): void {
  const refused = roles.filter((role) => !canGrantRole(actor.permissions, role));
  if (refused.length > 0) throw forbidden({ refusedRoles: refused });
}

async function assertSiteInTenant(ctx: AppContext, tenantId: string, siteId: string | null | undefined) {
  if (siteId && !(await findSite(ctx.database.db, tenantId, siteId))) throw invalid({ field: 'siteId' });
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  siteId?: string | null;
}

export async function createUser(ctx: AppContext, actor: Actor, input: CreateUserInput) {
  assertCanGrant(actor, input.roles);
  assertPasswordPolicy(input.username, input.password);
  await assertSiteInTenant(ctx, actor.tenant.id, input.siteId);
  if (await findUserByUsername(ctx.database.db, input.username)) throw conflict({ field: 'username' });
  const passwordHash = await hashPassword(input.password);
  const userId = await ctx.uow.run(async (tx, record) => {
    const [user] = await tx
      .insert(users)
      .values({ homeTenantId: actor.tenant.id, username: input.username, displayName: input.displayName, passwordHash })
      .returning({ id: users.id });
    await tx.insert(memberships).values({ userId: user!.id, tenantId: actor.tenant.id, roles: input.roles, siteId: input.siteId ?? null });
    await record({ type: OrgEvents.userCreated, tenantId: actor.tenant.id, aggregateId: user!.id, payload: { roles: input.roles } });
    await auditAction(ctx, tx, actor, 'user.created', 'user', user!.id, { username: input.username, roles: input.roles });
    return user!.id;
  });
  return (await findTenantUser(ctx.database.db, actor.tenant.id, userId))!;
}

export interface UpdateUserInput {
  displayName?: string;
  status?: 'active' | 'disabled';
  roles?: Role[];
  siteId?: string | null;
}

export async function updateUser(ctx: AppContext, actor: Actor, userId: string, input: UpdateUserInput) {
  const existing = await findTenantUser(ctx.database.db, actor.tenant.id, userId);
  if (!existing) throw notFound();
  if (input.roles) assertCanGrant(actor, [...input.roles, ...(existing.membership.roles as Role[])]);
  if (userId === actor.userId && (input.status === 'disabled' || input.roles)) throw forbidden({ reason: 'self_change' });
  await assertSiteInTenant(ctx, actor.tenant.id, input.siteId);
  await ctx.uow.run(async (tx, record) => {
    if (input.displayName !== undefined || input.status !== undefined) {
      // A user's name and status are global; only their home tenant's administrators change them.
      if (existing.user.homeTenantId !== actor.tenant.id) throw forbidden({ reason: 'not_home_tenant' });
      await tx.update(users).set({ displayName: input.displayName, status: input.status }).where(eq(users.id, userId));
    }
    if (input.status === 'disabled') await revokeAllSessions(ctx, tx, userId);
    if (input.roles !== undefined || input.siteId !== undefined) {
      await tx
        .update(memberships)
        .set({ roles: input.roles, siteId: input.siteId })
        .where(and(eq(memberships.tenantId, actor.tenant.id), eq(memberships.userId, userId)));
    }
    await record({ type: OrgEvents.userUpdated, tenantId: actor.tenant.id, aggregateId: userId, payload: { ...input } });
    if (input.roles) {
      await auditAction(ctx, tx, actor, 'user.roles_changed', 'user', userId, { from: existing.membership.roles, to: input.roles });
    }
    if (input.status && input.status !== existing.user.status) await auditAction(ctx, tx, actor, `user.${input.status === 'disabled' ? 'disabled' : 'enabled'}`, 'user', userId);
    if (input.displayName !== undefined || input.siteId !== undefined) {
      await auditAction(ctx, tx, actor, 'user.updated', 'user', userId, { displayName: input.displayName, siteId: input.siteId });
    }
  });
  return (await findTenantUser(ctx.database.db, actor.tenant.id, userId))!;
}

export async function resetPassword(ctx: AppContext, actor: Actor, userId: string, password: string) {
  const existing = await findTenantUser(ctx.database.db, actor.tenant.id, userId);
  if (!existing) throw notFound();
  if (existing.user.homeTenantId !== actor.tenant.id) throw forbidden({ reason: 'not_home_tenant' });
  assertCanGrant(actor, existing.membership.roles as Role[]);
  assertPasswordPolicy(existing.user.username, password);
  const passwordHash = await hashPassword(password);
  await ctx.uow.run(async (tx) => {
    await tx.update(users).set({ passwordHash, failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
    await revokeAllSessions(ctx, tx, userId);
    await auditAction(ctx, tx, actor, 'user.password_reset', 'user', userId);
  });
}

export async function revokeSessions(ctx: AppContext, actor: Actor, userId: string) {
  if (!(await findTenantUser(ctx.database.db, actor.tenant.id, userId))) throw notFound();
  await ctx.uow.run(async (tx, record) => {
    const ended = await revokeAllSessions(ctx, tx, userId);
    await record({ type: OrgEvents.userSessionsRevoked, tenantId: actor.tenant.id, aggregateId: userId, payload: { sessions: ended } });
    await auditAction(ctx, tx, actor, 'user.sessions_revoked', 'user', userId, { sessions: ended });
  });
}

export async function setUserSkills(ctx: AppContext, actor: Actor, userId: string, skillLevels: { skillId: string; level: number }[]) {
  if (!(await findTenantUser(ctx.database.db, actor.tenant.id, userId))) throw notFound();
  const ids = [...new Set(skillLevels.map((s) => s.skillId))];
  if (ids.length !== skillLevels.length) throw invalid({ field: 'skills', reason: 'duplicate' });
  const known = await listSkills(ctx.database.db, actor.tenant.id, ids.length ? ids : undefined);
  if (ids.length && known.length !== ids.length) throw invalid({ field: 'skills', reason: 'unknown_skill' });
  await ctx.uow.run(async (tx, record) => {
    await tx.delete(agentSkills).where(and(eq(agentSkills.tenantId, actor.tenant.id), eq(agentSkills.userId, userId)));
    if (skillLevels.length) await tx.insert(agentSkills).values(skillLevels.map((s) => ({ ...s, tenantId: actor.tenant.id, userId })));
    await record({ type: OrgEvents.userSkillsChanged, tenantId: actor.tenant.id, aggregateId: userId, payload: { skills: skillLevels } });
    await auditAction(ctx, tx, actor, 'user.skills_changed', 'user', userId, { skills: skillLevels });
  });
  return (await findTenantUser(ctx.database.db, actor.tenant.id, userId))!;
}

async function revokeAllSessions(ctx: AppContext, tx: Tx, userId: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: new Date(ctx.clock.now()) })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return ended.length;
}
