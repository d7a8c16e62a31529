import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { Database } from './db/database.ts';
import type { EventDispatcher } from './events/dispatcher.ts';
import type { UnitOfWork } from './events/outbox.ts';
import type { Jobs } from './jobs/jobs.ts';

/** What every context's commands and routes are given: the ports, chosen once at boot. */
export interface AppContext {
  config: Config;
  clock: Clock;
  database: Database;
  uow: UnitOfWork;
  events: EventDispatcher;
  jobs: Jobs;
}
