/**
 * The org context's queries. Every business query takes the tenant id and filters by it, so a row of
 * another tenant is simply not found.
 */
import { and, asc, eq, gt, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.ts';
import { agentSkills, apiTokens, memberships, sessions, sites, skills, teamMembers, teams, tenants, users } from './schema.ts';

export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type MembershipRow = typeof memberships.$inferSelect;
export type TeamRow = typeof teams.$inferSelect & { memberIds: string[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds a tenant by id or slug, as the CLI's --tenant accepts either. */
export async function findTenant(ex: Executor, ref: string): Promise<TenantRow | undefined> {
  const condition = UUID.test(ref) ? eq(tenants.id, ref) : eq(tenants.slug, ref.toLowerCase());
  const [row] = await ex.select().from(tenants).where(condition);
  return row;
}

export function listAllTenants(ex: Executor): Promise<TenantRow[]> {
  return ex.select().from(tenants).orderBy(asc(tenants.createdAt), asc(tenants.slug));
}

/** The tenant itself and, for an operator, the client tenants it hosts. */
export function listTenantsUnder(ex: Executor, tenantId: string): Promise<TenantRow[]> {
  return ex.select().from(tenants).where(or(eq(tenants.id, tenantId), eq(tenants.operatorId, tenantId))).orderBy(asc(tenants.kind), asc(tenants.slug));
}

export function tenantsOfUser(ex: Executor, userId: string) {
  return ex
    .select({ tenant: tenants, roles: memberships.roles })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), eq(tenants.status, 'active')))
    .orderBy(asc(tenants.kind), asc(tenants.slug));
}

export async function findUserByUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  return row;
}

export async function findMembership(ex: Executor, tenantId: string, userId: string): Promise<MembershipRow | undefined> {
  const [row] = await ex.select().from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
  return row;
}

export interface TenantUser {
  user: UserRow;
  membership: MembershipRow;
  skills: { skillId: string; level: number }[];
}

export async function findTenantUser(ex: Executor, tenantId: string, userId: string): Promise<TenantUser | undefined> {
  const [found] = await listTenantUsers(ex, tenantId, { ids: [userId], limit: 1 });
  return found;
}

export async function listTenantUsers(
  ex: Executor,
  tenantId: string,
  options: { q?: string; after?: string; ids?: string[]; limit: number },
): Promise<TenantUser[]> {
  const conditions = [eq(memberships.tenantId, tenantId)];
  if (options.ids) conditions.push(inArray(users.id, options.ids));
  if (options.after) conditions.push(gt(users.username, options.after));
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern))!);
  }
  const rows = await ex
    .select({ user: users, membership: memberships })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(...conditions))
    .orderBy(asc(users.username))
    .limit(options.limit);
  if (rows.length === 0) return [];
  const skillRows = await ex
    .select()
    .from(agentSkills)
    .where(and(eq(agentSkills.tenantId, tenantId), inArray(agentSkills.userId, rows.map((r) => r.user.id))));
  return rows.map((row) => ({
    ...row,
    skills: skillRows.filter((s) => s.userId === row.user.id).map((s) => ({ skillId: s.skillId, level: s.level })),
  }));
}

export function listSites(ex: Executor, tenantId: string) {
  return ex.select().from(sites).where(eq(sites.tenantId, tenantId)).orderBy(asc(sites.name));
}

export async function findSite(ex: Executor, tenantId: string, siteId: string) {
  const [row] = await ex.select().from(sites).where(and(eq(sites.tenantId, tenantId), eq(sites.id, siteId)));
  return row;
}

export async function listTeams(ex: Executor, tenantId: string, ids?: string[]): Promise<TeamRow[]> {
  const conditions = [eq(teams.tenantId, tenantId)];
  if (ids) conditions.push(inArray(teams.id, ids));
  const rows = await ex.select().from(teams).where(and(...conditions)).orderBy(asc(teams.name));
  if (rows.length === 0) return [];
  const members = await ex.select().from(teamMembers).where(and(eq(teamMembers.tenantId, tenantId), inArray(teamMembers.teamId, rows.map((r) => r.id))));
  return rows.map((row) => ({ ...row, memberIds: members.filter((m) => m.teamId === row.id).map((m) => m.userId) }));
}

export async function findTeam(ex: Executor, tenantId: string, teamId: string): Promise<TeamRow | undefined> {
  const [row] = await listTeams(ex, tenantId, [teamId]);
  return row;
}

export function listSkills(ex: Executor, tenantId: string, ids?: string[]) {
  const conditions = [eq(skills.tenantId, tenantId)];
  if (ids) conditions.push(inArray(skills.id, ids));
  return ex.select().from(skills).where(and(...conditions)).orderBy(asc(skills.code));
}

export async function countTenantMembers(ex: Executor, tenantId: string, userIds: string[]): Promise<number> {
  if (userIds.length === 0) return 0;
  const [row] = await ex
    .select({ n: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), inArray(memberships.userId, userIds)));
  return row?.n ?? 0;
}

export async function findSessionByTokenHash(ex: Executor, hash: string) {
  const [row] = await ex
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hash), isNull(sessions.revokedAt)));
  return row;
}

export async function findApiTokenByHash(ex: Executor, hash: string) {
  const [row] = await ex
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt)));
  return row;
}

export function listApiTokens(ex: Executor, tenantId: string) {
  return ex.select().from(apiTokens).where(eq(apiTokens.tenantId, tenantId)).orderBy(asc(apiTokens.createdAt));
}

/** A member's skill levels in a tenant, or null when the user is not a member there. */
export async function listSkillLevels(ex: Executor, tenantId: string, userId: string): Promise<{ skillId: string; level: number }[] | null> {
  if (!(await findMembership(ex, tenantId, userId))) return null;
  return ex
    .select({ skillId: agentSkills.skillId, level: agentSkills.level })
    .from(agentSkills)
    .where(and(eq(agentSkills.tenantId, tenantId), eq(agentSkills.userId, userId)));
}

export async function listUsernames(ex: Executor, userIds: string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await ex.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, userIds));
  return new Map(rows.map((r) => [r.id, r.username]));
}

/** The people a team leader may see: the members of the teams they lead, and themselves. */
export async function ledTeamMemberIds(ex: Executor, tenantId: string, leaderId: string): Promise<string[]> {
  const rows = await ex
    .select({ userId: teamMembers.userId })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.tenantId, tenantId), eq(teams.leaderId, leaderId)));
  return [...new Set([leaderId, ...rows.map((r) => r.userId)])];
}
