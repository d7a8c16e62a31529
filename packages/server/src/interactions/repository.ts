/** The interactions context's queries. Every one is scoped by tenant except boot-time recovery. */
import { and, asc, eq, gte, lt, ne } from 'drizzle-orm';
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
