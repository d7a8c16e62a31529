/** The CRM context's queries used by other contexts: the screen pop's customer match. */
import { and, arrayContains, eq } from 'drizzle-orm';
import type { Executor } from '../platform/db/database.ts';
import { customers } from './schema.ts';

export type CustomerRow = typeof customers.$inferSelect;

/** The customer whose numbers include this E.164 number, if exactly one matches. */
export async function findCustomerByPhone(ex: Executor, tenantId: string, phone: string): Promise<CustomerRow | undefined> {
  const rows = await ex.select().from(customers).where(and(eq(customers.tenantId, tenantId), arrayContains(customers.phones, [phone]))).limit(2);
  return rows.length === 1 ? rows[0] : undefined;
}

export async function findCustomer(ex: Executor, tenantId: string, id: string): Promise<CustomerRow | undefined> {
  const [row] = await ex.select().from(customers).where(and(eq(customers.tenantId, tenantId), eq(customers.id, id)));
  return row;
}
