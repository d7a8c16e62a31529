/**
 * Opens the ports chosen by configuration and returns the application context. Used by the server,
 * the CLI and the tests alike, so all three run the same wiring.
 */
import type { Config } from '../config.ts';
import { ContactCenter } from '../interactions/contact-center.ts';
import { FloorHub } from '../interactions/floor-hub.ts';
import { VoiceIntake } from '../interactions/voice-intake.ts';
import { SimulatedTelephony } from '../telephony/simulated.ts';
import { type Clock, systemClock } from './clock.ts';
import type { AppContext } from './context.ts';
import { openDatabase } from './db/database.ts';
import { EventDispatcher } from './events/dispatcher.ts';
import { UnitOfWork } from './events/outbox.ts';
import { type EventSignal, InProcessSignal, PgNotifySignal } from './events/signal.ts';
import { startJobs } from './jobs/jobs.ts';

/** Long-lived services the contexts run in this process, built on the context's ports. */
export interface Services {
  floor: FloorHub;
  contacts: ContactCenter;
  /** The telephony adapter: the simulator until a SIP adapter is configured. */
  telephony: SimulatedTelephony;
  voice: VoiceIntake;
}

export interface Runtime {
  ctx: AppContext;
  services: Services;
  close(): Promise<void>;
}

export async function bootRuntime(
  config: Config,
  options: { clock?: Clock; onError?: (error: unknown) => void } = {},
): Promise<Runtime> {
  const clock = options.clock ?? systemClock;
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    const signal: EventSignal = config.eventBus === 'pg-notify' && database.url ? new PgNotifySignal(database.url) : new InProcessSignal();
    await signal.start();
    const events = new EventDispatcher(database, signal, onError);
    await events.start();
    const jobs = await startJobs(database, onError);
    const ctx: AppContext = { config, clock, database, uow: new UnitOfWork(database, signal, clock), events, jobs };
    const floor = new FloorHub();
    const contacts = new ContactCenter(ctx, floor);
    await contacts.start();
    const telephony = new SimulatedTelephony();
    const voice = new VoiceIntake(ctx, contacts, telephony, onError);
    return {
      ctx,
      services: { floor, contacts, telephony, voice },
      async close() {
        telephony.stop();
        await contacts.stop();
        await events.stop();
        await jobs.stop({ graceful: false, wait: true });
        await signal.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
