/** The interactions context's queries. Every one is scoped by tenant except boot-time recovery. */
import { and, asc, desc, eq, gte, inArray, isNotNull, lt, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.ts';
import { chatMessages, interactionEvents, interactions } from './schema.ts';

export type InteractionRow = typeof interactions.$inferSelect;

export async function findInteraction(ex: Executor, tenantId: string, id: string): Promise<InteractionRow | undefined> {
  const [row] = await ex.select().from(interactions).where(and(eq(interactions.tenantId, tenantId), eq(interactions.id, id)));
  return row;
}

/** Every interaction not yet ended, across tenants: what the router rebuilds from after a restart. */
export function listOpenInteractions(ex: Executor): Promise<InteractionRow[]> {
  return ex.select().from(interactions).where(ne(interactions.status, 'ended')).orderBy(asc(interactions.enqueuedAt), asc(interactions.arrivedAt));
}

export function listInteractionsArrivedBetween(ex: Executor, tenantId: string, from: Date, to: Date): Promise<InteractionRow[]> {
  return ex
    .select()
    .from(interactions)
    .where(and(eq(interactions.tenantId, tenantId), gte(interactions.arrivedAt, from), lt(interactions.arrivedAt, to)))
    .orderBy(asc(interactions.arrivedAt), asc(interactions.id));
}

export function listInteractionEvents(ex: Executor, tenantId: string, interactionId: string) {
  return ex
    .select()
    .from(interactionEvents)
    .where(and(eq(interactionEvents.tenantId, tenantId), eq(interactionEvents.interactionId, interactionId)))
    .orderBy(asc(interactionEvents.id));
}

export function listChatMessages(ex: Executor, tenantId: string, interactionId: string) {
  return ex
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.tenantId, tenantId), eq(chatMessages.interactionId, interactionId)))
    .orderBy(asc(chatMessages.id));
}

/**
 * Contacts per queue, channel and interval, for workforce planning: offered = contacts that arrived
 * in a queue (bucketed by when they first started waiting), handled = those answered and finished,
 * handleSeconds = their talk + hold + wrap-up (answer to the end of wrap-up). Intervals are
 * `intervalMinutes` long and aligned on `origin` (a local midnight). A pure read.
 */
export async function rollupQueueIntervals(
  ex: Executor,
  tenantId: string,
  range: { from: Date; to: Date; intervalMinutes: number; origin: Date; includeSimulated: boolean },
): Promise<{ queueId: string; channel: string; intervalStart: Date; offered: number; handled: number; handleSeconds: number }[]> {
  const bucket = sql<string>`date_bin(${`${range.intervalMinutes} minutes`}::interval, ${interactions.enqueuedAt}, ${range.origin.toISOString()}::timestamptz)`;
  const finished = sql`${interactions.answeredAt} is not null and coalesce(${interactions.wrapUpEndedAt}, ${interactions.endedAt}) is not null`;
  const conditions = [
    eq(interactions.tenantId, tenantId),
    isNotNull(interactions.queueId),
    gte(interactions.enqueuedAt, range.from),
    lt(interactions.enqueuedAt, range.to),
  ];
  if (!range.includeSimulated) conditions.push(eq(interactions.simulated, false));
  const rows = await ex
    .select({
      queueId: sql<string>`${interactions.queueId}`,
      channel: interactions.channel,
      intervalStart: sql<string>`${bucket}`,
      offered: sql<number>`count(*)::int`,
      handled: sql<number>`(count(*) filter (where ${finished}))::int`,
      handleSeconds: sql<number>`coalesce(sum(extract(epoch from coalesce(${interactions.wrapUpEndedAt}, ${interactions.endedAt}) - ${interactions.answeredAt})) filter (where ${finished}), 0)::float8`,
    })
    .from(interactions)
    .where(and(...conditions))
    // By position: the bucket expression carries parameters, so it cannot be repeated by value.
    .groupBy(sql`1, 2, 3`)
    .orderBy(sql`1, 3`);
  return rows.map((row) => ({ ...row, intervalStart: new Date(row.intervalStart), handleSeconds: Number(row.handleSeconds) }));
}

/** A customer's latest contacts, for the agent's screen pop. */
export function listRecentForCustomer(ex: Executor, tenantId: string, customerId: string, excludeId: string, limit = 5) {
  return ex
    .select({ id: interactions.id, channel: interactions.channel, arrivedAt: interactions.arrivedAt, disposition: interactions.disposition, outcome: interactions.outcome, queueId: interactions.queueId })
    .from(interactions)
    .where(and(eq(interactions.tenantId, tenantId), eq(interactions.customerId, customerId), ne(interactions.id, excludeId)))
    .orderBy(desc(interactions.arrivedAt))
    .limit(limit);
}

/** Per queue since a moment: how long each answered contact waited, and how many left the queue unanswered. */
export async function queueOutcomesSince(ex: Executor, tenantId: string, queueIds: string[], since: Date) {
  if (queueIds.length === 0) return [];
  return ex
    .select({
      queueId: interactions.queueId,
      waitSeconds: sql<number | null>`extract(epoch from ${interactions.answeredAt} - ${interactions.enqueuedAt})::float8`,
      abandoned: sql<boolean>`${interactions.abandonedIn} = 'queue'`,
    })
    .from(interactions)
    .where(
      and(
        eq(interactions.tenantId, tenantId),
        inArray(interactions.queueId, queueIds),
        gte(interactions.enqueuedAt, since),
        or(isNotNull(interactions.answeredAt), eq(interactions.abandonedIn, 'queue')),
      ),
    );
}
