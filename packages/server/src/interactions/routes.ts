/**
 * The agent desktop's commands, the supervisor's floor, the live WebSocket, and the interaction
 * export. Thin: parse, check access, run one command, present.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import type { Services } from '../platform/boot.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { requireActor } from '../platform/http/policy.ts';
import { auditAction } from '../org/commands/actor.ts';
import { notReadyReasonSchema } from '../routing/schemas.ts';
import { listQueues } from '../routing/repository.ts';
import { findCustomer } from '../crm/repository.ts';
import { exportInteractions } from './commands/export.ts';
import { presentInteraction, serviceLevelSoFar, toCsv } from './presenters.ts';
import { findInteraction, listChatMessages, listInteractionEvents, listRecentForCustomer, queueOutcomesSince } from './repository.ts';

const idParams = z.strictObject({ id: z.uuid() });
const stateBody = z.discriminatedUnion('presence', [
  z.strictObject({ presence: z.literal('ready') }),
  z.strictObject({ presence: z.literal('not_ready'), reason: notReadyReasonSchema }),
  z.strictObject({ presence: z.literal('offline') }),
]);
const tags = { tags: ['contact'] };

export function interactionRoutes(ctx: AppContext, services: Services): FastifyPluginAsyncZod {
  const { contacts, floor } = services;
  const db = ctx.database.db;

  return async (app) => {
    app.get('/api/ws', {
      websocket: true,
      config: { access: 'authenticated' },
      schema: { hide: true, querystring: z.strictObject({ watch: z.enum(['1']).optional() }) },
    }, async (socket, request) => {
      const actor = requireActor(request);
      // A supervisor's wallboard watches without joining the floor as an agent.
      const isAgent = actor.permissions.has('desk.use') && request.query.watch !== '1';
      const remove = floor.add({ socket, tenantId: actor.tenant.id, userId: actor.userId, watchesFloor: actor.permissions.has('floor.monitor') });
      socket.on('close', () => {
        remove();
        if (isAgent && floor.openSockets(actor.tenant.id, actor.userId) === 0) void contacts.agentDisconnected(actor.userId);
      });
      socket.on('message', (data) => {
        if (String(data) === 'ping') socket.send('pong');
      });
      try {
        const state = isAgent ? await contacts.agentConnected(actor.tenant.id, actor.userId) : null;
        socket.send(JSON.stringify({ type: 'hello', userId: actor.userId, agentState: state && presentState(state) }));
      } catch (error) {
        request.log.error({ err: error }, 'desktop connection failed');
        socket.close(1011, 'internal.error');
      }
    });

    app.get('/api/queues/directory', { config: { access: 'desk.use' }, schema: tags }, async (request) => ({
      items: (await listQueues(db, requireActor(request).tenant.id)).map((q) => ({ id: q.id, code: q.code, name: q.name, channel: q.settings.channel })),
    }));

    app.get('/api/agent/state', { config: { access: 'desk.use' }, schema: tags }, async (request) => {
      const actor = requireActor(request);
      const state = contacts.agentState(actor.userId);
      return { state: state ? presentState(state) : null };
    });

    app.put('/api/agent/state', { config: { access: 'desk.use' }, schema: { ...tags, body: stateBody } }, async (request) => {
      const actor = requireActor(request);
      const body = request.body;
      const command = body.presence === 'ready' ? { type: 'set_ready' as const } : body.presence === 'offline' ? { type: 'logout' as const } : { type: 'set_not_ready' as const, reason: body.reason };
      return { state: presentState(await contacts.agentCommand(actor.tenant.id, actor.userId, command)) };
    });

    const deskAction = (path: string, run: (tenantId: string, agentId: string, id: string) => Promise<void>) =>
      app.post(`/api/interactions/:id/${path}`, { config: { access: 'desk.use' }, schema: { ...tags, params: idParams } }, async (request, reply) => {
        const actor = requireActor(request);
        await run(actor.tenant.id, actor.userId, request.params.id);
        return reply.status(204).send();
      });
    deskAction('accept', (t, a, id) => contacts.accept(t, a, id));
    deskAction('reject', async (t, a, id) => void (await contacts.agentCommand(t, a, { type: 'reject', interactionId: id })));
    deskAction('hangup', (t, a, id) => contacts.hangup(t, a, id));
    deskAction('hold', (t, a, id) => contacts.setHold(t, a, id, true));
    deskAction('resume', (t, a, id) => contacts.setHold(t, a, id, false));

    app.post('/api/interactions/:id/transfer', {
      config: { access: 'desk.use' },
      schema: { ...tags, params: idParams, body: z.strictObject({ queueId: z.uuid() }) },
    }, async (request, reply) => {
      const actor = requireActor(request);
      await contacts.transferToQueue(actor.tenant.id, actor.userId, request.params.id, request.body.queueId);
      return reply.status(204).send();
    });

    app.post('/api/interactions/:id/conference', {
      config: { access: 'desk.use' },
      schema: { ...tags, params: idParams, body: z.strictObject({ agentId: z.uuid() }) },
    }, async (request, reply) => {
      const actor = requireActor(request);
      await contacts.conference(actor.tenant.id, actor.userId, request.params.id, request.body.agentId);
      return reply.status(204).send();
    });

    app.post('/api/interactions/:id/supervise', {
      config: { access: 'floor.control' },
      schema: { ...tags, params: idParams, body: z.strictObject({ mode: z.enum(['monitor', 'whisper', 'barge']) }) },
    }, async (request, reply) => {
      const actor = requireActor(request);
      await contacts.supervise(actor.tenant.id, actor.userId, request.params.id, request.body.mode);
      await ctx.uow.run((tx) => auditAction(ctx, tx, actor, `interaction.${request.body.mode}`, 'interaction', request.params.id));
      return reply.status(204).send();
    });

    app.post('/api/interactions/:id/wrap-up', {
      config: { access: 'desk.use' },
      schema: { ...tags, params: idParams, body: z.strictObject({ disposition: z.string().trim().min(1).max(64), notes: z.string().max(4000).optional() }) },
    }, async (request, reply) => {
      const actor = requireActor(request);
      await contacts.wrapUp(actor.tenant.id, actor.userId, request.params.id, request.body.disposition, request.body.notes ?? null);
      return reply.status(204).send();
    });

    app.post('/api/interactions/:id/messages', {
      config: { access: 'desk.use' },
      schema: { ...tags, params: idParams, body: z.strictObject({ text: z.string().trim().min(1).max(2000) }) },
    }, async (request, reply) => {
      const actor = requireActor(request);
      await contacts.postChatMessage(actor.tenant.id, request.params.id, 'agent', request.body.text, actor.userId);
      return reply.status(204).send();
    });

    app.get('/api/interactions/:id', { config: { access: 'authenticated' }, schema: { ...tags, params: idParams } }, async (request) => {
      const actor = requireActor(request);
      const row = await findInteraction(db, actor.tenant.id, request.params.id);
      // Agents see the interactions offered to or handled by them; supervisors and QA see all.
      const ownsIt = row && (row.agentId === actor.userId || contacts.holds(actor.userId, row.id));
      if (!row || (!ownsIt && !actor.permissions.has('interactions.read'))) throw notFound();
      const [events, messages, customer, history] = await Promise.all([
        listInteractionEvents(db, actor.tenant.id, row.id),
        listChatMessages(db, actor.tenant.id, row.id),
        row.customerId ? findCustomer(db, actor.tenant.id, row.customerId) : undefined,
        row.customerId ? listRecentForCustomer(db, actor.tenant.id, row.customerId, row.id) : [],
      ]);
      return presentInteraction(row, events, messages, customer ?? null, history, actor.permissions.has('pii.unmask'));
    });

    app.get('/api/interactions/export', {
      config: { access: 'interactions.export' },
      schema: {
        ...tags,
        querystring: z.strictObject({ from: z.iso.datetime({ offset: true }), to: z.iso.datetime({ offset: true }), format: z.enum(['csv', 'json']).default('json') }),
      },
    }, async (request, reply) => {
      const { from, to, format } = request.query;
      const rows = await exportInteractions(ctx, requireActor(request), { from: new Date(from), to: new Date(to) }, format);
      if (format === 'json') return rows;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="interactions.csv"').send(toCsv(rows));
    });

    app.get('/api/floor', { config: { access: 'floor.monitor' }, schema: tags }, async (request) => {
      const actor = requireActor(request);
      const queueRows = await listQueues(db, actor.tenant.id);
      const outcomes = await queueOutcomesSince(db, actor.tenant.id, queueRows.map((q) => q.id), startOfToday(ctx.clock.now()));
      return {
        queues: queueRows.map((q) => ({
          id: q.id,
          code: q.code,
          name: q.name,
          channel: q.settings.channel,
          status: contacts.queueStatus(q.id) ?? null,
          serviceLevelToday: serviceLevelSoFar(outcomes.filter((o) => o.queueId === q.id), q.settings.serviceLevel.seconds),
          serviceLevelTarget: q.settings.serviceLevel,
        })),
        agents: contacts.floorAgents(actor.tenant.id).map(({ agentId, state }) => ({ agentId, ...presentState(state) })),
      };
    });

    app.put('/api/agents/:id/state', { config: { access: 'floor.control' }, schema: { ...tags, params: idParams, body: stateBody } }, async (request) => {
      const actor = requireActor(request);
      const body = request.body;
      const target = body.presence === 'not_ready' ? { presence: 'not_ready' as const, reason: body.reason } : { presence: body.presence };
      const state = await contacts.agentCommand(actor.tenant.id, request.params.id, { type: 'supervisor_force', target }).catch((error: unknown) => {
        throw error instanceof AppError && error.code === 'routing.agent_not_connected' ? notFound() : error;
      });
      await ctx.uow.run((tx) => auditAction(ctx, tx, actor, 'agent.state_forced', 'user', request.params.id, { target }));
      return { state: presentState(state) };
    });
  };
}

function presentState(state: { presence: string; reason: string | null; status: string; statusSince: number; connected: boolean; work: readonly { interactionId: string; channel: string; phase: string }[] }) {
  return {
    presence: state.presence,
    reason: state.reason,
    status: state.status,
    since: new Date(state.statusSince).toISOString(),
    connected: state.connected,
    work: state.work.map((w) => ({ interactionId: w.interactionId, channel: w.channel, phase: w.phase })),
  };
}

/** Local midnight in China, where the demo centers work; per-site time zones arrive with the reports capability. */
function startOfToday(now: number): Date {
  const local = new Date(now + 8 * 3_600_000);
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * 3_600_000);
}
