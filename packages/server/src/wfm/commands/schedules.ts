/**
 * Shift templates and schedules. A planner generates a team's schedule for 1–4 weeks from a
 * forecast's staffing plan (agents on the queue per interval), edits shifts by hand and submits it;
 * the call-center manager publishes it (000 §3.2.2: 1.h approves, 2.h makes the schedule) or sends it
 * back. Only published schedules reach agents (my schedule) and adherence.
 *
 * The generator runs during the request, in a worker thread (schedule-runner.ts): it is CPU-bound for
 * seconds to a minute (measured on the 2-core development machine: 2 agents × 1 week well under a
 * second, 60 agents × 4 weeks 23 s, the benchmark's 200 × 4 weeks 11–23 s), and on the main event
 * loop it would stall the live floor's router, which shares this process. MAX_AGENT_WEEKS caps one
 * request at the benchmark's size. docs/wfm-api.md says why this is not a pg-boss job yet.
 */
import { and, eq, gt, lt, ne } from 'drizzle-orm';
import { findTeam } from '../../org/repository.ts';
import { auditAction } from '../../org/commands/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { WfmInputError } from '../domain/errors.ts';
import { type ScheduleAgent, type ScheduledBreak, type ShiftTemplate, type TimeOff } from '../domain/schedule.ts';
import { invalidField, invalidState, toAppError } from '../errors.ts';
import { generateScheduleInWorker } from '../schedule-runner.ts';
import { WfmEvents } from '../events.ts';
import { findForecast, findSchedule, findShift, findShiftTemplate, isUuid, listShiftTemplates, listShiftsOfSchedule } from '../repository.ts';
import { wfmSchedules, wfmShiftTemplates, wfmShifts } from '../schema.ts';
import { addDays, daysBetween, localToInstant } from '../time.ts';

/** Agent-weeks one generation may schedule: the benchmark's 200 agents × 4 weeks. */
export const MAX_AGENT_WEEKS = 800;

// ---------------------------------------------------------------------------------------------
// Shift templates
// ---------------------------------------------------------------------------------------------

export type TemplateInput = Omit<ShiftTemplate, 'id'> & { name: string };

export async function saveShiftTemplate(ctx: AppContext, actor: Actor, id: string | null, input: TemplateInput) {
  const { name, ...template } = input;
  if (template.latestStartMinute < template.earliestStartMinute) throw invalidField('latestStartMinute', 'must not be before earliestStartMinute');
  const meal = template.breaks.meal;
  if (meal && meal.maxMinutes < meal.minMinutes) throw invalidField('breaks.meal.maxMinutes', 'must not be below minMinutes');
  if (meal && meal.latestStartAfterMinutes < meal.earliestStartAfterMinutes) throw invalidField('breaks.meal.latestStartAfterMinutes', 'must not be before earliestStartAfterMinutes');
  if (id !== null && !(await findShiftTemplate(ctx.database.db, actor.tenant.id, id))) throw notFound();
  const now = new Date(ctx.clock.now());
  return ctx.uow.run(async (tx, record) => {
    const clash = await tx
      .select({ id: wfmShiftTemplates.id })
      .from(wfmShiftTemplates)
      .where(and(eq(wfmShiftTemplates.tenantId, actor.tenant.id), eq(wfmShiftTemplates.name, name), ...(id ? [ne(wfmShiftTemplates.id, id)] : [])));
    if (clash.length > 0) throw new AppError('resource.conflict', 409, { field: 'name' });
    const [row] = id
      ? await tx.update(wfmShiftTemplates).set({ name, template, updatedAt: now }).where(eq(wfmShiftTemplates.id, id)).returning()
      : await tx.insert(wfmShiftTemplates).values({ tenantId: actor.tenant.id, name, template, createdAt: now, updatedAt: now }).returning();
    await record({ type: WfmEvents.shiftTemplateSaved, tenantId: actor.tenant.id, aggregateId: row!.id, payload: { name } });
    await auditAction(ctx, tx, actor, 'wfm.shift_template_saved', 'wfm_shift_template', row!.id, { name, created: id === null });
    return row!;
  });
}

/** Schedules keep a copy of the templates they were made with, so a template can go at any time. */
export async function deleteShiftTemplate(ctx: AppContext, actor: Actor, id: string) {
  const template = await findShiftTemplate(ctx.database.db, actor.tenant.id, id);
  if (!template) throw notFound();
  await ctx.uow.run(async (tx, record) => {
    await tx.delete(wfmShiftTemplates).where(eq(wfmShiftTemplates.id, id));
    await record({ type: WfmEvents.shiftTemplateDeleted, tenantId: actor.tenant.id, aggregateId: id, payload: { name: template.name } });
    await auditAction(ctx, tx, actor, 'wfm.shift_template_deleted', 'wfm_shift_template', id, { name: template.name });
  });
}

// ---------------------------------------------------------------------------------------------
// Generation
// ---------------------------------------------------------------------------------------------

export interface ContractInput {
  contractHoursPerWeek?: number;
  minHoursPerWeek?: number;
  maxDaysPerWeek?: number;
  fixedDaysOff?: number[];
  templateIds?: string[];
  timeOff?: TimeOff[];
}

export interface GenerateInput {
  teamId: string;
  forecastId: string;
  startDate: string;
  weeks: number;
  templateIds?: string[];
  /** Applies to every member without an entry in `agents`; default 40 h over at most 5 days. */
  defaultContract: ContractInput;
  agents: (ContractInput & { userId: string })[];
  minRestBetweenShiftsMinutes?: number;
  seed?: number;
}

function contractOf(userId: string, contract: ContractInput, fallback: ContractInput): ScheduleAgent {
  const merged = { ...fallback, ...contract };
  return {
    id: userId,
    contractHoursPerWeek: merged.contractHoursPerWeek ?? 40,
    ...(merged.minHoursPerWeek === undefined ? {} : { minHoursPerWeek: merged.minHoursPerWeek }),
    ...(merged.maxDaysPerWeek === undefined ? {} : { maxDaysPerWeek: merged.maxDaysPerWeek }),
    ...(merged.fixedDaysOff === undefined ? {} : { fixedDaysOff: merged.fixedDaysOff }),
    ...(merged.templateIds === undefined ? {} : { templateIds: merged.templateIds }),
    ...(merged.timeOff === undefined ? {} : { timeOff: merged.timeOff }),
  };
}

export async function generateTeamSchedule(ctx: AppContext, actor: Actor, input: GenerateInput) {
  const db = ctx.database.db;
  const tenantId = actor.tenant.id;
  const team = isUuid(input.teamId) ? await findTeam(db, tenantId, input.teamId) : undefined;
  if (!team) throw invalidField('teamId', `no team ${input.teamId}`);
  if (team.memberIds.length === 0) throw invalidField('teamId', `team "${team.name}" has no members`);
  const forecast = await findForecast(db, tenantId, input.forecastId);
  if (!forecast) throw invalidField('forecastId', `no forecast ${input.forecastId}`);
  if (!forecast.staffingPlan) throw invalidField('forecastId', 'the forecast has no staffing plan yet (POST /api/wfm/forecasts/:id/staffing)');
  const offset = daysBetween(forecast.startDate, input.startDate);
  if (offset < 0 || offset + input.weeks * 7 > forecast.horizonDays) {
    throw invalidField('startDate', `the schedule must lie within the forecast (${forecast.startDate} to ${addDays(forecast.startDate, forecast.horizonDays - 1)})`);
  }
  const members = new Set(team.memberIds);
  input.agents.forEach((agent, index) => {
    if (!members.has(agent.userId)) throw invalidField(`agents[${index}].userId`, `is not a member of team "${team.name}"`);
  });
  const agentWeeks = team.memberIds.length * input.weeks;
  if (agentWeeks > MAX_AGENT_WEEKS) {
    throw new AppError('wfm.too_large', 400, { field: 'weeks', message: `${team.memberIds.length} agents × ${input.weeks} weeks = ${agentWeeks} agent-weeks; at most ${MAX_AGENT_WEEKS} at a time` });
  }
  const templateRows = await listShiftTemplates(db, tenantId, input.templateIds);
  if (input.templateIds) {
    input.templateIds.forEach((id, index) => {
      if (!templateRows.some((row) => row.id === id)) throw invalidField(`templateIds[${index}]`, `no shift template ${id}`);
    });
  }
  if (templateRows.length === 0) throw invalidField('templateIds', 'there are no shift templates: create one first');
  const templates: ShiftTemplate[] = templateRows.map((row) => ({ id: row.id, ...row.template }));

  const perDay = 1440 / forecast.intervalMinutes;
  const requirement = forecast.staffingPlan.rawAgents.slice(offset * perDay, (offset + input.weeks * 7) * perDay);
  const byUser = new Map(input.agents.map((agent) => [agent.userId, agent]));
  const userIds = [...team.memberIds].sort();
  const agents = userIds.map((userId) => contractOf(userId, byUser.get(userId) ?? {}, input.defaultContract));
  const options = { seed: input.seed ?? 1 };
  const started = Date.now();
  const result = await generateScheduleInWorker(
    {
      startDate: input.startDate,
      weeks: input.weeks,
      intervalMinutes: forecast.intervalMinutes,
      requirement,
      templates,
      agents,
      ...(input.minRestBetweenShiftsMinutes === undefined ? {} : { minRestBetweenShiftsMinutes: input.minRestBetweenShiftsMinutes }),
    },
    options,
  ).catch((error: unknown) => {
    // Name the person or template behind an index, so the form can point at it.
    if (error instanceof WfmInputError) {
      const agent = /^agents\[(\d+)\]/.exec(error.field);
      const template = /^templates\[(\d+)\]/.exec(error.field);
      const who = agent ? { userId: userIds[Number(agent[1])] } : template ? { templateId: templates[Number(template[1])]?.id, templateName: templateRows[Number(template[1])]?.name } : {};
      throw new AppError(error.code, 400, { field: error.field, message: error.message, ...who });
    }
    throw toAppError(error);
  });
  const elapsedMs = Date.now() - started;

  const now = new Date(ctx.clock.now());
  const id = await ctx.uow.run(async (tx, record) => {
    const [schedule] = await tx
      .insert(wfmSchedules)
      .values({
        tenantId,
        teamId: team.id,
        forecastId: forecast.id,
        status: 'draft',
        startDate: input.startDate,
        weeks: input.weeks,
        intervalMinutes: forecast.intervalMinutes,
        timeZone: forecast.timeZone,
        input: { agents, templates, ...(input.minRestBetweenShiftsMinutes === undefined ? {} : { minRestBetweenShiftsMinutes: input.minRestBetweenShiftsMinutes }), options, sweeps: result.sweeps, elapsedMs },
        requirement,
        metrics: result.metrics,
        createdBy: actor.userId,
        createdAt: now,
      })
      .returning({ id: wfmSchedules.id });
    const rows = result.shifts.map((shift) => ({
      tenantId,
      scheduleId: schedule!.id,
      userId: shift.agentId,
      date: shift.date,
      templateId: shift.templateId,
      startMinute: shift.startMinute,
      endMinute: shift.endMinute,
      startAt: new Date(localToInstant(shift.date, shift.startMinute, forecast.timeZone)),
      endAt: new Date(localToInstant(shift.date, shift.endMinute, forecast.timeZone)),
      paidMinutes: shift.paidMinutes,
      breaks: shift.breaks,
    }));
    for (let i = 0; i < rows.length; i += 500) await tx.insert(wfmShifts).values(rows.slice(i, i + 500));
    await record({ type: WfmEvents.scheduleGenerated, tenantId, aggregateId: schedule!.id, payload: { teamId: team.id, forecastId: forecast.id, startDate: input.startDate, weeks: input.weeks, shifts: rows.length } });
    await auditAction(ctx, tx, actor, 'wfm.schedule_generated', 'wfm_schedule', schedule!.id, { team: team.name, startDate: input.startDate, weeks: input.weeks, shifts: rows.length, underCoveredIntervals: result.metrics.underCoveredIntervals });
    return schedule!.id;
  });
  return (await findSchedule(db, tenantId, id))!;
}

// ---------------------------------------------------------------------------------------------
// Manual edits
// ---------------------------------------------------------------------------------------------

export interface ShiftEdit {
  userId?: string;
  date?: string;
  startMinute?: number;
  endMinute?: number;
  breaks?: ScheduledBreak[];
}

/**
 * A planner's change to one shift: move it, give it to another team member (a swap is two edits),
 * or change its breaks. Editing a submitted schedule returns it to draft; a published one is final.
 */
export async function editShift(ctx: AppContext, actor: Actor, shiftId: string, edit: ShiftEdit) {
  const db = ctx.database.db;
  const shift = await findShift(db, actor.tenant.id, shiftId);
  if (!shift) throw notFound();
  const schedule = (await findSchedule(db, actor.tenant.id, shift.scheduleId))!;
  if (schedule.status === 'published' || schedule.status === 'superseded') throw invalidState(`the schedule is ${schedule.status}; generate a new one to change it`, { status: schedule.status });
  const next = {
    userId: edit.userId ?? shift.userId,
    date: edit.date ?? shift.date,
    startMinute: edit.startMinute ?? shift.startMinute,
    endMinute: edit.endMinute ?? shift.endMinute,
    breaks: edit.breaks ?? shift.breaks,
  };
  if (next.userId !== shift.userId) {
    const team = await findTeam(db, actor.tenant.id, schedule.teamId);
    if (!team?.memberIds.includes(next.userId)) throw invalidField('userId', 'is not a member of the schedule’s team');
  }
  const dayOffset = daysBetween(schedule.startDate, next.date);
  if (dayOffset < 0 || dayOffset >= schedule.weeks * 7) throw invalidField('date', `must lie within the schedule (${schedule.startDate} to ${addDays(schedule.startDate, schedule.weeks * 7 - 1)})`);
  if (!(next.startMinute >= 0 && next.startMinute < 1440)) throw invalidField('startMinute', 'must be within the day (0–1439)');
  if (!(next.endMinute > next.startMinute && next.endMinute - next.startMinute <= 16 * 60)) throw invalidField('endMinute', 'must be after startMinute, at most 16 hours later');
  const breaks = [...next.breaks].sort((a, b) => a.startMinute - b.startMinute);
  breaks.forEach((pause, index) => {
    if (!(pause.startMinute >= next.startMinute && pause.endMinute <= next.endMinute && pause.endMinute > pause.startMinute)) throw invalidField(`breaks[${index}]`, 'must lie inside the shift');
    const previous = breaks[index - 1];
    if (previous && pause.startMinute < previous.endMinute) throw invalidField(`breaks[${index}]`, 'overlaps another break');
  });
  const startAt = new Date(localToInstant(next.date, next.startMinute, schedule.timeZone));
  const endAt = new Date(localToInstant(next.date, next.endMinute, schedule.timeZone));
  const clash = await db
    .select({ id: wfmShifts.id, date: wfmShifts.date })
    .from(wfmShifts)
    .where(and(eq(wfmShifts.scheduleId, schedule.id), eq(wfmShifts.userId, next.userId), ne(wfmShifts.id, shift.id), lt(wfmShifts.startAt, endAt), gt(wfmShifts.endAt, startAt)));
  if (clash.length > 0) throw invalidField('startMinute', `overlaps the agent’s shift on ${clash[0]!.date}`);
  const unpaid = breaks.filter((pause) => !pause.paid).reduce((sum, pause) => sum + pause.endMinute - pause.startMinute, 0);
  const now = new Date(ctx.clock.now());
  await ctx.uow.run(async (tx, record) => {
    await tx
      .update(wfmShifts)
      .set({ ...next, breaks, startAt, endAt, paidMinutes: next.endMinute - next.startMinute - unpaid, editedBy: actor.userId, editedAt: now })
      .where(eq(wfmShifts.id, shift.id));
    if (schedule.status === 'submitted') await tx.update(wfmSchedules).set({ status: 'draft', submittedAt: null, submittedBy: null }).where(eq(wfmSchedules.id, schedule.id));
    await record({ type: WfmEvents.shiftEdited, tenantId: actor.tenant.id, aggregateId: schedule.id, payload: { shiftId: shift.id } });
    await auditAction(ctx, tx, actor, 'wfm.shift_edited', 'wfm_shift', shift.id, {
      scheduleId: schedule.id,
      before: { userId: shift.userId, date: shift.date, startMinute: shift.startMinute, endMinute: shift.endMinute },
      after: { userId: next.userId, date: next.date, startMinute: next.startMinute, endMinute: next.endMinute },
    });
  });
  return (await findShift(db, actor.tenant.id, shift.id))!;
}

// ---------------------------------------------------------------------------------------------
// Approval
// ---------------------------------------------------------------------------------------------

type Transition = 'submit' | 'publish' | 'reject';

const ALLOWED: Record<Transition, string[]> = { submit: ['draft'], publish: ['draft', 'submitted'], reject: ['submitted'] };

export async function changeScheduleStatus(ctx: AppContext, actor: Actor, scheduleId: string, transition: Transition, note: string | null = null) {
  const db = ctx.database.db;
  const schedule = await findSchedule(db, actor.tenant.id, scheduleId);
  if (!schedule) throw notFound();
  if (!ALLOWED[transition].includes(schedule.status)) throw invalidState(`a ${schedule.status} schedule cannot be ${transition === 'submit' ? 'submitted' : `${transition}ed`}`, { status: schedule.status });
  if (transition !== 'reject' && (await listShiftsOfSchedule(db, actor.tenant.id, schedule.id)).length === 0) throw invalidState('the schedule has no shifts');
  const now = new Date(ctx.clock.now());
  await ctx.uow.run(async (tx, record) => {
    if (transition === 'submit') {
      await tx.update(wfmSchedules).set({ status: 'submitted', submittedBy: actor.userId, submittedAt: now, note }).where(eq(wfmSchedules.id, schedule.id));
      await record({ type: WfmEvents.scheduleSubmitted, tenantId: actor.tenant.id, aggregateId: schedule.id, payload: {} });
    } else if (transition === 'reject') {
      await tx.update(wfmSchedules).set({ status: 'draft', note }).where(eq(wfmSchedules.id, schedule.id));
      await record({ type: WfmEvents.scheduleRejected, tenantId: actor.tenant.id, aggregateId: schedule.id, payload: { note } });
    } else {
      // The newly published schedule replaces the team's earlier published ones it overlaps.
      const end = addDays(schedule.startDate, schedule.weeks * 7);
      const published = await tx
        .select({ id: wfmSchedules.id, startDate: wfmSchedules.startDate, weeks: wfmSchedules.weeks })
        .from(wfmSchedules)
        .where(and(eq(wfmSchedules.tenantId, actor.tenant.id), eq(wfmSchedules.teamId, schedule.teamId), eq(wfmSchedules.status, 'published')));
      for (const earlier of published) {
        if (earlier.startDate < end && addDays(earlier.startDate, earlier.weeks * 7) > schedule.startDate) {
          await tx.update(wfmSchedules).set({ status: 'superseded' }).where(eq(wfmSchedules.id, earlier.id));
        }
      }
      await tx.update(wfmSchedules).set({ status: 'published', publishedBy: actor.userId, publishedAt: now, ...(note === null ? {} : { note }) }).where(eq(wfmSchedules.id, schedule.id));
      await record({ type: WfmEvents.schedulePublished, tenantId: actor.tenant.id, aggregateId: schedule.id, payload: { teamId: schedule.teamId, startDate: schedule.startDate, weeks: schedule.weeks } });
    }
    await auditAction(ctx, tx, actor, `wfm.schedule_${transition === 'submit' ? 'submitted' : `${transition}ed`}`, 'wfm_schedule', schedule.id, { note });
  });
  return (await findSchedule(db, actor.tenant.id, schedule.id))!;
}
