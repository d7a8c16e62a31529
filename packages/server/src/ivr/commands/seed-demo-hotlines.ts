/** The demo tenants' hotlines: the property 400 line answers around the clock, the shop keeps office hours. */
import { findTenant } from '../../org/repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { defaultChinaCalendar2026 } from '../china-holidays.ts';
import { demoPropertyFlow, demoPropertyHotline, demoShopFlow, demoShopHotline } from '../demo-flows.ts';
import { findHotlineByNumber } from '../repository.ts';
import { calendars, hotlines, ivrFlows } from '../schema.ts';
import type { HotlineConfig, IvrFlow } from '../schemas.ts';

const PLANS: { slug: string; config: HotlineConfig; flow: IvrFlow }[] = [
  // A property hotline takes repair calls day and night, so the demo has traffic at any hour.
  { slug: 'property', config: { ...demoPropertyHotline, calendarId: null }, flow: demoPropertyFlow },
  { slug: 'shop', config: demoShopHotline, flow: demoShopFlow },
];

export async function seedDemoHotlines(ctx: AppContext): Promise<void> {
  for (const plan of PLANS) {
    const tenant = await findTenant(ctx.database.db, plan.slug);
    if (!tenant || (await findHotlineByNumber(ctx.database.db, plan.config.hotline))) continue;
    await ctx.uow.run(async (tx) => {
      const calendar = defaultChinaCalendar2026();
      await tx.insert(calendars).values({ tenantId: tenant.id, code: calendar.id, calendar }).onConflictDoNothing();
      const [hotline] = await tx.insert(hotlines).values({ tenantId: tenant.id, number: plan.config.hotline, config: plan.config, activeVersion: plan.flow.version }).returning();
      await tx.insert(ivrFlows).values({ tenantId: tenant.id, hotlineId: hotline!.id, version: plan.flow.version, flow: plan.flow });
    });
  }
}
