/** Starts the schedule generator in a worker thread (schedule-worker.ts) and waits for its result. */
import { Worker } from 'node:worker_threads';
import { WfmInputError, type WfmErrorCode } from './domain/errors.ts';
import type { ScheduleInput, ScheduleOptions, ScheduleResult } from './domain/schedule.ts';

type Reply = { ok: true; result: ScheduleResult } | { ok: false; error?: { code: WfmErrorCode; field: string; message: string }; crash?: string };

export function generateScheduleInWorker(input: ScheduleInput, options: ScheduleOptions): Promise<ScheduleResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./schedule-worker.mjs', import.meta.url), { workerData: { input, options } });
    let settled = false;
    worker.once('message', (reply: Reply) => {
      settled = true;
      if (reply.ok) resolve(reply.result);
      else if (reply.error) reject(new WfmInputError(reply.error.code, reply.error.field, reply.error.message));
      else reject(new Error(`schedule generator failed: ${reply.crash ?? 'unknown error'}`));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`schedule generator exited with code ${code}`));
    });
  });
}
