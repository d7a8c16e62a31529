/**
 * The shape of a center: client tenants under an operator, sites, teams with leaders and members,
 * and the skills routing will match on.
 */
import { and, eq } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { OrgEvents } from '../events.ts';
import { countTenantMembers, findSite, findTeam, findTenant, listTenantsUnder } from '../repository.ts';
import { memberships, sites, skills, teamMembers, teams, tenants } from '../schema.ts';
import { auditAction } from './actor.ts';

export async function createClientTenant(ctx: AppContext, actor: Actor, input: { slug: string; name: string }) {
  if (actor.tenant.kind !== 'operator') throw new AppError('tenant.not_operator', 400);
  if (await findTenant(ctx.database.db, input.slug)) throw conflict({ field: 'slug' });
  return ctx.uow.run(async (tx, record) => {
    const [tenant] = await tx.insert(tenants).values({ slug: input.slug, name: input.name, kind: 'client', operatorId: actor.tenant.id }).returning();
    // The operator administrator who creates a client can administer it straight away.
    await tx.insert(memberships).values({ userId: actor.userId, tenantId: tenant!.id, roles: ['tenant_admin'] });
    await record({ type: OrgEvents.tenantCreated, tenantId: tenant!.id, aggregateId: tenant!.id, payload: { slug: input.slug, operatorId: actor.tenant.id } });
    await auditAction(ctx, tx, actor, 'tenant.created', 'tenant', tenant!.id, { slug: input.slug, name: input.name });
    return tenant!;
  });
}

export async function updateTenant(ctx: AppContext, actor: Actor, tenantId: string, input: { name?: string; status?: 'active' | 'suspended' }) {
  const visible = await listTenantsUnder(ctx.database.db, actor.tenant.id);
  if (!visible.some((t) => t.id === tenantId)) throw notFound();
  if (tenantId === actor.tenant.id && input.status === 'suspended') throw invalid({ field: 'status', reason: 'own_tenant' });
  return ctx.uow.run(async (tx, record) => {
    const [tenant] = await tx.update(tenants).set(input).where(eq(tenants.id, tenantId)).returning();
    await record({ type: OrgEvents.tenantUpdated, tenantId, aggregateId: tenantId, payload: { ...input } });
    await auditAction(ctx, tx, actor, 'tenant.updated', 'tenant', tenantId, { ...input });
    return tenant!;
  });
}

export async function saveSite(ctx: AppContext, actor: Actor, siteId: string | null, input: { name?: string; timezone?: string; address?: string | null }) {
  if (input.timezone && !isTimeZone(input.timezone)) throw invalid({ field: 'timezone' });
  if (siteId && !(await findSite(ctx.database.db, actor.tenant.id, siteId))) throw notFound();
  return ctx.uow.run(async (tx, record) => {
    const [site] = siteId
      ? await tx.update(sites).set(input).where(and(eq(sites.tenantId, actor.tenant.id), eq(sites.id, siteId))).returning()
      : await tx.insert(sites).values({ tenantId: actor.tenant.id, name: input.name!, timezone: input.timezone ?? 'Asia/Shanghai', address: input.address ?? null }).returning();
    await record({ type: OrgEvents.siteSaved, tenantId: actor.tenant.id, aggregateId: site!.id, payload: { ...input } });
    await auditAction(ctx, tx, actor, siteId ? 'site.updated' : 'site.created', 'site', site!.id, { ...input });
    return site!;
  });
}

export async function saveTeam(ctx: AppContext, actor: Actor, teamId: string | null, input: { name?: string; siteId?: string | null; leaderId?: string | null }) {
  const db = ctx.database.db;
  if (teamId && !(await findTeam(db, actor.tenant.id, teamId))) throw notFound();
  if (input.siteId && !(await findSite(db, actor.tenant.id, input.siteId))) throw invalid({ field: 'siteId' });
  if (input.leaderId && (await countTenantMembers(db, actor.tenant.id, [input.leaderId])) !== 1) throw invalid({ field: 'leaderId' });
  const id = await ctx.uow.run(async (tx, record) => {
    const [team] = teamId
      ? await tx.update(teams).set(input).where(and(eq(teams.tenantId, actor.tenant.id), eq(teams.id, teamId))).returning()
      : await tx.insert(teams).values({ tenantId: actor.tenant.id, name: input.name!, siteId: input.siteId ?? null, leaderId: input.leaderId ?? null }).returning();
    await record({ type: OrgEvents.teamSaved, tenantId: actor.tenant.id, aggregateId: team!.id, payload: { ...input } });
    await auditAction(ctx, tx, actor, teamId ? 'team.updated' : 'team.created', 'team', team!.id, { ...input });
    return team!.id;
  });
  return (await findTeam(db, actor.tenant.id, id))!;
}

export async function setTeamMembers(ctx: AppContext, actor: Actor, teamId: string, userIds: string[]) {
  const db = ctx.database.db;
  if (!(await findTeam(db, actor.tenant.id, teamId))) throw notFound();
  const unique = [...new Set(userIds)];
  if ((await countTenantMembers(db, actor.tenant.id, unique)) !== unique.length) throw invalid({ field: 'userIds', reason: 'unknown_user' });
  await ctx.uow.run(async (tx, record) => {
    await tx.delete(teamMembers).where(and(eq(teamMembers.tenantId, actor.tenant.id), eq(teamMembers.teamId, teamId)));
    if (unique.length) await tx.insert(teamMembers).values(unique.map((userId) => ({ tenantId: actor.tenant.id, teamId, userId })));
    await record({ type: OrgEvents.teamMembersChanged, tenantId: actor.tenant.id, aggregateId: teamId, payload: { userIds: unique } });
    await auditAction(ctx, tx, actor, 'team.members_changed', 'team', teamId, { userIds: unique });
  });
  return (await findTeam(db, actor.tenant.id, teamId))!;
}

export async function saveSkill(ctx: AppContext, actor: Actor, skillId: string | null, input: { code?: string; name: string }) {
  return ctx.uow.run(async (tx, record) => {
    const [skill] = skillId
      ? await tx.update(skills).set({ name: input.name }).where(and(eq(skills.tenantId, actor.tenant.id), eq(skills.id, skillId))).returning()
      : await tx.insert(skills).values({ tenantId: actor.tenant.id, code: input.code!, name: input.name }).onConflictDoNothing().returning();
    if (!skill) throw skillId ? notFound() : conflict({ field: 'code' });
    await record({ type: OrgEvents.skillSaved, tenantId: actor.tenant.id, aggregateId: skill.id, payload: { ...input } });
    await auditAction(ctx, tx, actor, skillId ? 'skill.updated' : 'skill.created', 'skill', skill.id, { ...input });
    return skill;
  });
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
