/** The routing context's queries: queue configuration and agent profiles as the router needs them. */
import { and, asc, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { listSkillLevels } from '../org/repository.ts';
import type { Executor } from '../platform/db/database.ts';
import type { AgentProfile, QueueConfig } from './domain/queue-config.ts';
import { agentStateLog, businessLines, queues } from './schema.ts';

/** Agents can hold up to three chats, and never voice while chatting unless their tenant configures it. */
export const DEFAULT_AGENT_CAPACITY = { channels: { voice: 1, chat: 3 }, blendVoice: false } as const;

export type QueueRow = typeof queues.$inferSelect;

export function toQueueConfig(row: QueueRow): QueueConfig {
  return { ...row.settings, id: row.id, tenantId: row.tenantId, businessLineId: row.businessLineId };
}

/** Every tenant's queues: one router serves the whole process. */
export async function loadQueueConfigs(ex: Executor): Promise<QueueConfig[]> {
  const rows = await ex.select().from(queues).orderBy(asc(queues.createdAt), asc(queues.code));
  return rows.map(toQueueConfig);
}

export function listQueues(ex: Executor, tenantId: string) {
  return ex.select().from(queues).where(eq(queues.tenantId, tenantId)).orderBy(asc(queues.code));
}

export async function findQueue(ex: Executor, tenantId: string, queueId: string) {
  const [row] = await ex.select().from(queues).where(and(eq(queues.tenantId, tenantId), eq(queues.id, queueId)));
  return row;
}

export async function findQueueByCode(ex: Executor, tenantId: string, code: string) {
  const [row] = await ex.select().from(queues).where(and(eq(queues.tenantId, tenantId), eq(queues.code, code)));
  return row;
}

export function listBusinessLines(ex: Executor, tenantId: string) {
  return ex.select().from(businessLines).where(eq(businessLines.tenantId, tenantId)).orderBy(asc(businessLines.code));
}

/** The agent as the router sees them: skill levels by skill id, and channel capacity. */
export async function loadAgentProfile(ex: Executor, tenantId: string, userId: string): Promise<AgentProfile | null> {
  const levels = await listSkillLevels(ex, tenantId, userId);
  if (levels === null) return null;
  return {
    id: userId,
    tenantId,
    skills: Object.fromEntries(levels.map((l) => [l.skillId, l.level])),
    capacity: { channels: { ...DEFAULT_AGENT_CAPACITY.channels }, blendVoice: DEFAULT_AGENT_CAPACITY.blendVoice },
  };
}

/**
 * Agent state changes for a time window: every change in [from, to) and, per agent, the last one
 * before `from` (the state the window opens in). Ordered by agent and time. A pure read, for
 * adherence.
 */
export async function listAgentStateChanges(ex: Executor, tenantId: string, userIds: string[], from: Date, to: Date) {
  if (userIds.length === 0) return [];
  const columns = { userId: agentStateLog.userId, status: agentStateLog.status, presence: agentStateLog.presence, reason: agentStateLog.reason, at: agentStateLog.at, id: agentStateLog.id };
  const opening = await ex
    .selectDistinctOn([agentStateLog.userId], columns)
    .from(agentStateLog)
    .where(and(eq(agentStateLog.tenantId, tenantId), inArray(agentStateLog.userId, userIds), lt(agentStateLog.at, from)))
    .orderBy(agentStateLog.userId, desc(agentStateLog.at), desc(agentStateLog.id));
  const within = await ex
    .select(columns)
    .from(agentStateLog)
    .where(and(eq(agentStateLog.tenantId, tenantId), inArray(agentStateLog.userId, userIds), gte(agentStateLog.at, from), lt(agentStateLog.at, to)))
    .orderBy(asc(agentStateLog.userId), asc(agentStateLog.at), asc(agentStateLog.id));
  return [...opening, ...within].sort((a, b) => a.userId.localeCompare(b.userId) || a.at.getTime() - b.at.getTime() || a.id - b.id);
}
