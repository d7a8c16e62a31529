/**
 * Runs the schedule generator in a worker thread, so a long generation (tens of seconds for a
 * large team over four weeks) never stalls the live floor's router on the main event loop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WfmInputError } from './domain/errors.ts';
import { generateSchedule, type ScheduleInput, type ScheduleOptions } from './domain/schedule.ts';

const { input, options } = workerData as { input: ScheduleInput; options: ScheduleOptions };
try {
  parentPort!.postMessage({ ok: true, result: await generateSchedule(input, options) });
} catch (error) {
  if (error instanceof WfmInputError) {
    const message = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
    parentPort!.postMessage({ ok: false, error: { code: error.code, field: error.field, message } });
  } else {
    parentPort!.postMessage({ ok: false, crash: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
}
