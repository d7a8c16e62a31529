/**
 * Agents' shift swap and overtime requests, with approval (issue 6, "Manual edits and approval").
 *
 * - Swap: an agent offers one of their future published shifts for a colleague's in the same team;
 *   the colleague accepts (awaiting_colleague → pending), then a planner approves — the two shifts
 *   exchange agents — or rejects. Either agent may cancel while it is open.
 * - Overtime: an agent asks to work a local day's minutes [from, to); a planner approves or rejects.
 * Every step is audited and recorded in the outbox.
 */
import { and, desc, eq, gt, inArray, lt, ne, or } from 'drizzle-orm';
import { seesOnlyOwnTeams } from '@seatline/shared';
import { auditAction } from '../../org/commands/actor.ts';
import { ledTeamMemberIds, listUsernames } from '../../org/repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { WfmEvents } from '../events.ts';
import { findSchedule, findShift, isUuid, type ShiftRow } from '../repository.ts';
import { wfmRequests, wfmShifts } from '../schema.ts';

export type RequestRow = typeof wfmRequests.$inferSelect;
type RequestStatus = RequestRow['status'];

export type NewRequest =
  | { kind: 'swap'; shiftId: string; colleagueShiftId: string; reason?: string | undefined }
  | { kind: 'overtime'; date: string; from: string; to: string; reason: string };

const invalidSwap = (field: string, message: string) => new AppError('wfm.invalid_swap', 400, { field, message: `${field}: ${message}` });
const closed = (row: RequestRow) => new AppError('wfm.request_closed', 409, { status: row.status, message: `the request is ${row.status}` });
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export async function findRequest(ex: Executor, tenantId: string, id: string): Promise<RequestRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await ex.select().from(wfmRequests).where(and(eq(wfmRequests.tenantId, tenantId), eq(wfmRequests.id, id)));
  return row;
}

/** A shift an agent may still trade: in a published schedule, not yet started. Returns its team. */
async function tradableShift(ctx: AppContext, tenantId: string, id: string, field: string): Promise<{ shift: ShiftRow; teamId: string }> {
  const shift = await findShift(ctx.database.db, tenantId, id);
  if (!shift) throw invalidSwap(field, `no shift ${id}`);
  const schedule = await findSchedule(ctx.database.db, tenantId, shift.scheduleId);
  if (schedule?.status !== 'published') throw invalidSwap(field, 'is not in a published schedule');
  if (shift.startAt.getTime() <= ctx.clock.now()) throw invalidSwap(field, 'has already started');
  return { shift, teamId: schedule.teamId };
}

/** Whether `userId` has another shift of the schedule overlapping [startAt, endAt), other than `except`. */
async function overlaps(ex: Executor, scheduleId: string, userId: string, startAt: Date, endAt: Date, except: string[]) {
  const rows = await ex
    .select({ id: wfmShifts.id })
    .from(wfmShifts)
    .where(and(eq(wfmShifts.scheduleId, scheduleId), eq(wfmShifts.userId, userId), lt(wfmShifts.startAt, endAt), gt(wfmShifts.endAt, startAt), ...except.map((id) => ne(wfmShifts.id, id))));
  return rows.length > 0;
}

async function checkSwap(ctx: AppContext, tenantId: string, requesterId: string, shiftId: string, colleagueShiftId: string) {
  const mine = await tradableShift(ctx, tenantId, shiftId, 'shiftId');
  if (mine.shift.userId !== requesterId) throw invalidSwap('shiftId', 'is not your shift');
  const theirs = await tradableShift(ctx, tenantId, colleagueShiftId, 'colleagueShiftId');
  if (theirs.shift.userId === requesterId) throw invalidSwap('colleagueShiftId', 'is your own shift');
  if (theirs.teamId !== mine.teamId) throw invalidSwap('colleagueShiftId', 'belongs to another team');
  const ids = [mine.shift.id, theirs.shift.id];
  const db = ctx.database.db;
  if (await overlaps(db, theirs.shift.scheduleId, requesterId, theirs.shift.startAt, theirs.shift.endAt, ids)) throw invalidSwap('colleagueShiftId', 'overlaps another of your shifts');
  if (await overlaps(db, mine.shift.scheduleId, theirs.shift.userId, mine.shift.startAt, mine.shift.endAt, ids)) throw invalidSwap('shiftId', 'overlaps another of your colleague’s shifts');
  return { mine: mine.shift, theirs: theirs.shift };
}

export async function createRequest(ctx: AppContext, actor: Actor, input: NewRequest): Promise<RequestRow> {
  const tenantId = actor.tenant.id;
  const now = new Date(ctx.clock.now());
  let values: typeof wfmRequests.$inferInsert;
  if (input.kind === 'swap') {
    const { mine, theirs } = await checkSwap(ctx, tenantId, actor.userId, input.shiftId, input.colleagueShiftId);
    const open = await ctx.database.db
      .select({ id: wfmRequests.id })
      .from(wfmRequests)
      .where(and(eq(wfmRequests.tenantId, tenantId), inArray(wfmRequests.status, ['awaiting_colleague', 'pending']), or(inArray(wfmRequests.shiftId, [mine.id, theirs.id]), inArray(wfmRequests.colleagueShiftId, [mine.id, theirs.id]))));
    if (open.length > 0) throw invalidSwap('shiftId', 'one of the shifts already has an open swap request');
    values = { tenantId, kind: 'swap', status: 'awaiting_colleague', requesterId: actor.userId, shiftId: mine.id, colleagueShiftId: theirs.id, colleagueId: theirs.userId, reason: input.reason ?? null, createdAt: now };
  } else {
    const startMinute = minutesOf(input.from);
    let endMinute = minutesOf(input.to);
    if (endMinute <= startMinute) endMinute += 1440;
    if (endMinute - startMinute > 12 * 60) throw new AppError('wfm.invalid_input', 400, { field: 'to', message: 'to: overtime is at most 12 hours' });
    values = { tenantId, kind: 'overtime', status: 'pending', requesterId: actor.userId, date: input.date, startMinute, endMinute, reason: input.reason, createdAt: now };
  }
  return ctx.uow.run(async (tx, record) => {
    const [row] = await tx.insert(wfmRequests).values(values).returning();
    await record({ type: WfmEvents.requestCreated, tenantId, aggregateId: row!.id, payload: { kind: row!.kind, colleagueId: row!.colleagueId } });
    await auditAction(ctx, tx, actor, 'wfm.request_created', 'wfm_request', row!.id, { kind: row!.kind, shiftId: row!.shiftId, colleagueShiftId: row!.colleagueShiftId, date: row!.date, startMinute: row!.startMinute, endMinute: row!.endMinute });
    return row!;
  });
}

async function transition(
  ctx: AppContext,
  actor: Actor,
  row: RequestRow,
  from: RequestStatus[],
  to: RequestStatus,
  event: string,
  set: Partial<RequestRow>,
  details: Record<string, unknown>,
  extra?: (tx: Executor) => Promise<void>,
): Promise<RequestRow> {
  return ctx.uow.run(async (tx, record) => {
    // The status guard makes concurrent decisions safe: only one of them updates the row.
    const [updated] = await tx
      .update(wfmRequests)
      .set({ ...set, status: to })
      .where(and(eq(wfmRequests.id, row.id), inArray(wfmRequests.status, from)))
      .returning();
    if (!updated) throw closed((await findRequest(tx, actor.tenant.id, row.id)) ?? row);
    if (extra) await extra(tx);
    await record({ type: event, tenantId: actor.tenant.id, aggregateId: row.id, payload: { kind: row.kind, status: to } });
    await auditAction(ctx, tx, actor, `wfm.request_${to === 'pending' ? 'accepted' : to}`, 'wfm_request', row.id, { kind: row.kind, ...details });
    return updated;
  });
}

async function load(ctx: AppContext, actor: Actor, id: string) {
  const row = await findRequest(ctx.database.db, actor.tenant.id, id);
  if (!row) throw notFound();
  return row;
}

/** The colleague accepts a swap offered to them. */
export async function acceptRequest(ctx: AppContext, actor: Actor, id: string) {
  const row = await load(ctx, actor, id);
  if (row.colleagueId !== actor.userId) throw notFound();
  if (row.status !== 'awaiting_colleague') throw closed(row);
  return transition(ctx, actor, row, ['awaiting_colleague'], 'pending', WfmEvents.requestAccepted, { acceptedAt: new Date(ctx.clock.now()) }, {});
}

/** The requester withdraws, or the colleague declines, while the request is open. */
export async function cancelRequest(ctx: AppContext, actor: Actor, id: string) {
  const row = await load(ctx, actor, id);
  if (row.requesterId !== actor.userId && row.colleagueId !== actor.userId) throw notFound();
  if (row.status !== 'awaiting_colleague' && row.status !== 'pending') throw closed(row);
  return transition(ctx, actor, row, ['awaiting_colleague', 'pending'], 'cancelled', WfmEvents.requestCancelled, { decidedAt: new Date(ctx.clock.now()) }, { by: row.requesterId === actor.userId ? 'requester' : 'colleague' });
}

/** A planner approves: a swap exchanges the two shifts' agents (checked again: nothing may have moved since). */
export async function approveRequest(ctx: AppContext, actor: Actor, id: string, note: string | null) {
  const row = await load(ctx, actor, id);
  if (row.status !== 'pending') throw closed(row);
  const now = new Date(ctx.clock.now());
  const decided = { decidedBy: actor.userId, decidedAt: now, decisionNote: note };
  if (row.kind === 'overtime') return transition(ctx, actor, row, ['pending'], 'approved', WfmEvents.requestApproved, decided, { note });
  const mine = await findShift(ctx.database.db, actor.tenant.id, row.shiftId!);
  const theirs = await findShift(ctx.database.db, actor.tenant.id, row.colleagueShiftId!);
  if (!mine || !theirs || mine.userId !== row.requesterId || theirs.userId !== row.colleagueId) throw invalidSwap('shiftId', 'the shifts have changed since the request');
  await checkSwap(ctx, actor.tenant.id, row.requesterId, mine.id, theirs.id);
  return transition(ctx, actor, row, ['pending'], 'approved', WfmEvents.requestApproved, decided, { note, shiftId: mine.id, colleagueShiftId: theirs.id }, async (tx) => {
    await tx.update(wfmShifts).set({ userId: theirs.userId, editedBy: actor.userId, editedAt: now }).where(and(eq(wfmShifts.id, mine.id), eq(wfmShifts.userId, mine.userId)));
    await tx.update(wfmShifts).set({ userId: mine.userId, editedBy: actor.userId, editedAt: now }).where(and(eq(wfmShifts.id, theirs.id), eq(wfmShifts.userId, theirs.userId)));
  });
}

export async function rejectRequest(ctx: AppContext, actor: Actor, id: string, note: string | null) {
  const row = await load(ctx, actor, id);
  if (row.status !== 'pending' && row.status !== 'awaiting_colleague') throw closed(row);
  return transition(ctx, actor, row, ['pending', 'awaiting_colleague'], 'rejected', WfmEvents.requestRejected, { decidedBy: actor.userId, decidedAt: new Date(ctx.clock.now()), decisionNote: note }, { note });
}

/** The caller's requests and those offered to them, newest first. */
export function listMyRequests(ex: Executor, actor: Actor) {
  return ex
    .select()
    .from(wfmRequests)
    .where(and(eq(wfmRequests.tenantId, actor.tenant.id), or(eq(wfmRequests.requesterId, actor.userId), eq(wfmRequests.colleagueId, actor.userId))))
    .orderBy(desc(wfmRequests.createdAt))
    .limit(200);
}

/** Requests for planners (team leaders: their teams' agents only), newest first. */
export async function listRequests(ex: Executor, actor: Actor, filter: { status?: RequestStatus }) {
  const conditions = [eq(wfmRequests.tenantId, actor.tenant.id)];
  if (filter.status) conditions.push(eq(wfmRequests.status, filter.status));
  if (seesOnlyOwnTeams(actor.roles)) conditions.push(inArray(wfmRequests.requesterId, await ledTeamMemberIds(ex, actor.tenant.id, actor.userId)));
  return ex.select().from(wfmRequests).where(and(...conditions)).orderBy(desc(wfmRequests.createdAt)).limit(500);
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());
const shiftSummary = (shift: ShiftRow | undefined) =>
  shift ? { id: shift.id, scheduleId: shift.scheduleId, userId: shift.userId, date: shift.date, startMinute: shift.startMinute, endMinute: shift.endMinute, startAt: shift.startAt.toISOString(), endAt: shift.endAt.toISOString() } : null;

/** Requests as JSON, with usernames and the shifts they concern. */
export async function presentRequests(ex: Executor, tenantId: string, rows: RequestRow[]) {
  const shiftIds = [...new Set(rows.flatMap((row) => [row.shiftId, row.colleagueShiftId]).filter((id): id is string => id !== null))];
  const shifts = shiftIds.length === 0 ? [] : await ex.select().from(wfmShifts).where(and(eq(wfmShifts.tenantId, tenantId), inArray(wfmShifts.id, shiftIds)));
  const names = await listUsernames(ex, [...new Set(rows.flatMap((row) => [row.requesterId, row.colleagueId, row.decidedBy]).filter((id): id is string => id !== null))]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    status: row.status,
    requesterId: row.requesterId,
    requesterUsername: names.get(row.requesterId) ?? null,
    colleagueId: row.colleagueId,
    colleagueUsername: row.colleagueId ? (names.get(row.colleagueId) ?? null) : null,
    shift: shiftSummary(shifts.find((shift) => shift.id === row.shiftId)),
    colleagueShift: shiftSummary(shifts.find((shift) => shift.id === row.colleagueShiftId)),
    date: row.date,
    startMinute: row.startMinute,
    endMinute: row.endMinute,
    reason: row.reason,
    acceptedAt: iso(row.acceptedAt),
    decidedBy: row.decidedBy,
    decidedByUsername: row.decidedBy ? (names.get(row.decidedBy) ?? null) : null,
    decidedAt: iso(row.decidedAt),
    decisionNote: row.decisionNote,
    createdAt: row.createdAt.toISOString(),
  }));
}
