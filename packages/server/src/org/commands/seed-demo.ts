/**
 * The demo organisation seeded on first start: an operator company hosting two client tenants,
 * a property-management 400 hotline and an e-commerce after-sales line, with a user in every role.
 */
import { ROLES, type Role } from '@seatline/shared';
import { recordAudit } from '../../audit/commands.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { hashPassword } from '../domain/credentials.ts';
import { OrgEvents } from '../events.ts';
import { findTenant } from '../repository.ts';
import { agentSkills, memberships, sites, skills, teamMembers, teams, tenants, users } from '../schema.ts';

export const DEMO_PASSWORD = 'Demo-pass-2026';
export const OPERATOR_SLUG = 'seatline-ops';

const ROLE_NAMES: Record<Role, string> = {
  cc_manager: '中心经理',
  inbound_supervisor: '呼入主管',
  inbound_team_leader: '呼入组长',
  outbound_supervisor: '呼出主管',
  knowledge_supervisor: '业务主管',
  qa_inspector: '质检员',
  trainer: '培训师',
  report_admin: '报表管理员',
  hr_admin: '人事行政主管',
  agent: '座席代表',
  tenant_admin: '系统管理员',
  client_viewer: '客户方查看',
};

interface ClientPlan {
  slug: string;
  name: string;
  site: { name: string; address: string };
  skills: { code: string; name: string }[];
  teams: { name: string; skills: string[] }[];
  extraAgents: string[];
}

const CLIENTS: ClientPlan[] = [
  {
    slug: 'property',
    name: '悦居物业 400 热线',
    site: { name: '成都客服中心', address: '四川省成都市高新区天府大道 1000 号' },
    skills: [
      { code: 'repair', name: '报修报事' },
      { code: 'complaint', name: '投诉' },
      { code: 'new_business', name: '新业务（养老、家装、租售、教育、金融）' },
      { code: 'vip', name: '贵宾专线' },
    ],
    teams: [
      { name: '报修组', skills: ['repair'] },
      { name: '投诉组', skills: ['complaint', 'repair'] },
      { name: '新业务组', skills: ['new_business'] },
    ],
    extraAgents: ['王芳', '李娜', '张伟', '刘洋', '陈静'],
  },
  {
    slug: 'shop',
    name: '优品电商售后',
    site: { name: '杭州售后中心', address: '浙江省杭州市余杭区文一西路 969 号' },
    skills: [
      { code: 'after_sales', name: '售后咨询' },
      { code: 'refund', name: '退换货' },
      { code: 'logistics', name: '物流查询' },
    ],
    teams: [{ name: '售后一组', skills: ['after_sales', 'refund', 'logistics'] }],
    extraAgents: ['赵敏', '孙磊'],
  },
];

export interface DemoLogin {
  username: string;
  tenant: string;
  roles: Role[];
}

/** Seeds the demo once; returns the logins, or null when the demo already exists. */
export async function seedDemo(ctx: AppContext): Promise<DemoLogin[] | null> {
  if (await findTenant(ctx.database.db, OPERATOR_SLUG)) return null;
  // One hash serves every demo user: they share the published demo password anyway.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];
  await ctx.uow.run(async (tx, record) => {
    const [operator] = await tx.insert(tenants).values({ slug: OPERATOR_SLUG, name: '星线联络中心（运营方）', kind: 'operator' }).returning();
    const addUser = async (homeTenantId: string, username: string, displayName: string) => {
      const [row] = await tx.insert(users).values({ homeTenantId, username, displayName, passwordHash }).returning({ id: users.id });
      return row!.id;
    };
    const opsAdmin = await addUser(operator!.id, 'ops.admin', '运营方管理员');
    const opsManager = await addUser(operator!.id, 'ops.manager', '运营中心经理');
    await tx.insert(memberships).values([
      { userId: opsAdmin, tenantId: operator!.id, roles: ['tenant_admin'] },
      { userId: opsManager, tenantId: operator!.id, roles: ['cc_manager'] },
    ]);
    logins.push({ username: 'ops.admin', tenant: OPERATOR_SLUG, roles: ['tenant_admin'] }, { username: 'ops.manager', tenant: OPERATOR_SLUG, roles: ['cc_manager'] });
    await record({ type: OrgEvents.tenantCreated, tenantId: operator!.id, aggregateId: operator!.id, payload: { slug: OPERATOR_SLUG, demo: true } });

    for (const plan of CLIENTS) {
      const tenantId = await seedClient(tx, plan, operator!.id, addUser, logins);
      // Operator staff work across their clients: the admin administers them, the manager runs them.
      await tx.insert(memberships).values([
        { userId: opsAdmin, tenantId, roles: ['tenant_admin'] },
        { userId: opsManager, tenantId, roles: ['cc_manager'] },
      ]);
      await record({ type: OrgEvents.tenantCreated, tenantId, aggregateId: tenantId, payload: { slug: plan.slug, operatorId: operator!.id, demo: true } });
    }
    await recordAudit(tx, { tenantId: operator!.id, at: new Date(ctx.clock.now()), actor: null, action: 'demo.seeded', details: { users: logins.length } });
  });
  return logins;
}

async function seedClient(
  tx: Tx,
  plan: ClientPlan,
  operatorId: string,
  addUser: (homeTenantId: string, username: string, displayName: string) => Promise<string>,
  logins: DemoLogin[],
): Promise<string> {
  const [tenant] = await tx.insert(tenants).values({ slug: plan.slug, name: plan.name, kind: 'client', operatorId }).returning();
  const tenantId = tenant!.id;
  const [site] = await tx.insert(sites).values({ tenantId, name: plan.site.name, timezone: 'Asia/Shanghai', address: plan.site.address }).returning();
  const skillRows = await tx.insert(skills).values(plan.skills.map((s) => ({ tenantId, ...s }))).returning();
  const skillId = (code: string) => skillRows.find((s) => s.code === code)!.id;

  const roleUsers = new Map<Role, string>();
  for (const role of ROLES) {
    const username = `${plan.slug}.${role}`;
    const id = await addUser(tenantId, username, `${ROLE_NAMES[role]}（演示）`);
    await tx.insert(memberships).values({ userId: id, tenantId, roles: [role], siteId: site!.id });
    roleUsers.set(role, id);
    logins.push({ username, tenant: plan.slug, roles: [role] });
  }
  const agents = [roleUsers.get('agent')!];
  for (const [index, name] of plan.extraAgents.entries()) {
    const username = `${plan.slug}.agent${String(index + 2).padStart(2, '0')}`;
    const id = await addUser(tenantId, username, name);
    await tx.insert(memberships).values({ userId: id, tenantId, roles: ['agent'], siteId: site!.id });
    agents.push(id);
  }
  // Agents are dealt round-robin into teams; each gets the team's skills at staggered levels.
  for (const [teamIndex, teamPlan] of plan.teams.entries()) {
    const [team] = await tx.insert(teams).values({ tenantId, name: teamPlan.name, siteId: site!.id, leaderId: roleUsers.get('inbound_team_leader')! }).returning();
    const members = agents.filter((_, i) => i % plan.teams.length === teamIndex);
    if (members.length) await tx.insert(teamMembers).values(members.map((userId) => ({ tenantId, teamId: team!.id, userId })));
    const levels = members.flatMap((userId, i) => teamPlan.skills.map((code, k) => ({ tenantId, userId, skillId: skillId(code), level: Math.max(1, 9 - i - k * 2) })));
    if (levels.length) await tx.insert(agentSkills).values(levels).onConflictDoNothing();
  }
  return tenantId;
}
