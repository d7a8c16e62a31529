/**
 * The permission matrix: the one place that says which role may do what.
 * Routes declare the permission they need; the web navigation reads the same matrix,
 * and the permission-matrix test checks every route against it.
 */
export const PERMISSIONS = [
  'tenants.read',
  'tenants.manage',
  'sites.read',
  'sites.manage',
  'teams.read',
  'teams.manage',
  'users.read',
  'users.manage',
  'roles.read',
  'skills.read',
  'skills.manage',
  'sessions.revoke',
  'audit.read',
  'tokens.manage',
  'pii.unmask',
  'reports.read',
  'desk.use',
  'floor.monitor',
  'floor.control',
  'queues.read',
  'queues.manage',
  'interactions.read',
  'interactions.export',
  'ivr.read',
  'ivr.manage',
  'ivr.emergency',
  'wfm.read',
  'wfm.plan',
  'wfm.approve',
  'schedule.own',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLES = [
  'cc_manager',
  'inbound_supervisor',
  'inbound_team_leader',
  'outbound_supervisor',
  'knowledge_supervisor',
  'qa_inspector',
  'trainer',
  'report_admin',
  'hr_admin',
  'agent',
  'tenant_admin',
  'client_viewer',
] as const;
export type Role = (typeof ROLES)[number];

const ORG_READ: Permission[] = ['tenants.read', 'sites.read', 'teams.read', 'users.read', 'roles.read', 'skills.read'];
/** Watching and steering the live floor: supervisors and team leaders. */
const FLOOR: Permission[] = ['floor.monitor', 'floor.control', 'queues.read', 'interactions.read', 'ivr.read'];
/**
 * Workforce planning: the inbound supervisor makes the monthly schedule and the call-center manager
 * approves forecasts and schedules (000 §3.2.2 1.h, 2.h); agents see their own schedule.
 */
const WFM_PLAN: Permission[] = ['wfm.read', 'wfm.plan'];

/**
 * Duties follow 000 §3.2.2: only HR and administrators create, disable or change users and their
 * permissions; supervisors see their floor; the client viewer only reads its own tenant's reports.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  cc_manager: [...ORG_READ, ...FLOOR, 'sessions.revoke', 'audit.read', 'pii.unmask', 'reports.read', 'queues.manage', 'interactions.export', 'ivr.manage', 'ivr.emergency', ...WFM_PLAN, 'wfm.approve'],
  inbound_supervisor: [...ORG_READ, ...FLOOR, 'sessions.revoke', 'pii.unmask', 'reports.read', 'interactions.export', 'ivr.emergency', ...WFM_PLAN],
  inbound_team_leader: ['teams.read', 'users.read', 'skills.read', 'reports.read', 'desk.use', ...FLOOR, 'wfm.read', 'schedule.own'],
  outbound_supervisor: [...ORG_READ, ...FLOOR, 'sessions.revoke', 'pii.unmask', 'reports.read', ...WFM_PLAN],
  knowledge_supervisor: ['teams.read', 'skills.read', 'reports.read', 'ivr.read', 'ivr.manage', 'queues.read'],
  qa_inspector: ['teams.read', 'users.read', 'reports.read', 'interactions.read'],
  trainer: ['teams.read', 'users.read', 'skills.read'],
  report_admin: ['teams.read', 'users.read', 'reports.read', 'interactions.read', 'interactions.export', 'wfm.read'],
  hr_admin: [...ORG_READ, 'users.manage', 'teams.manage', 'skills.manage', 'sessions.revoke'],
  agent: ['desk.use', 'schedule.own'],
  tenant_admin: [...ORG_READ, ...FLOOR, 'tenants.manage', 'sites.manage', 'teams.manage', 'users.manage', 'skills.manage',
    'sessions.revoke', 'audit.read', 'tokens.manage', 'pii.unmask', 'reports.read', 'queues.manage', 'interactions.export',
    'ivr.manage', 'ivr.emergency', ...WFM_PLAN],
  client_viewer: ['reports.read'],
};

/**
 * Who may hand out a role: anyone who manages users (HR, 000 §3.2.2), except that only those who
 * administer tenants may make another tenant administrator.
 */
export function canGrantRole(permissions: ReadonlySet<Permission>, role: Role): boolean {
  if (!permissions.has('users.manage')) return false;
  return role !== 'tenant_admin' || permissions.has('tenants.manage');
}

/**
 * Roles whose view of people is limited to the teams they lead (a team leader sees their team).
 * Someone who also holds a role without this limit sees the whole tenant.
 */
export const TEAM_SCOPED_ROLES: readonly Role[] = ['inbound_team_leader'];

export function seesOnlyOwnTeams(roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((role) => TEAM_SCOPED_ROLES.includes(role));
}

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
