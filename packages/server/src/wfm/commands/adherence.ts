/**
 * Adherence for one local day: the published schedule's activities (work, rest break, meal) against
 * the agent state log, per agent and team, with out-of-adherence alerts past the grace period. For
 * today the window ends now, so ongoing stretches show as such. Team leaders see their teams only.
 */
import { seesOnlyOwnTeams } from '@seatline/shared';
import { ledTeamMemberIds, listTeams, listUsernames } from '../../org/repository.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { listAgentStateChanges } from '../../routing/repository.ts';
import { adherenceReport, type ActivityKind, type ScheduledActivity, type StateInterval } from '../domain/adherence.ts';
import { domain, invalidField } from '../errors.ts';
import { isUuid, listPublishedShifts, type ShiftRow } from '../repository.ts';
import { localToInstant, requireTimeZone } from '../time.ts';

/** Router statuses (and not-ready reasons) → scheduled activities; null never adheres. */
export const STATE_ACTIVITY: Readonly<Record<string, ActivityKind | null>> = {
  ready: 'work',
  reserved: 'work',
  busy: 'work',
  wrap_up: 'work',
  offline: 'off',
  'not_ready:break': 'break',
  'not_ready:meal': 'meal',
  'not_ready:meeting': 'meeting',
  'not_ready:training': 'training',
  'not_ready:coaching': 'training',
  'not_ready:outbound': 'work',
  'not_ready:missed': null,
  'not_ready:rejected': null,
  'not_ready:login': null,
  'not_ready:disconnected': null,
};

/** A shift as activities: work between its breaks, each break a rest break or the meal. */
export function activitiesOf(shift: ShiftRow, timeZone: string): ScheduledActivity[] {
  const at = (minute: number) => localToInstant(shift.date, minute, timeZone);
  const activities: ScheduledActivity[] = [];
  let cursor = shift.startMinute;
  for (const pause of [...shift.breaks].sort((a, b) => a.startMinute - b.startMinute)) {
    if (pause.startMinute > cursor) activities.push({ agentId: shift.userId, kind: 'work', start: at(cursor), end: at(pause.startMinute) });
    activities.push({ agentId: shift.userId, kind: pause.kind === 'meal' ? 'meal' : 'break', start: at(pause.startMinute), end: at(pause.endMinute) });
    cursor = pause.endMinute;
  }
  if (shift.endMinute > cursor) activities.push({ agentId: shift.userId, kind: 'work', start: at(cursor), end: at(shift.endMinute) });
  return activities;
}

export async function dayAdherence(ctx: AppContext, actor: Actor, input: { date: string; teamId?: string; timeZone: string; graceMinutes: number }) {
  const db = ctx.database.db;
  const tenantId = actor.tenant.id;
  const timeZone = await domain(() => requireTimeZone(input.timeZone));
  const from = await domain(() => localToInstant(input.date, 0, timeZone));
  const to = Math.min(localToInstant(input.date, 1440, timeZone), ctx.clock.now());
  const teams = await listTeams(db, tenantId);
  let userIds: string[] | undefined;
  if (input.teamId !== undefined) {
    const team = isUuid(input.teamId) ? teams.find((item) => item.id === input.teamId) : undefined;
    if (!team) throw invalidField('teamId', `no team ${input.teamId}`);
    userIds = team.memberIds;
  }
  if (seesOnlyOwnTeams(actor.roles)) {
    const visible = new Set(await ledTeamMemberIds(db, tenantId, actor.userId));
    userIds = (userIds ?? [...visible]).filter((id) => visible.has(id));
  }
  const empty = { date: input.date, timeZone, from: new Date(from).toISOString(), to: new Date(Math.max(from, to)).toISOString(), agents: [], teams: [], alerts: [] };
  if (to <= from) return empty;

  // Shifts that started the day before may run into this one.
  const shifts = await listPublishedShifts(db, tenantId, new Date(from), new Date(to), userIds);
  const agentIds = [...new Set([...shifts.map((shift) => shift.userId), ...(userIds ?? [])])].sort();
  if (agentIds.length === 0) return empty;
  const changes = await listAgentStateChanges(db, tenantId, agentIds, new Date(from), new Date(to));
  const states: StateInterval[] = [];
  changes.forEach((change, index) => {
    const next = changes[index + 1];
    const end = next && next.userId === change.userId ? next.at.getTime() : undefined;
    if (end !== undefined && end <= change.at.getTime()) return;
    const state = change.status === 'not_ready' ? `not_ready:${change.reason ?? 'login'}` : change.status;
    states.push({ agentId: change.userId, state, start: change.at.getTime(), ...(end === undefined ? {} : { end }) });
  });
  const activities = shifts.flatMap((shift) => activitiesOf(shift, timeZone));
  const teamOf: Record<string, string> = {};
  for (const team of teams) for (const member of team.memberIds) teamOf[member] ??= team.id;
  const report = await domain(() => adherenceReport(activities, states, { from, to, graceMs: input.graceMinutes * 60_000, stateActivity: STATE_ACTIVITY, teams: teamOf }));
  const usernames = await listUsernames(db, agentIds);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    ...empty,
    agents: report.agents.map((agent) => ({ ...agent, username: usernames.get(agent.agentId) ?? null })),
    teams: report.teams.map((team) => ({ ...team, name: teams.find((item) => item.id === team.teamId)?.name ?? null })),
    alerts: report.alerts.map((alert) => ({ ...alert, start: iso(alert.start), end: iso(alert.end), alertAt: iso(alert.alertAt), username: usernames.get(alert.agentId) ?? null })),
  };
}
