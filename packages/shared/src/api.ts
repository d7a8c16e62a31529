/**
 * Request and response shapes shared by the server (validation, OpenAPI) and the web app (types, forms).
 */
import { z } from 'zod';
import { LOCALES } from './errors.ts';
import { PERMISSIONS, ROLES } from './permissions.ts';

export const id = z.uuid();
export const localeSchema = z.enum(LOCALES);
export const roleSchema = z.enum(ROLES);
export const permissionSchema = z.enum(PERMISSIONS);
export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, 'lowercase letters, digits and dashes');

export const errorBody = z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() });
export type ErrorBody = z.infer<typeof errorBody>;

export const tenantSummary = z.object({
  id,
  slug: z.string(),
  name: z.string(),
  kind: z.enum(['operator', 'client']),
});
export type TenantSummary = z.infer<typeof tenantSummary>;

export const tenant = tenantSummary.extend({
  operatorId: id.nullable(),
  status: z.enum(['active', 'suspended']),
  createdAt: z.iso.datetime(),
});
export type Tenant = z.infer<typeof tenant>;
export const tenantCreate = z.strictObject({ slug: slugSchema, name: z.string().trim().min(1).max(100) });
export const tenantUpdate = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  status: z.enum(['active', 'suspended']).optional(),
});

export const me = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  locale: localeSchema,
  tenant: tenantSummary,
  tenants: z.array(tenantSummary),
  roles: z.array(roleSchema),
  permissions: z.array(permissionSchema),
});
export type Me = z.infer<typeof me>;

export const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  tenant: z.string().max(64).optional(),
});

export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export const site = z.object({ id, name: z.string(), timezone: z.string(), address: z.string().nullable() });
export type Site = z.infer<typeof site>;
export const siteCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  timezone: z.string().min(1).max(64).default('Asia/Shanghai'),
  address: z.string().max(300).nullable().optional(),
});
export const siteUpdate = siteCreate.partial();

export const team = z.object({
  id,
  name: z.string(),
  siteId: id.nullable(),
  leaderId: id.nullable(),
  memberIds: z.array(id),
});
export type Team = z.infer<typeof team>;
export const teamCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  siteId: id.nullable().optional(),
  leaderId: id.nullable().optional(),
});
export const teamUpdate = teamCreate.partial();
export const teamMembersBody = z.strictObject({ userIds: z.array(id).max(500) });

export const skill = z.object({ id, code: z.string(), name: z.string() });
export type Skill = z.infer<typeof skill>;
export const skillCreate = z.strictObject({
  code: z.string().regex(/^[a-z0-9_.-]{1,40}$/),
  name: z.string().trim().min(1).max(100),
});
export const skillUpdate = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const userSkill = z.object({ skillId: id, level: z.number().int().min(1).max(10) });
export const user = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  status: z.enum(['active', 'disabled']),
  roles: z.array(roleSchema),
  siteId: id.nullable(),
  skills: z.array(userSkill),
  lastLoginAt: z.iso.datetime().nullable(),
});
export type User = z.infer<typeof user>;
export const userCreate = z.strictObject({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,64}$/),
  displayName: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(256),
  roles: z.array(roleSchema).min(1),
  siteId: id.nullable().optional(),
});
export const userUpdate = z.strictObject({
  displayName: z.string().trim().min(1).max(100).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  roles: z.array(roleSchema).min(1).optional(),
  siteId: id.nullable().optional(),
});
export const userSkillsBody = z.strictObject({ skills: z.array(userSkill).max(100) });
export const passwordResetBody = z.strictObject({ password: z.string().min(1).max(256) });

export const roleMatrix = z.object({
  roles: z.array(z.object({ role: roleSchema, permissions: z.array(permissionSchema) })),
  permissions: z.array(permissionSchema),
});

export const auditEntry = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actorId: id.nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const apiToken = z.object({
  id,
  name: z.string(),
  scopes: z.array(permissionSchema),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
});
export const apiTokenCreate = z.strictObject({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(permissionSchema).min(1),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
export const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
