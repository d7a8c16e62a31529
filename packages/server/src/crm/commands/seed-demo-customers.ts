/** A handful of demo owners for the property hotline, so screen pops have someone to show. */
import { eq } from 'drizzle-orm';
import { findTenant } from '../../org/repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { customers } from '../schema.ts';

const PROPERTY_OWNERS = [
  { name: '周建国', phones: ['+8613812345678'], vip: true, address: '悦居·锦城 3 栋 2 单元 1201' },
  { name: '吴丽华', phones: ['+8613987654321'], vip: false, address: '悦居·花园 12 栋 1 单元 502' },
  { name: '郑海', phones: ['+8615800001234', '+862885551234'], vip: false, address: '悦居·湖畔 7 栋 302' },
];

export async function seedDemoCustomers(ctx: AppContext): Promise<void> {
  const tenant = await findTenant(ctx.database.db, 'property');
  if (!tenant) return;
  const existing = await ctx.database.db.select({ id: customers.id }).from(customers).where(eq(customers.tenantId, tenant.id)).limit(1);
  if (existing.length > 0) return;
  await ctx.database.db.insert(customers).values(PROPERTY_OWNERS.map((c) => ({ tenantId: tenant.id, ...c })));
}
