/**
 * The whole demo world, seeded once and in order: the organisation and its users, then each
 * context's demo set-up (queues, customers, hotlines) for the demo tenants. Used by `seatline
 * start`, `seatline seed-demo` and the tests, so all three see the same demo.
 */
import { seedDemoCustomers } from './crm/commands/seed-demo-customers.ts';
import { seedDemoHotlines } from './ivr/commands/seed-demo-hotlines.ts';
import { type DemoLogin, seedDemo } from './org/commands/seed-demo.ts';
import type { Runtime } from './platform/boot.ts';
import { seedDemoRouting } from './routing/commands/seed-demo-queues.ts';

/** Returns the demo logins when the organisation was seeded now, null when it already existed. */
export async function seedDemoWorld(runtime: Pick<Runtime, 'ctx' | 'services'>): Promise<DemoLogin[] | null> {
  const logins = await seedDemo(runtime.ctx);
  // Each step is idempotent on its own, so a demo seeded by an older version is completed.
  await seedDemoRouting(runtime);
  await seedDemoCustomers(runtime.ctx);
  await seedDemoHotlines(runtime.ctx);
  return logins;
}
