/**
 * Live break management (issue 6, "Break management"): at most a team's `maxOnBreak` agents
 * (default 2) on break at once; requests beyond it wait and are granted first come, first served as
 * breaks end. The queue lives in wfm_breaks, so a restart loses nothing; each team's changes take a
 * transaction-scoped advisory lock so two requests cannot both take the last place. A granted agent
 * is put not ready (break) through the contact center; if their desktop is not connected the grant is
 * only recorded.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { seesOnlyOwnTeams } from '@seatline/shared';
import { listTeams, listUsernames } from '../../org/repository.ts';
import { auditAction } from '../../org/commands/actor.ts';
import type { Services } from '../../platform/boot.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { Executor } from '../../platform/db/database.ts';
import { type BreakGrant, type BreakQueue, cancelBreakRequest, endBreak, requestBreak, setMaxOnBreak } from '../domain/adherence.ts';
import { invalidField } from '../errors.ts';
import { WfmEvents } from '../events.ts';
import { isUuid } from '../repository.ts';
import { wfmBreaks, wfmTeamSettings } from '../schema.ts';

export const DEFAULT_MAX_ON_BREAK = 2;
type BreakRow = typeof wfmBreaks.$inferSelect;

async function maxOnBreakOf(ex: Executor, tenantId: string, teamId: string): Promise<number> {
  const [row] = await ex.select().from(wfmTeamSettings).where(and(eq(wfmTeamSettings.tenantId, tenantId), eq(wfmTeamSettings.teamId, teamId)));
  return row?.maxOnBreak ?? DEFAULT_MAX_ON_BREAK;
}

async function openBreaks(ex: Executor, tenantId: string, teamId: string): Promise<BreakRow[]> {
  return ex
    .select()
    .from(wfmBreaks)
    .where(and(eq(wfmBreaks.tenantId, tenantId), eq(wfmBreaks.teamId, teamId), inArray(wfmBreaks.status, ['waiting', 'on_break'])))
    .orderBy(asc(wfmBreaks.requestedAt), asc(wfmBreaks.id));
}

/** Takes the team's lock and loads its queue, inside the caller's transaction. */
async function lockedQueue(tx: Executor, tenantId: string, teamId: string): Promise<{ queue: BreakQueue; rows: BreakRow[] }> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`wfm_breaks:${teamId}`}))`);
  const [rows, maxOnBreak] = await Promise.all([openBreaks(tx, tenantId, teamId), maxOnBreakOf(tx, tenantId, teamId)]);
  return {
    rows,
    queue: {
      maxOnBreak,
      onBreak: rows.filter((row) => row.status === 'on_break').map((row) => ({ agentId: row.userId, since: row.startedAt!.getTime() })),
      waiting: rows.filter((row) => row.status === 'waiting').map((row) => ({ agentId: row.userId, requestedAt: row.requestedAt.getTime() })),
    },
  };
}

/** The team whose break queue an agent joins: the one given (they must be a member) or their first. */
async function teamOf(ctx: AppContext, actor: Actor, teamId?: string): Promise<string> {
  const teams = (await listTeams(ctx.database.db, actor.tenant.id)).filter((team) => team.memberIds.includes(actor.userId));
  if (teamId !== undefined) {
    if (!isUuid(teamId) || !teams.some((team) => team.id === teamId)) throw invalidField('teamId', 'is not one of your teams');
    return teamId;
  }
  const first = teams[0];
  if (!first) throw new AppError('wfm.not_team_member', 400, { message: 'you belong to no team' });
  return first.id;
}

/** Marks granted waiters on break, inside the transaction. */
async function markGranted(tx: Executor, rows: BreakRow[], granted: BreakGrant[]) {
  for (const grant of granted) {
    const row = rows.find((item) => item.userId === grant.agentId && item.status === 'waiting');
    if (row) await tx.update(wfmBreaks).set({ status: 'on_break', startedAt: new Date(grant.at) }).where(eq(wfmBreaks.id, row.id));
  }
}

/** After commit: the contact center puts granted agents not ready (break); a desktop not connected is only recorded. */
async function putOnBreak(ctx: AppContext, services: Pick<Services, 'contacts'>, tenantId: string, teamId: string, agentIds: string[]) {
  const results: Record<string, boolean> = {};
  for (const agentId of agentIds) {
    const ok = await services.contacts.agentCommand(tenantId, agentId, { type: 'set_not_ready', reason: 'break' }).then(() => true, () => false);
    results[agentId] = ok;
    await ctx.database.db
      .update(wfmBreaks)
      .set({ notReady: ok })
      .where(and(eq(wfmBreaks.tenantId, tenantId), eq(wfmBreaks.teamId, teamId), eq(wfmBreaks.userId, agentId), eq(wfmBreaks.status, 'on_break')));
  }
  return results;
}

export async function askForBreak(ctx: AppContext, services: Pick<Services, 'contacts'>, actor: Actor, input: { teamId?: string }) {
  const tenantId = actor.tenant.id;
  const teamId = await teamOf(ctx, actor, input.teamId);
  const at = ctx.clock.now();
  const result = await ctx.uow.run(async (tx, record) => {
    const { queue } = await lockedQueue(tx, tenantId, teamId);
    const outcome = requestBreak(queue, actor.userId, at);
    if (outcome.outcome === 'granted' || outcome.outcome === 'queued') {
      const granted = outcome.outcome === 'granted';
      await tx.insert(wfmBreaks).values({ tenantId, teamId, userId: actor.userId, status: granted ? 'on_break' : 'waiting', requestedAt: new Date(at), startedAt: granted ? new Date(at) : null });
      await record({ type: granted ? WfmEvents.breakGranted : WfmEvents.breakRequested, tenantId, aggregateId: teamId, payload: { agentId: actor.userId, ...(outcome.position ? { position: outcome.position } : {}) } });
      await auditAction(ctx, tx, actor, granted ? 'wfm.break_granted' : 'wfm.break_queued', 'team', teamId, { agentId: actor.userId, ...(outcome.position ? { position: outcome.position } : {}) });
    }
    return outcome;
  });
  const notReady = result.outcome === 'granted' ? (await putOnBreak(ctx, services, tenantId, teamId, [actor.userId]))[actor.userId] : undefined;
  return { teamId, outcome: result.outcome, ...(result.position ? { position: result.position } : {}), ...(notReady === undefined ? {} : { notReady }), board: await breakBoard(ctx, tenantId, teamId) };
}

/** Ends the caller's break (or withdraws their waiting request); freed places go to the longest waiting. */
export async function finishBreak(ctx: AppContext, services: Pick<Services, 'contacts'>, actor: Actor, input: { teamId?: string }) {
  const tenantId = actor.tenant.id;
  const teamId = await teamOf(ctx, actor, input.teamId);
  const at = ctx.clock.now();
  const result = await ctx.uow.run(async (tx, record) => {
    const { queue, rows } = await lockedQueue(tx, tenantId, teamId);
    const mine = rows.find((row) => row.userId === actor.userId);
    if (!mine) throw new AppError('wfm.no_break', 409, { message: 'you have no break under way or waiting' });
    let granted: BreakGrant[] = [];
    if (mine.status === 'on_break') granted = endBreak(queue, actor.userId, at).granted;
    else cancelBreakRequest(queue, actor.userId);
    const ended = mine.status === 'on_break' ? 'ended' : 'cancelled';
    await tx.update(wfmBreaks).set({ status: ended, endedAt: new Date(at) }).where(eq(wfmBreaks.id, mine.id));
    await markGranted(tx, rows, granted);
    await record({ type: WfmEvents.breakEnded, tenantId, aggregateId: teamId, payload: { agentId: actor.userId, status: ended, granted: granted.map((grant) => grant.agentId) } });
    await auditAction(ctx, tx, actor, ended === 'ended' ? 'wfm.break_ended' : 'wfm.break_cancelled', 'team', teamId, { agentId: actor.userId, granted: granted.map((grant) => grant.agentId) });
    for (const grant of granted) await record({ type: WfmEvents.breakGranted, tenantId, aggregateId: teamId, payload: { agentId: grant.agentId } });
    return { ended, granted: granted.map((grant) => grant.agentId) };
  });
  await putOnBreak(ctx, services, tenantId, teamId, result.granted);
  return { teamId, status: result.ended, granted: result.granted, board: await breakBoard(ctx, tenantId, teamId) };
}

/** A planner sets a team's limit; raising it grants waiting requests at once, lowering it ends no break. */
export async function setBreakLimit(ctx: AppContext, services: Pick<Services, 'contacts'>, actor: Actor, input: { teamId: string; maxOnBreak: number }) {
  const tenantId = actor.tenant.id;
  const team = isUuid(input.teamId) ? (await listTeams(ctx.database.db, tenantId, [input.teamId]))[0] : undefined;
  if (!team) throw invalidField('teamId', `no team ${input.teamId}`);
  const at = ctx.clock.now();
  const granted = await ctx.uow.run(async (tx, record) => {
    const { queue, rows } = await lockedQueue(tx, tenantId, team.id);
    const next = setMaxOnBreak(queue, input.maxOnBreak, at);
    await tx
      .insert(wfmTeamSettings)
      .values({ tenantId, teamId: team.id, maxOnBreak: input.maxOnBreak, updatedAt: new Date(at) })
      .onConflictDoUpdate({ target: wfmTeamSettings.teamId, set: { maxOnBreak: input.maxOnBreak, updatedAt: new Date(at) } });
    await markGranted(tx, rows, next.granted);
    await record({ type: WfmEvents.breakLimitSet, tenantId, aggregateId: team.id, payload: { maxOnBreak: input.maxOnBreak } });
    for (const grant of next.granted) await record({ type: WfmEvents.breakGranted, tenantId, aggregateId: team.id, payload: { agentId: grant.agentId } });
    await auditAction(ctx, tx, actor, 'wfm.break_limit_set', 'team', team.id, { before: queue.maxOnBreak, after: input.maxOnBreak });
    return next.granted.map((grant) => grant.agentId);
  });
  await putOnBreak(ctx, services, tenantId, team.id, granted);
  return breakBoard(ctx, tenantId, team.id);
}

/** Who is on break and who waits, in order. */
export async function breakBoard(ctx: AppContext, tenantId: string, teamId: string) {
  const db = ctx.database.db;
  const [rows, maxOnBreak] = await Promise.all([openBreaks(db, tenantId, teamId), maxOnBreakOf(db, tenantId, teamId)]);
  const names = await listUsernames(db, rows.map((row) => row.userId));
  const now = ctx.clock.now();
  return {
    teamId,
    maxOnBreak,
    onBreak: rows
      .filter((row) => row.status === 'on_break')
      .map((row) => ({ agentId: row.userId, username: names.get(row.userId) ?? null, since: row.startedAt!.toISOString(), minutes: Math.floor((now - row.startedAt!.getTime()) / 60_000), notReady: row.notReady })),
    waiting: rows
      .filter((row) => row.status === 'waiting')
      .map((row, index) => ({ agentId: row.userId, username: names.get(row.userId) ?? null, requestedAt: row.requestedAt.toISOString(), position: index + 1 })),
  };
}

/** Break boards of the tenant's teams, or of one (team leaders: the teams they lead). */
export async function breakBoards(ctx: AppContext, actor: Actor, teamId?: string) {
  let teams = await listTeams(ctx.database.db, actor.tenant.id);
  if (teamId !== undefined) {
    teams = teams.filter((team) => isUuid(teamId) && team.id === teamId);
    if (teams.length === 0) throw invalidField('teamId', `no team ${teamId}`);
  }
  if (seesOnlyOwnTeams(actor.roles)) teams = teams.filter((team) => team.leaderId === actor.userId);
  return { items: await Promise.all(teams.map((team) => breakBoard(ctx, actor.tenant.id, team.id).then((board) => ({ ...board, teamName: team.name })))) };
}
