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

/**
 * Duties follow 000 §3.2.2: only HR and administrators create, disable or change users and their
 * permissions; supervisors see their floor; the client viewer only reads its own tenant's reports.
 */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  cc_manager: [...ORG_READ, 'sessions.revoke', 'audit.read', 'pii.unmask', 'reports.read'],
  inbound_supervisor: [...ORG_READ, 'sessions.revoke', 'pii.unmask', 'reports.read'],
  inbound_team_leader: ['teams.read', 'users.read', 'skills.read', 'reports.read'],
  outbound_supervisor: [...ORG_READ, 'sessions.revoke', 'pii.unmask', 'reports.read'],
  knowledge_supervisor: ['teams.read', 'skills.read', 'reports.read'],
  qa_inspector: ['teams.read', 'users.read', 'reports.read'],
  trainer: ['teams.read', 'users.read', 'skills.read'],
  report_admin: ['teams.read', 'users.read', 'reports.read'],
  hr_admin: [...ORG_READ, 'users.manage', 'teams.manage', 'skills.manage', 'sessions.revoke'],
  agent: [],
  tenant_admin: [...ORG_READ, 'tenants.manage', 'sites.manage', 'teams.manage', 'users.manage', 'skills.manage',
    'sessions.revoke', 'audit.read', 'tokens.manage', 'pii.unmask', 'reports.read'],
  client_viewer: ['reports.read'],
};

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  return new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
