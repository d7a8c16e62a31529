/**
 * Nothing queued is lost across a restart: 50 waiting contacts come back in the same order with
 * their waited time, and a new agent then receives the longest-waiting one first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Config } from '../config.ts';
import { seedDemoWorld } from '../demo.ts';
import { findTenant } from '../org/repository.ts';
import { bootRuntime } from '../platform/boot.ts';
import { listQueues } from '../routing/repository.ts';
import { freshDatabase, testConfig } from '../testing/harness.ts';
import { listOpenInteractions } from './repository.ts';

describe('recovery after a restart', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('rebuilds 50 queued contacts in order, keeping their enqueue times', async () => {
    let database: Config['database'];
    if (process.env.TEST_DATABASE_URL) {
      const fresh = await freshDatabase();
      cleanups.push(fresh.drop);
      database = fresh.database;
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), 'seatline-recovery-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      database = { kind: 'pglite', dataDir: dir };
    }

    const first = await bootRuntime(testConfig(database));
    await seedDemoWorld(first);
    const tenant = (await findTenant(first.ctx.database.db, 'property'))!;
    const repair = (await listQueues(first.ctx.database.db, tenant.id)).find((q) => q.code === 'repair')!;
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      ids.push(await first.services.contacts.arrive({ tenantId: tenant.id, channel: 'voice', address: `+86139000${String(i).padStart(5, '0')}`, queueId: repair.id }));
    }
    const before = first.services.contacts.queueStatus(repair.id)!;
    expect(before.waiting).toBe(50);
    const enqueuedBefore = new Map((await listOpenInteractions(first.ctx.database.db)).map((r) => [r.id, r.enqueuedAt?.getTime()]));
    await first.close();

    const second = await bootRuntime(testConfig(database));
    cleanups.push(() => second.close());
    const after = second.services.contacts.queueStatus(repair.id)!;
    expect(after.waiting).toBe(50);
    expect(after.oldestEnqueuedAt).toBe(before.oldestEnqueuedAt);
    const positions = ids.map((id) => second.services.contacts.position(id)?.position);
    expect(positions).toEqual(ids.map((_, i) => i + 1));
    const reopened = await listOpenInteractions(second.ctx.database.db);
    expect(reopened.map((r) => [r.id, r.enqueuedAt?.getTime()])).toEqual(ids.map((id) => [id, enqueuedBefore.get(id)]));
  });
});
