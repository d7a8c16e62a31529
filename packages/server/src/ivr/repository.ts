/** The IVR context's queries. */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.ts';
import { calendars, hotlines, ivrFlows } from './schema.ts';

export type HotlineRow = typeof hotlines.$inferSelect;

export function listHotlines(ex: Executor, tenantId: string) {
  return ex.select().from(hotlines).where(eq(hotlines.tenantId, tenantId)).orderBy(asc(hotlines.number));
}

export async function findHotline(ex: Executor, tenantId: string, id: string): Promise<HotlineRow | undefined> {
  const [row] = await ex.select().from(hotlines).where(and(eq(hotlines.tenantId, tenantId), eq(hotlines.id, id)));
  return row;
}

/** A dialled number belongs to exactly one tenant: that is how an incoming call finds its tenant. */
export async function findHotlineByNumber(ex: Executor, number: string): Promise<HotlineRow | undefined> {
  const [row] = await ex.select().from(hotlines).where(eq(hotlines.number, number));
  return row;
}

export async function findFlowVersion(ex: Executor, hotlineId: string, version: number) {
  const [row] = await ex.select().from(ivrFlows).where(and(eq(ivrFlows.hotlineId, hotlineId), eq(ivrFlows.version, version)));
  return row;
}

export function listFlowVersions(ex: Executor, tenantId: string, hotlineId: string) {
  return ex
    .select({ version: ivrFlows.version, createdAt: ivrFlows.createdAt, createdBy: ivrFlows.createdBy })
    .from(ivrFlows)
    .where(and(eq(ivrFlows.tenantId, tenantId), eq(ivrFlows.hotlineId, hotlineId)))
    .orderBy(desc(ivrFlows.version));
}

export async function findCalendar(ex: Executor, tenantId: string, code: string) {
  const [row] = await ex.select().from(calendars).where(and(eq(calendars.tenantId, tenantId), eq(calendars.code, code)));
  return row?.calendar;
}

export function listCalendars(ex: Executor, tenantId: string) {
  return ex.select().from(calendars).where(eq(calendars.tenantId, tenantId)).orderBy(asc(calendars.code));
}
