/**
 * Seeds the load benchmark's tenant data before the server starts: the demo organisation, routing
 * and hotlines, then N agents in the `property` tenant (role agent, the repair skill at level 5, one
 * shared password hash: nobody logs in with it) with one API token each (scope desk.use), and one
 * token for the demo centre manager (floor.control to place simulated calls, floor.monitor for the
 * wallboard socket, interactions.export for the final check). Logging 1,000 agents in through
 * /api/auth/login would take minutes of argon2 and trip its rate limit; tokens are what a
 * load-testing client is meant to use.
 */
import { and, eq } from 'drizzle-orm';
import { loadConfig } from '../../packages/server/src/config.ts';
import { seedDemoCustomers } from '../../packages/server/src/crm/commands/seed-demo-customers.ts';
import { seedDemoHotlines } from '../../packages/server/src/ivr/commands/seed-demo-hotlines.ts';
import { hashPassword, newOpaqueToken, tokenHash } from '../../packages/server/src/org/domain/credentials.ts';
import { seedDemo } from '../../packages/server/src/org/commands/seed-demo.ts';
import { findTenant, findUserByUsername } from '../../packages/server/src/org/repository.ts';
import { agentSkills, apiTokens, memberships, skills, users } from '../../packages/server/src/org/schema.ts';
import { bootRuntime } from '../../packages/server/src/platform/boot.ts';
import { seedDemoRouting } from '../../packages/server/src/routing/commands/seed-demo-queues.ts';

export const TENANT = 'property';
export const QUEUE = 'repair';
const SKILL = 'repair';
const SUPERVISOR = 'property.cc_manager';
const CHUNK = 250;

export interface SeededAgent {
  userId: string;
  username: string;
  token: string;
}

export interface Seeded {
  agents: SeededAgent[];
  supervisorToken: string;
  seedMs: number;
}

/** The server's environment for the chosen database: a PGlite data directory or a PostgreSQL URL. */
export type DatabaseEnv = { SEATLINE_DATA_DIR: string } | { DATABASE_URL: string };

export async function seedLoadTenant(databaseEnv: DatabaseEnv, agentCount: number): Promise<Seeded> {
  const started = Date.now();
  const config = loadConfig({ ...databaseEnv, LOG_LEVEL: 'silent' });
  const runtime = await bootRuntime(config, { onError: (error) => console.error('seed runtime:', error) });
  try {
    const { ctx } = runtime;
    const db = ctx.database.db;
    await seedDemo(ctx);
    await seedDemoRouting(runtime);
    await seedDemoCustomers(ctx);
    await seedDemoHotlines(ctx);

    const tenant = await findTenant(db, TENANT);
    if (!tenant) throw new Error(`the demo seed did not create the ${TENANT} tenant`);
    const [skill] = await db.select().from(skills).where(and(eq(skills.tenantId, tenant.id), eq(skills.code, SKILL)));
    if (!skill) throw new Error(`the demo seed did not create the ${SKILL} skill`);
    const supervisor = await findUserByUsername(db, SUPERVISOR);
    if (!supervisor) throw new Error(`the demo seed did not create ${SUPERVISOR}`);

    const passwordHash = await hashPassword(`bench-${newOpaqueToken('slt')}-9`);
    const agents: SeededAgent[] = [];
    const now = new Date();
    for (let from = 0; from < agentCount; from += CHUNK) {
      const size = Math.min(CHUNK, agentCount - from);
      const names = Array.from({ length: size }, (_, i) => `bench.agent${String(from + i + 1).padStart(5, '0')}`);
      await db.transaction(async (tx) => {
        const rows = await tx
          .insert(users)
          .values(names.map((username) => ({ homeTenantId: tenant.id, username, displayName: username, passwordHash, locale: 'en' as const })))
          .returning({ id: users.id, username: users.username });
        await tx.insert(memberships).values(rows.map((r) => ({ userId: r.id, tenantId: tenant.id, roles: ['agent'] })));
        await tx.insert(agentSkills).values(rows.map((r) => ({ tenantId: tenant.id, userId: r.id, skillId: skill.id, level: 5 })));
        const tokens = rows.map((r) => ({ ...r, token: newOpaqueToken('slt') }));
        await tx.insert(apiTokens).values(
          tokens.map((t) => ({ tenantId: tenant.id, createdBy: t.id, name: 'load bench', tokenHash: tokenHash(t.token), scopes: ['desk.use'], createdAt: now })),
        );
        for (const t of tokens) agents.push({ userId: t.id, username: t.username, token: t.token });
      });
    }
    const supervisorToken = newOpaqueToken('slt');
    await db.insert(apiTokens).values({
      tenantId: tenant.id,
      createdBy: supervisor.id,
      name: 'load bench supervisor',
      tokenHash: tokenHash(supervisorToken),
      scopes: ['floor.control', 'floor.monitor', 'interactions.export'],
      createdAt: now,
    });
    return { agents, supervisorToken, seedMs: Date.now() - started };
  } finally {
    await runtime.close();
  }
}
