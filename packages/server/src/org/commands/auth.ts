/**
 * Logging in and out, sessions, API tokens resolution, and the caller's own settings.
 */
import type { Locale } from '@seatline/shared';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { recordAudit } from '../../audit/commands.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import {
  afterFailedLogin,
  assertPasswordPolicy,
  hashPassword,
  isLocked,
  newOpaqueToken,
  tokenHash,
  verifyPassword,
} from '../domain/credentials.ts';
import { findApiTokenByHash, findSessionByTokenHash, findUserByUsername, tenantsOfUser } from '../repository.ts';
import { apiTokens, sessions, users } from '../schema.ts';
import { auditActor, buildActor } from './actor.ts';

/** Verifying against a fixed hash when the user does not exist keeps response times alike. */
let decoyHash: Promise<string> | null = null;

export async function login(ctx: AppContext, input: { username: string; password: string; tenant?: string; ip: string }) {
  const now = ctx.clock.now();
  const user = await findUserByUsername(ctx.database.db, input.username);
  const failed = async (action: string, details: Record<string, unknown>, tenantId: string | null = null) => {
    await recordAudit(ctx.database.db, {
      tenantId,
      at: new Date(now),
      actor: user ? { userId: user.id, displayName: user.displayName } : null,
      action,
      targetType: 'user',
      targetId: user?.id,
      ip: input.ip,
      details: { username: input.username, ...details },
    });
  };
  if (!user) {
    decoyHash ??= hashPassword('decoy-password-0');
    await verifyPassword(input.password, await decoyHash);
    await failed('auth.login_failed', { reason: 'unknown_user' });
    throw new AppError('auth.invalid_credentials', 401);
  }
  if (isLocked(user.lockedUntil, now)) {
    await failed('auth.login_failed', { reason: 'locked' }, user.homeTenantId);
    throw new AppError('auth.locked', 423);
  }
  const passwordOk = await verifyPassword(input.password, user.passwordHash);
  if (!passwordOk || user.status !== 'active') {
    if (passwordOk) {
      await failed('auth.login_failed', { reason: 'disabled' }, user.homeTenantId);
      throw new AppError('auth.invalid_credentials', 401);
    }
    const next = afterFailedLogin(user.failedLogins, now, ctx.config.login);
    await ctx.database.db.update(users).set({ failedLogins: next.failedLogins, lockedUntil: next.lockedUntil }).where(eq(users.id, user.id));
    await failed('auth.login_failed', { reason: 'wrong_password' }, user.homeTenantId);
    if (next.lockedNow) await failed('auth.locked', { minutes: ctx.config.login.lockMinutes }, user.homeTenantId);
    throw new AppError('auth.invalid_credentials', 401);
  }
  const memberOf = await tenantsOfUser(ctx.database.db, user.id);
  const requested = input.tenant?.toLowerCase();
  const chosen =
    memberOf.find((m) => requested && (m.tenant.slug === requested || m.tenant.id === requested)) ??
    memberOf.find((m) => m.tenant.id === user.homeTenantId) ??
    memberOf[0];
  if (!chosen || (requested && chosen.tenant.slug !== requested && chosen.tenant.id !== requested)) {
    await failed('auth.login_failed', { reason: 'no_tenant_access' }, user.homeTenantId);
    throw new AppError('auth.invalid_credentials', 401);
  }
  const token = newOpaqueToken('sls');
  const sessionId = await ctx.uow.run(async (tx) => {
    const [session] = await tx
      .insert(sessions)
      .values({
        tokenHash: tokenHash(token),
        userId: user.id,
        activeTenantId: chosen.tenant.id,
        createdAt: new Date(now),
        lastSeenAt: new Date(now),
        expiresAt: new Date(now + ctx.config.session.maxHours * 3_600_000),
        ip: input.ip,
      })
      .returning({ id: sessions.id });
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: new Date(now) }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      tenantId: chosen.tenant.id,
      at: new Date(now),
      actor: { userId: user.id, displayName: user.displayName },
      action: 'auth.login',
      targetType: 'session',
      targetId: session!.id,
      ip: input.ip,
    });
    return session!.id;
  });
  const actor = await buildActor(ctx.database.db, user, chosen.tenant.id, { sessionId, ip: input.ip });
  return { token, actor: actor! };
}

/** Refreshes `last_seen_at` at most once a minute, so busy clients do not write on every request. */
const SEEN_RESOLUTION_MS = 60_000;

export async function resolveSession(ctx: AppContext, token: string, ip: string): Promise<Actor | null> {
  const found = await findSessionByTokenHash(ctx.database.db, tokenHash(token));
  if (!found) return null;
  const { session, user } = found;
  const now = ctx.clock.now();
  const idleLimit = session.lastSeenAt.getTime() + ctx.config.session.idleMinutes * 60_000;
  if (user.status !== 'active' || session.expiresAt.getTime() <= now || idleLimit <= now) return null;
  if (now - session.lastSeenAt.getTime() > SEEN_RESOLUTION_MS) {
    await ctx.database.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, session.id));
  }
  return buildActor(ctx.database.db, user, session.activeTenantId, { sessionId: session.id, ip });
}

export async function resolveApiToken(ctx: AppContext, token: string, ip: string): Promise<Actor | null> {
  const found = await findApiTokenByHash(ctx.database.db, tokenHash(token));
  if (!found || found.user.status !== 'active') return null;
  const { token: row, user } = found;
  const now = ctx.clock.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > SEEN_RESOLUTION_MS) {
    await ctx.database.db.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(apiTokens.id, row.id));
  }
  return buildActor(ctx.database.db, user, row.tenantId, { tokenId: row.id, scopes: row.scopes, ip });
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  if (!actor.sessionId) return;
  await ctx.uow.run(async (tx) => {
    await tx.update(sessions).set({ revokedAt: new Date(ctx.clock.now()) }).where(eq(sessions.id, actor.sessionId!));
    await recordAudit(tx, { tenantId: actor.tenant.id, at: new Date(ctx.clock.now()), actor: auditActor(actor), action: 'auth.logout', targetType: 'session', targetId: actor.sessionId!, ip: actor.ip });
  });
}

export async function switchTenant(ctx: AppContext, actor: Actor, tenantId: string): Promise<Actor> {
  if (!actor.sessionId) throw new AppError('auth.forbidden', 403);
  const memberOf = await tenantsOfUser(ctx.database.db, actor.userId);
  if (!memberOf.some((m) => m.tenant.id === tenantId)) throw new AppError('tenant.not_accessible', 403);
  await ctx.uow.run(async (tx) => {
    await tx.update(sessions).set({ activeTenantId: tenantId }).where(eq(sessions.id, actor.sessionId!));
    await recordAudit(tx, { tenantId, at: new Date(ctx.clock.now()), actor: auditActor(actor), action: 'auth.tenant_switched', targetType: 'tenant', targetId: tenantId, ip: actor.ip, details: { from: actor.tenant.id } });
  });
  return reloadActor(ctx, actor, tenantId);
}

export async function setLocale(ctx: AppContext, actor: Actor, locale: Locale): Promise<Actor> {
  await ctx.database.db.update(users).set({ locale }).where(eq(users.id, actor.userId));
  return reloadActor(ctx, actor, actor.tenant.id);
}

export async function changeOwnPassword(ctx: AppContext, actor: Actor, input: { currentPassword: string; newPassword: string }) {
  const user = await findUserByUsername(ctx.database.db, actor.username);
  if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) throw new AppError('auth.wrong_current_password', 400);
  assertPasswordPolicy(user.username, input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await ctx.uow.run(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    // Every other session of this user ends: a changed password must lock out whoever knew the old one.
    await tx
      .update(sessions)
      .set({ revokedAt: new Date(ctx.clock.now()) })
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), actor.sessionId ? ne(sessions.id, actor.sessionId) : undefined));
    await recordAudit(tx, { tenantId: actor.tenant.id, at: new Date(ctx.clock.now()), actor: auditActor(actor), action: 'user.password_changed', targetType: 'user', targetId: user.id, ip: actor.ip });
  });
}

async function reloadActor(ctx: AppContext, actor: Actor, tenantId: string): Promise<Actor> {
  const user = await findUserByUsername(ctx.database.db, actor.username);
  const next = user && (await buildActor(ctx.database.db, user, tenantId, { sessionId: actor.sessionId ?? undefined, ip: actor.ip }));
  if (!next) throw new AppError('auth.unauthenticated', 401);
  return next;
}
