/**
 * Attendance records and handover notes per shift (issue 6, "Attendance"; 004 §2). A planner or the
 * schedule team's leader records whether the agent was present, late, absent or on leave; the
 * shift's agent or the leader writes a handover note for the next shift.
 */
import { and, asc, eq } from 'drizzle-orm';
import { findTeam, listUsernames } from '../../org/repository.ts';
import { auditAction } from '../../org/commands/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { invalidField } from '../errors.ts';
import { WfmEvents } from '../events.ts';
import { findSchedule, findShift, listShiftsOfSchedule } from '../repository.ts';
import { wfmAttendance, wfmHandovers } from '../schema.ts';

export type AttendanceStatus = (typeof wfmAttendance.$inferSelect)['status'];

const notOwner = () => new AppError('wfm.not_shift_owner', 403, { message: 'only the shift’s agent or team leader may do this' });

async function shiftWithTeam(ctx: AppContext, actor: Actor, shiftId: string) {
  const shift = await findShift(ctx.database.db, actor.tenant.id, shiftId);
  if (!shift) throw notFound();
  const schedule = (await findSchedule(ctx.database.db, actor.tenant.id, shift.scheduleId))!;
  const team = await findTeam(ctx.database.db, actor.tenant.id, schedule.teamId);
  return { shift, schedule, leads: team?.leaderId === actor.userId };
}

export async function recordAttendance(ctx: AppContext, actor: Actor, shiftId: string, input: { status: AttendanceStatus; minutesLate?: number | undefined; note?: string | undefined }) {
  const { shift, schedule, leads } = await shiftWithTeam(ctx, actor, shiftId);
  if (!actor.permissions.has('wfm.plan') && !leads) throw notOwner();
  if (schedule.status !== 'published') throw new AppError('wfm.invalid_state', 409, { message: 'attendance is recorded on published schedules only', status: schedule.status });
  const minutesLate = input.status === 'late' ? (input.minutesLate ?? 0) : 0;
  if (input.status === 'late' && minutesLate < 1) throw invalidField('minutesLate', 'must be at least 1 when late');
  const now = new Date(ctx.clock.now());
  const values = { status: input.status, minutesLate, note: input.note ?? null, recordedBy: actor.userId, recordedAt: now };
  await ctx.uow.run(async (tx, record) => {
    await tx.insert(wfmAttendance).values({ shiftId: shift.id, tenantId: actor.tenant.id, scheduleId: schedule.id, ...values }).onConflictDoUpdate({ target: wfmAttendance.shiftId, set: values });
    await record({ type: WfmEvents.attendanceRecorded, tenantId: actor.tenant.id, aggregateId: schedule.id, payload: { shiftId: shift.id, userId: shift.userId, status: input.status, minutesLate } });
    await auditAction(ctx, tx, actor, 'wfm.attendance_recorded', 'wfm_shift', shift.id, { userId: shift.userId, status: input.status, minutesLate });
  });
  return { shiftId: shift.id, userId: shift.userId, ...values, recordedAt: now.toISOString() };
}

export async function writeHandover(ctx: AppContext, actor: Actor, shiftId: string, note: string) {
  const { shift, schedule, leads } = await shiftWithTeam(ctx, actor, shiftId);
  if (shift.userId !== actor.userId && !leads) throw notOwner();
  const now = new Date(ctx.clock.now());
  const row = await ctx.uow.run(async (tx, record) => {
    const [inserted] = await tx.insert(wfmHandovers).values({ tenantId: actor.tenant.id, scheduleId: schedule.id, shiftId: shift.id, authorId: actor.userId, note, createdAt: now }).returning();
    await record({ type: WfmEvents.handoverWritten, tenantId: actor.tenant.id, aggregateId: schedule.id, payload: { shiftId: shift.id, handoverId: inserted!.id } });
    await auditAction(ctx, tx, actor, 'wfm.handover_written', 'wfm_shift', shift.id, { handoverId: inserted!.id });
    return inserted!;
  });
  return { id: row.id, shiftId: row.shiftId, authorId: row.authorId, authorUsername: actor.username, note: row.note, createdAt: row.createdAt.toISOString() };
}

/** Each shift of a schedule with its attendance record (or null) and handover notes, in shift order. */
export async function scheduleAttendance(ctx: AppContext, actor: Actor, scheduleId: string) {
  const db = ctx.database.db;
  const tenantId = actor.tenant.id;
  const schedule = await findSchedule(db, tenantId, scheduleId);
  if (!schedule) throw notFound();
  const [shifts, records, notes] = await Promise.all([
    listShiftsOfSchedule(db, tenantId, schedule.id),
    db.select().from(wfmAttendance).where(and(eq(wfmAttendance.tenantId, tenantId), eq(wfmAttendance.scheduleId, schedule.id))),
    db.select().from(wfmHandovers).where(and(eq(wfmHandovers.tenantId, tenantId), eq(wfmHandovers.scheduleId, schedule.id))).orderBy(asc(wfmHandovers.createdAt)),
  ]);
  const names = await listUsernames(db, [...new Set([...shifts.map((shift) => shift.userId), ...records.map((r) => r.recordedBy), ...notes.map((n) => n.authorId)])]);
  return {
    scheduleId: schedule.id,
    items: shifts.map((shift) => {
      const attendance = records.find((item) => item.shiftId === shift.id);
      return {
        shiftId: shift.id,
        userId: shift.userId,
        username: names.get(shift.userId) ?? null,
        date: shift.date,
        startAt: shift.startAt.toISOString(),
        endAt: shift.endAt.toISOString(),
        attendance: attendance
          ? { status: attendance.status, minutesLate: attendance.minutesLate, note: attendance.note, recordedBy: attendance.recordedBy, recordedByUsername: names.get(attendance.recordedBy) ?? null, recordedAt: attendance.recordedAt.toISOString() }
          : null,
        handovers: notes
          .filter((item) => item.shiftId === shift.id)
          .map((item) => ({ id: item.id, authorId: item.authorId, authorUsername: names.get(item.authorId) ?? null, note: item.note, createdAt: item.createdAt.toISOString() })),
      };
    }),
  };
}
