/**
 * Durable jobs and timers through pg-boss, in the same database as everything else. On PostgreSQL
 * pg-boss opens its own pool; on PGlite it runs through our single connection.
 */
import PgBoss from 'pg-boss';
import type { Database } from '../db/database.ts';

export type Jobs = PgBoss;

export async function startJobs(database: Database, onError: (error: unknown) => void): Promise<Jobs> {
  const boss = database.url
    ? new PgBoss({ connectionString: database.url, max: 4 })
    : new PgBoss({ db: { executeSql: (text, values) => database.raw(text, values) } });
  boss.on('error', onError);
  await boss.start();
  return boss;
}
