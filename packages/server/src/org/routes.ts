/**
 * HTTP routes of the org context. Each one parses, checks the policy (its `access`), runs one
 * command or query, and presents the result.
 */
import {
  seesOnlyOwnTeams,
  ROLE_PERMISSIONS,
  PERMISSIONS,
  ROLES,
  apiToken,
  apiTokenCreate,
  changePasswordBody,
  list,
  localeSchema,
  loginBody,
  me,
  page,
  passwordResetBody,
  roleMatrix,
  site,
  siteCreate,
  siteUpdate,
  skill,
  skillCreate,
  skillUpdate,
  team,
  teamCreate,
  teamMembersBody,
  teamUpdate,
  tenant,
  tenantCreate,
  tenantUpdate,
  user,
  userCreate,
  userSkillsBody,
  userUpdate,
} from '@seatline/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import { notFound } from '../platform/errors.ts';
import { requireActor } from '../platform/http/policy.ts';
import { changeOwnPassword, login, logout, setLocale, switchTenant } from './commands/auth.ts';
import { createClientTenant, saveSite, saveSkill, saveTeam, setTeamMembers, updateTenant } from './commands/structure.ts';
import { createApiToken, revokeApiToken } from './commands/tokens.ts';
import { createUser, resetPassword, revokeSessions, setUserSkills, updateUser } from './commands/users.ts';
import {
  presentApiToken,
  presentMe,
  presentSite,
  presentSkill,
  presentTeam,
  presentTenant,
  presentTenantSummary,
  presentUser,
} from './presenters.ts';
import {
  findTenantUser,
  ledTeamMemberIds,
  listApiTokens,
  listSites,
  listSkills,
  listTeams,
  listTenantUsers,
  listTenantsUnder,
  tenantsOfUser,
} from './repository.ts';

export const SESSION_COOKIE = 'sl_session';
const idParams = z.strictObject({ id: z.uuid() });
const tags = (name: string) => ({ tags: [name] });

export function orgRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  const meOf = async (actor: Parameters<typeof presentMe>[0]) =>
    presentMe(actor, (await tenantsOfUser(db, actor.userId)).map((m) => presentTenantSummary(m.tenant)));

  /** Everyone in the tenant (undefined), or only a team leader's own people. */
  const visibleUserIds = async (actor: Parameters<typeof presentMe>[0]) =>
    seesOnlyOwnTeams(actor.roles) ? ledTeamMemberIds(db, actor.tenant.id, actor.userId) : undefined;

  return async (app) => {
    app.post('/api/auth/login', {
      config: { access: 'public', rateLimit: { max: ctx.config.login.ratePerMinute, timeWindow: '1 minute' } },
      schema: { ...tags('auth'), body: loginBody, response: { 200: me } },
    }, async (request, reply) => {
      const { token, actor } = await login(ctx, { ...request.body, ip: request.ip });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.cookieSecure,
        maxAge: ctx.config.session.maxHours * 3600,
      });
      return meOf(actor);
    });

    app.post('/api/auth/logout', { config: { access: 'authenticated' }, schema: tags('auth') }, async (request, reply) => {
      await logout(ctx, requireActor(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    });

    app.get('/api/me', { config: { access: 'authenticated' }, schema: { ...tags('me'), response: { 200: me } } }, async (request) =>
      meOf(requireActor(request)),
    );

    app.put('/api/me/locale', {
      config: { access: 'authenticated' },
      schema: { ...tags('me'), body: z.strictObject({ locale: localeSchema }), response: { 200: me } },
    }, async (request) => meOf(await setLocale(ctx, requireActor(request), request.body.locale)));

    app.put('/api/me/tenant', {
      config: { access: 'authenticated' },
      schema: { ...tags('me'), body: z.strictObject({ tenantId: z.uuid() }), response: { 200: me } },
    }, async (request) => meOf(await switchTenant(ctx, requireActor(request), request.body.tenantId)));

    app.put('/api/me/password', { config: { access: 'authenticated' }, schema: { ...tags('me'), body: changePasswordBody } }, async (request, reply) => {
      await changeOwnPassword(ctx, requireActor(request), request.body);
      return reply.status(204).send();
    });

    app.get('/api/tenants', { config: { access: 'tenants.read' }, schema: { ...tags('org'), response: { 200: list(tenant) } } }, async (request) => ({
      items: (await listTenantsUnder(db, requireActor(request).tenant.id)).map(presentTenant),
    }));

    app.post('/api/tenants', {
      config: { access: 'tenants.manage' },
      schema: { ...tags('org'), body: tenantCreate, response: { 201: tenant } },
    }, async (request, reply) => reply.status(201).send(presentTenant(await createClientTenant(ctx, requireActor(request), request.body))));

    app.patch('/api/tenants/:id', {
      config: { access: 'tenants.manage' },
      schema: { ...tags('org'), params: idParams, body: tenantUpdate, response: { 200: tenant } },
    }, async (request) => presentTenant(await updateTenant(ctx, requireActor(request), request.params.id, request.body)));

    app.get('/api/sites', { config: { access: 'sites.read' }, schema: { ...tags('org'), response: { 200: list(site) } } }, async (request) => ({
      items: (await listSites(db, requireActor(request).tenant.id)).map(presentSite),
    }));

    app.post('/api/sites', { config: { access: 'sites.manage' }, schema: { ...tags('org'), body: siteCreate, response: { 201: site } } }, async (request, reply) =>
      reply.status(201).send(presentSite(await saveSite(ctx, requireActor(request), null, request.body))),
    );

    app.patch('/api/sites/:id', { config: { access: 'sites.manage' }, schema: { ...tags('org'), params: idParams, body: siteUpdate, response: { 200: site } } }, async (request) =>
      presentSite(await saveSite(ctx, requireActor(request), request.params.id, request.body)),
    );

    app.get('/api/teams', { config: { access: 'teams.read' }, schema: { ...tags('org'), response: { 200: list(team) } } }, async (request) => ({
      items: (await listTeams(db, requireActor(request).tenant.id))
        .filter((team) => !seesOnlyOwnTeams(requireActor(request).roles) || team.leaderId === requireActor(request).userId)
        .map(presentTeam),
    }));

    app.post('/api/teams', { config: { access: 'teams.manage' }, schema: { ...tags('org'), body: teamCreate, response: { 201: team } } }, async (request, reply) =>
      reply.status(201).send(presentTeam(await saveTeam(ctx, requireActor(request), null, request.body))),
    );

    app.patch('/api/teams/:id', { config: { access: 'teams.manage' }, schema: { ...tags('org'), params: idParams, body: teamUpdate, response: { 200: team } } }, async (request) =>
      presentTeam(await saveTeam(ctx, requireActor(request), request.params.id, request.body)),
    );

    app.put('/api/teams/:id/members', {
      config: { access: 'teams.manage' },
      schema: { ...tags('org'), params: idParams, body: teamMembersBody, response: { 200: team } },
    }, async (request) => presentTeam(await setTeamMembers(ctx, requireActor(request), request.params.id, request.body.userIds)));

    app.get('/api/users', {
      config: { access: 'users.read' },
      schema: { ...tags('org'), querystring: z.strictObject({ q: z.string().max(100).optional(), cursor: z.string().max(200).optional() }), response: { 200: page(user) } },
    }, async (request) => {
      const limit = 50;
      const after = request.query.cursor ? Buffer.from(request.query.cursor, 'base64url').toString('utf8') : undefined;
      const actor = requireActor(request);
      const ids = await visibleUserIds(actor);
      const rows = await listTenantUsers(db, actor.tenant.id, { q: request.query.q, after, limit: limit + 1, ids });
      const items = rows.slice(0, limit);
      const nextCursor = rows.length > limit ? Buffer.from(items.at(-1)!.user.username, 'utf8').toString('base64url') : null;
      return { items: items.map(presentUser), nextCursor };
    });

    app.get('/api/users/:id', { config: { access: 'users.read' }, schema: { ...tags('org'), params: idParams, response: { 200: user } } }, async (request) => {
      const actor = requireActor(request);
      const ids = await visibleUserIds(actor);
      const found = await findTenantUser(db, actor.tenant.id, request.params.id);
      if (!found || (ids && !ids.includes(found.user.id))) throw notFound();
      return presentUser(found);
    });

    app.post('/api/users', { config: { access: 'users.manage' }, schema: { ...tags('org'), body: userCreate, response: { 201: user } } }, async (request, reply) =>
      reply.status(201).send(presentUser(await createUser(ctx, requireActor(request), request.body))),
    );

    app.patch('/api/users/:id', { config: { access: 'users.manage' }, schema: { ...tags('org'), params: idParams, body: userUpdate, response: { 200: user } } }, async (request) =>
      presentUser(await updateUser(ctx, requireActor(request), request.params.id, request.body)),
    );

    app.put('/api/users/:id/skills', {
      config: { access: 'users.manage' },
      schema: { ...tags('org'), params: idParams, body: userSkillsBody, response: { 200: user } },
    }, async (request) => presentUser(await setUserSkills(ctx, requireActor(request), request.params.id, request.body.skills)));

    app.post('/api/users/:id/password', { config: { access: 'users.manage' }, schema: { ...tags('org'), params: idParams, body: passwordResetBody } }, async (request, reply) => {
      await resetPassword(ctx, requireActor(request), request.params.id, request.body.password);
      return reply.status(204).send();
    });

    app.post('/api/users/:id/sessions/revoke', { config: { access: 'sessions.revoke' }, schema: { ...tags('org'), params: idParams } }, async (request, reply) => {
      await revokeSessions(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    });

    app.get('/api/roles', { config: { access: 'roles.read' }, schema: { ...tags('org'), response: { 200: roleMatrix } } }, async () => ({
      roles: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
      permissions: [...PERMISSIONS],
    }));

    app.get('/api/skills', { config: { access: 'skills.read' }, schema: { ...tags('org'), response: { 200: list(skill) } } }, async (request) => ({
      items: (await listSkills(db, requireActor(request).tenant.id)).map(presentSkill),
    }));

    app.post('/api/skills', { config: { access: 'skills.manage' }, schema: { ...tags('org'), body: skillCreate, response: { 201: skill } } }, async (request, reply) =>
      reply.status(201).send(presentSkill(await saveSkill(ctx, requireActor(request), null, request.body))),
    );

    app.patch('/api/skills/:id', { config: { access: 'skills.manage' }, schema: { ...tags('org'), params: idParams, body: skillUpdate, response: { 200: skill } } }, async (request) =>
      presentSkill(await saveSkill(ctx, requireActor(request), request.params.id, request.body)),
    );

    app.get('/api/tokens', { config: { access: 'tokens.manage' }, schema: { ...tags('org'), response: { 200: list(apiToken) } } }, async (request) => ({
      items: (await listApiTokens(db, requireActor(request).tenant.id)).map(presentApiToken),
    }));

    app.post('/api/tokens', {
      config: { access: 'tokens.manage' },
      schema: { ...tags('org'), body: apiTokenCreate, response: { 201: apiToken.extend({ secret: z.string() }) } },
    }, async (request, reply) => {
      const { token, secret } = await createApiToken(ctx, requireActor(request), request.body);
      return reply.status(201).send({ ...presentApiToken(token), secret });
    });

    app.delete('/api/tokens/:id', { config: { access: 'tokens.manage' }, schema: { ...tags('org'), params: idParams } }, async (request, reply) => {
      await revokeApiToken(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    });
  };
}
