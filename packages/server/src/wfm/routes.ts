/**
 * WFM routes (docs/wfm-api.md): staffing, interval history, forecasts with their staffing plans,
 * shift templates, schedules with approval, the agent's own schedule, and adherence.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../platform/context.ts';
import type { Services } from '../platform/boot.ts';
import { notFound } from '../platform/errors.ts';
import { requireActor } from '../platform/http/policy.ts';
import { findQueue, listQueues } from '../routing/repository.ts';
import { dayAdherence } from './commands/adherence.ts';
import { recordAttendance, scheduleAttendance, writeHandover } from './commands/attendance.ts';
import { askForBreak, breakBoards, finishBreak, setBreakLimit } from './commands/breaks.ts';
import { acceptRequest, approveRequest, cancelRequest, createRequest, listMyRequests, listRequests, presentRequests, rejectRequest } from './commands/requests.ts';
import { intradayView } from './commands/intraday.ts';
import { FORECAST_METHOD_CHOICES, approveForecast, createForecast, forecastActuals, staffForecast } from './commands/forecasts.ts';
import { deriveHistory, importHistory } from './commands/history.ts';
import { changeScheduleStatus, deleteShiftTemplate, editShift, generateTeamSchedule, saveShiftTemplate } from './commands/schedules.ts';
import { computeStaffing } from './domain/erlang.ts';
import { domain } from './errors.ts';
import type { ForecastRow } from './repository.ts';
import {
  presentForecast,
  presentForecastSummary,
  presentHistorySeries,
  presentHistorySummary,
  presentSchedule,
  presentScheduleSummary,
  presentShift,
  presentShiftTemplate,
  presentStaffing,
} from './presenters.ts';
import type { ScheduleRow } from './repository.ts';
import {
  findForecast,
  findSchedule,
  isUuid,
  listForecasts,
  listHistory,
  listPublishedShifts,
  listSchedules,
  listShiftTemplates,
  listShiftsOfSchedule,
  summariseHistory,
} from './repository.ts';
import { forecastAdjustmentSchema, isoDateSchema, scheduleAgentSchema, shiftTemplateSchema, staffingRequestSchema } from './schemas.ts';
import { DEFAULT_TIME_ZONE, addDays, instantToLocal, localToInstant } from './time.ts';
import { listUsernames } from '../org/repository.ts';

const tags = { tags: ['wfm'] };
/** Ids are looked up as given: one that is not a UUID is simply not found (404), like another tenant's. */
const idParams = z.strictObject({ id: z.string().max(100) });
const timeZone = z.string().trim().min(1).max(64).default(DEFAULT_TIME_ZONE);
const intervalMinutes = z.union([z.literal(15), z.literal(30)]);
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;
const templateBody = z.strictObject({ name: z.string().trim().min(1).max(100), ...shiftTemplateSchema.omit({ id: true }).shape });
const contract = scheduleAgentSchema.omit({ id: true }).partial().strict();
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');
const breakSchema = z.strictObject({ kind: z.enum(['rest', 'meal']), startMinute: z.int().min(0).max(2880), endMinute: z.int().min(0).max(2880), paid: z.boolean() });

export function wfmRoutes(ctx: AppContext, services: Pick<Services, 'contacts'>): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.post('/api/wfm/staffing', { config: { access: 'wfm.read' }, schema: { ...tags, body: z.strictObject(staffingRequestSchema.shape) } }, async (request) =>
      presentStaffing(await domain(() => computeStaffing(request.body))),
    );

    // ---- Interval history -------------------------------------------------------------------

    app.post('/api/wfm/history/import', {
      config: { access: 'wfm.plan' },
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        ...tags,
        body: z.strictObject({
          format: z.enum(['csv', 'xlsx']),
          /** CSV text, or the XLSX file as base64. */
          content: z.string().max(IMPORT_BODY_LIMIT),
          intervalMinutes: intervalMinutes.default(30),
          timeZone,
          dryRun: z.boolean().default(false),
        }),
      },
    }, async (request) => importHistory(ctx, requireActor(request), request.body));

    app.post('/api/wfm/history/derive', {
      config: { access: 'wfm.plan' },
      schema: {
        ...tags,
        body: z.strictObject({
          from: isoDateSchema,
          to: isoDateSchema,
          intervalMinutes: intervalMinutes.default(30),
          timeZone,
          queueIds: z.array(z.uuid()).max(500).optional(),
          includeSimulated: z.boolean().default(true),
        }),
      },
    }, async (request) => deriveHistory(ctx, requireActor(request), request.body));

    app.get('/api/wfm/history', { config: { access: 'wfm.read' }, schema: tags }, async (request) => {
      const tenantId = requireActor(request).tenant.id;
      const [rows, queues] = await Promise.all([summariseHistory(db, tenantId), listQueues(db, tenantId)]);
      return { items: presentHistorySummary(rows, queues) };
    });

    app.get('/api/wfm/queues/:id/history', {
      config: { access: 'wfm.read' },
      schema: { ...tags, params: idParams, querystring: z.strictObject({ from: isoDateSchema.optional(), to: isoDateSchema.optional(), timeZone }) },
    }, async (request) => {
      const tenantId = requireActor(request).tenant.id;
      const queue = isUuid(request.params.id) ? await findQueue(db, tenantId, request.params.id) : undefined;
      if (!queue) throw notFound();
      const { from, to } = request.query;
      const range = await domain(() => ({
        ...(from ? { from: new Date(localToInstant(from, 0, request.query.timeZone)) } : {}),
        ...(to ? { to: new Date(localToInstant(to, 1440, request.query.timeZone)) } : {}),
      }));
      const rows = await listHistory(db, tenantId, queue.id, queue.settings.channel ?? 'voice', range);
      return presentHistorySeries(queue, rows);
    });

    // ---- Forecasts and their staffing plans ---------------------------------------------------

    const forecastDetail = async (tenantId: string, row: ForecastRow) =>
      presentForecast(row, await listQueues(db, tenantId), await forecastActuals(ctx, tenantId, row));

    app.post('/api/wfm/forecasts', {
      config: { access: 'wfm.plan' },
      schema: {
        ...tags,
        body: z.strictObject({
          queueId: z.string().max(100),
          intervalMinutes: intervalMinutes.optional(),
          horizonWeeks: z.int().min(1).max(8).default(2),
          method: z.enum(FORECAST_METHOD_CHOICES).default('auto'),
          holdoutDays: z.int().min(1).max(28).optional(),
          profileWeeks: z.int().min(1).max(52).optional(),
          adjustments: z.array(forecastAdjustmentSchema).max(500).default([]),
          historyFrom: isoDateSchema.optional(),
          historyTo: isoDateSchema.optional(),
          timeZone,
        }),
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const row = await createForecast(ctx, actor, request.body);
      return reply.status(201).send(await forecastDetail(actor.tenant.id, row));
    });

    app.get('/api/wfm/forecasts', {
      config: { access: 'wfm.read' },
      schema: { ...tags, querystring: z.strictObject({ queueId: z.uuid().optional(), status: z.enum(['draft', 'approved', 'superseded']).optional() }) },
    }, async (request) => {
      const tenantId = requireActor(request).tenant.id;
      const [rows, queues] = await Promise.all([listForecasts(db, tenantId, request.query), listQueues(db, tenantId)]);
      return { items: rows.map((row) => presentForecastSummary(row, queues)) };
    });

    app.get('/api/wfm/forecasts/:id', { config: { access: 'wfm.read' }, schema: { ...tags, params: idParams } }, async (request) => {
      const tenantId = requireActor(request).tenant.id;
      const row = await findForecast(db, tenantId, request.params.id);
      if (!row) throw notFound();
      return forecastDetail(tenantId, row);
    });

    app.post('/api/wfm/forecasts/:id/staffing', {
      config: { access: 'wfm.plan' },
      schema: {
        ...tags,
        params: idParams,
        body: z.strictObject({
          slTarget: staffingRequestSchema.shape.slTarget,
          slSeconds: staffingRequestSchema.shape.slSeconds,
          shrinkage: staffingRequestSchema.shape.shrinkage,
          maxOccupancy: staffingRequestSchema.shape.maxOccupancy,
          patienceSeconds: staffingRequestSchema.shape.patienceSeconds,
          ahtSeconds: staffingRequestSchema.shape.ahtSeconds.optional(),
        }),
      },
    }, async (request) => staffForecast(ctx, requireActor(request), request.params.id, request.body));

    // ---- Shift templates ---------------------------------------------------------------------

    app.get('/api/wfm/shift-templates', { config: { access: 'wfm.read' }, schema: tags }, async (request) => ({
      items: (await listShiftTemplates(db, requireActor(request).tenant.id)).map(presentShiftTemplate),
    }));

    app.post('/api/wfm/shift-templates', { config: { access: 'wfm.plan' }, schema: { ...tags, body: templateBody } }, async (request, reply) =>
      reply.status(201).send(presentShiftTemplate(await saveShiftTemplate(ctx, requireActor(request), null, request.body))),
    );

    app.put('/api/wfm/shift-templates/:id', { config: { access: 'wfm.plan' }, schema: { ...tags, params: idParams, body: templateBody } }, async (request) =>
      presentShiftTemplate(await saveShiftTemplate(ctx, requireActor(request), request.params.id, request.body)),
    );

    app.delete('/api/wfm/shift-templates/:id', { config: { access: 'wfm.plan' }, schema: { ...tags, params: idParams } }, async (request, reply) => {
      await deleteShiftTemplate(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    });

    // ---- Schedules ---------------------------------------------------------------------------

    const scheduleDetail = async (tenantId: string, row: ScheduleRow) => {
      const shifts = await listShiftsOfSchedule(db, tenantId, row.id);
      return presentSchedule(row, shifts, await listUsernames(db, row.input.agents.map((agent) => agent.id)));
    };

    app.post('/api/wfm/schedules', {
      config: { access: 'wfm.plan' },
      schema: {
        ...tags,
        body: z.strictObject({
          teamId: z.string().max(100),
          forecastId: z.string().max(100),
          startDate: isoDateSchema,
          weeks: z.int().min(1).max(4),
          templateIds: z.array(z.string().max(100)).min(1).max(50).optional(),
          defaultContract: contract.default({}),
          agents: z.array(z.strictObject({ userId: z.string().max(100), ...contract.shape })).max(1000).default([]),
          minRestBetweenShiftsMinutes: z.int().min(0).max(1440).optional(),
          seed: z.int().min(0).max(2 ** 31).optional(),
        }),
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const row = await generateTeamSchedule(ctx, actor, request.body);
      return reply.status(201).send(await scheduleDetail(actor.tenant.id, row));
    });

    app.get('/api/wfm/schedules', {
      config: { access: 'wfm.read' },
      schema: { ...tags, querystring: z.strictObject({ teamId: z.uuid().optional(), status: z.enum(['draft', 'submitted', 'published', 'superseded']).optional() }) },
    }, async (request) => ({ items: (await listSchedules(db, requireActor(request).tenant.id, request.query)).map(presentScheduleSummary) }));

    app.get('/api/wfm/schedules/:id', { config: { access: 'wfm.read' }, schema: { ...tags, params: idParams } }, async (request) => {
      const tenantId = requireActor(request).tenant.id;
      const row = await findSchedule(db, tenantId, request.params.id);
      if (!row) throw notFound();
      return scheduleDetail(tenantId, row);
    });

    const noteBody = z.strictObject({ note: z.string().trim().max(2000).optional() }).default({});
    for (const [transition, access] of [['submit', 'wfm.plan'], ['publish', 'wfm.approve'], ['reject', 'wfm.approve']] as const) {
      app.post(`/api/wfm/schedules/:id/${transition}`, { config: { access }, schema: { ...tags, params: idParams, body: noteBody } }, async (request) => {
        const actor = requireActor(request);
        const row = await changeScheduleStatus(ctx, actor, request.params.id, transition, request.body?.note ?? null);
        return presentScheduleSummary(row);
      });
    }

    app.patch('/api/wfm/shifts/:id', {
      config: { access: 'wfm.plan' },
      schema: {
        ...tags,
        params: idParams,
        body: z.strictObject({
          userId: z.uuid().optional(),
          date: isoDateSchema.optional(),
          startMinute: z.int().min(0).max(1439).optional(),
          endMinute: z.int().min(1).max(2880).optional(),
          breaks: z.array(breakSchema).max(12).optional(),
        }),
      },
    }, async (request) => presentShift(await editShift(ctx, requireActor(request), request.params.id, request.body)));

    /** The caller's own shifts from published schedules; default from today for 14 days. */
    app.get('/api/wfm/my-schedule', {
      config: { access: 'schedule.own' },
      schema: { ...tags, querystring: z.strictObject({ from: isoDateSchema.optional(), to: isoDateSchema.optional(), timeZone }) },
    }, async (request) => {
      const actor = requireActor(request);
      const zone = request.query.timeZone;
      const from = request.query.from ?? (await domain(() => instantToLocal(ctx.clock.now(), zone))).date;
      const to = request.query.to ?? addDays(from, 13);
      const range = await domain(() => ({ from: new Date(localToInstant(from, 0, zone)), to: new Date(localToInstant(to, 1440, zone)) }));
      const shifts = await listPublishedShifts(db, actor.tenant.id, range.from, range.to, [actor.userId]);
      return { from, to, timeZone: zone, items: shifts.map((shift) => presentShift(shift)) };
    });

    /** Adherence and conformance per agent and team for a day (default today; for today, up to now). */
    app.get('/api/wfm/adherence', {
      config: { access: 'wfm.read' },
      schema: { ...tags, querystring: z.strictObject({ date: isoDateSchema.optional(), teamId: z.string().max(100).optional(), timeZone, graceMinutes: z.coerce.number().int().min(0).max(120).default(5) }) },
    }, async (request) => {
      const zone = request.query.timeZone;
      const date = request.query.date ?? (await domain(() => instantToLocal(ctx.clock.now(), zone))).date;
      return dayAdherence(ctx, requireActor(request), { date, timeZone: zone, graceMinutes: request.query.graceMinutes, ...(request.query.teamId === undefined ? {} : { teamId: request.query.teamId }) });
    });

    /** Today (or `date`) so far against the forecast: rescaled rest of day, required vs scheduled agents. */
    app.get('/api/wfm/forecasts/:id/intraday', {
      config: { access: 'wfm.read' },
      schema: { ...tags, params: idParams, querystring: z.strictObject({ date: isoDateSchema.optional() }) },
    }, async (request) => intradayView(ctx, requireActor(request), request.params.id, request.query.date));

    app.post('/api/wfm/forecasts/:id/approve', { config: { access: 'wfm.approve' }, schema: { ...tags, params: idParams } }, async (request) => {
      const actor = requireActor(request);
      return forecastDetail(actor.tenant.id, await approveForecast(ctx, actor, request.params.id));
    });

    // ---- Shift swap and overtime requests ------------------------------------------------------

    const requestStatus = z.enum(['awaiting_colleague', 'pending', 'approved', 'rejected', 'cancelled']);
    const decisionBody = z.strictObject({ note: z.string().trim().max(2000).optional() }).default({});

    app.get('/api/wfm/requests/mine', { config: { access: 'schedule.own' }, schema: tags }, async (request) => {
      const actor = requireActor(request);
      return { items: await presentRequests(db, actor.tenant.id, await listMyRequests(db, actor)) };
    });

    app.get('/api/wfm/requests', { config: { access: 'wfm.read' }, schema: { ...tags, querystring: z.strictObject({ status: requestStatus.optional() }) } }, async (request) => {
      const actor = requireActor(request);
      return { items: await presentRequests(db, actor.tenant.id, await listRequests(db, actor, request.query)) };
    });

    app.post('/api/wfm/requests', {
      config: { access: 'schedule.own' },
      schema: {
        ...tags,
        body: z.discriminatedUnion('kind', [
          z.strictObject({ kind: z.literal('swap'), shiftId: z.string().max(100), colleagueShiftId: z.string().max(100), reason: z.string().trim().max(2000).optional() }),
          z.strictObject({ kind: z.literal('overtime'), date: isoDateSchema, from: clockTime, to: clockTime, reason: z.string().trim().min(1).max(2000) }),
        ]),
      },
    }, async (request, reply) => {
      const actor = requireActor(request);
      const row = await createRequest(ctx, actor, request.body);
      return reply.status(201).send((await presentRequests(db, actor.tenant.id, [row]))[0]);
    });

    const decide = async (tenantId: string, row: Parameters<typeof presentRequests>[2][number]) => (await presentRequests(db, tenantId, [row]))[0];
    app.post('/api/wfm/requests/:id/accept', { config: { access: 'schedule.own' }, schema: { ...tags, params: idParams } }, async (request) => {
      const actor = requireActor(request);
      return decide(actor.tenant.id, await acceptRequest(ctx, actor, request.params.id));
    });
    app.post('/api/wfm/requests/:id/cancel', { config: { access: 'schedule.own' }, schema: { ...tags, params: idParams } }, async (request) => {
      const actor = requireActor(request);
      return decide(actor.tenant.id, await cancelRequest(ctx, actor, request.params.id));
    });
    app.post('/api/wfm/requests/:id/approve', { config: { access: 'wfm.plan' }, schema: { ...tags, params: idParams, body: decisionBody } }, async (request) => {
      const actor = requireActor(request);
      return decide(actor.tenant.id, await approveRequest(ctx, actor, request.params.id, request.body?.note ?? null));
    });
    app.post('/api/wfm/requests/:id/reject', { config: { access: 'wfm.plan' }, schema: { ...tags, params: idParams, body: decisionBody } }, async (request) => {
      const actor = requireActor(request);
      return decide(actor.tenant.id, await rejectRequest(ctx, actor, request.params.id, request.body?.note ?? null));
    });

    // ---- Live break management ---------------------------------------------------------------

    const teamBody = z.strictObject({ teamId: z.string().max(100).optional() }).default({});
    app.post('/api/wfm/breaks', { config: { access: 'schedule.own' }, schema: { ...tags, body: teamBody } }, async (request) =>
      askForBreak(ctx, services, requireActor(request), { ...(request.body?.teamId === undefined ? {} : { teamId: request.body.teamId }) }),
    );
    app.delete('/api/wfm/breaks', { config: { access: 'schedule.own' }, schema: { ...tags, querystring: z.strictObject({ teamId: z.string().max(100).optional() }) } }, async (request) =>
      finishBreak(ctx, services, requireActor(request), { ...(request.query.teamId === undefined ? {} : { teamId: request.query.teamId }) }),
    );
    app.get('/api/wfm/breaks', { config: { access: 'wfm.read' }, schema: { ...tags, querystring: z.strictObject({ teamId: z.string().max(100).optional() }) } }, async (request) =>
      breakBoards(ctx, requireActor(request), request.query.teamId),
    );
    app.put('/api/wfm/breaks/limit', { config: { access: 'wfm.plan' }, schema: { ...tags, body: z.strictObject({ teamId: z.string().max(100), maxOnBreak: z.int().min(0).max(100) }) } }, async (request) =>
      setBreakLimit(ctx, services, requireActor(request), request.body),
    );

    // ---- Attendance and handover notes --------------------------------------------------------

    app.post('/api/wfm/shifts/:id/attendance', {
      config: { access: 'wfm.read' },
      schema: { ...tags, params: idParams, body: z.strictObject({ status: z.enum(['present', 'late', 'absent', 'leave']), minutesLate: z.int().min(0).max(1440).optional(), note: z.string().trim().max(2000).optional() }) },
    }, async (request) => recordAttendance(ctx, requireActor(request), request.params.id, request.body));

    app.post('/api/wfm/shifts/:id/handover', {
      config: { access: 'schedule.own' },
      schema: { ...tags, params: idParams, body: z.strictObject({ note: z.string().trim().min(1).max(4000) }) },
    }, async (request, reply) => reply.status(201).send(await writeHandover(ctx, requireActor(request), request.params.id, request.body.note)));

    app.get('/api/wfm/schedules/:id/attendance', { config: { access: 'wfm.read' }, schema: { ...tags, params: idParams } }, async (request) =>
      scheduleAttendance(ctx, requireActor(request), request.params.id),
    );
  };
}
