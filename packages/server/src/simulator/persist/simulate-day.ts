/**
 * `seatline simulate`: one day of a tenant's contact center in virtual time, left behind as
 * interaction records.
 *
 * It runs the pure discrete-event simulation (`runSimulation`, which drives the real router in
 * virtual time) and then writes its lifecycle records in batches. Driving the live ContactCenter
 * with a manual clock instead would pass every call through the process-wide router and its
 * transactions one step at a time: tens of thousands of small transactions for a day, agent states
 * written for real users, and a second router working on the same tables as a running server.
 * The simulation gives the same routing decisions (it is the same Router) in milliseconds, and
 * only the finished records touch storage.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { listHotlines } from '../../ivr/repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { listQueues } from '../../routing/repository.ts';
import { demoDayScenario } from '../domain/demo-day.ts';
import { parseScenario, scenarioSchema, type Scenario } from '../domain/scenario.ts';
import { runSimulation, type CallStats, type SimulationResult } from '../domain/simulation.ts';
import { mapScenarioQueues, persistSimulation, QueueMappingError, type PersistOutcome } from './persist-records.ts';

/** Bad input from the person running the command: reported as is, nothing written. */
export class SimulationInputError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads and validates a scenario file; problems name the file and the path of each bad field. */
export async function readScenarioFile(file: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SimulationInputError(`Cannot read the scenario file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SimulationInputError(`The scenario file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = scenarioSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`);
    throw new SimulationInputError(`The scenario file ${file} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** A calendar date in YYYY-MM-DD form that exists. */
export function checkDate(date: string): string {
  const valid = DATE.test(date) && z.iso.date().safeParse(date).success && new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
  if (!valid) throw new SimulationInputError(`--date must be a calendar date as YYYY-MM-DD, got "${date}"`);
  return date;
}

/** The scenario moved to another day, keeping its time of day and UTC offset. */
export function onDate(scenario: Scenario, date: string): Scenario {
  return parseScenario({ ...scenario, startAt: `${date}${scenario.startAt.slice(10)}` });
}

/** Yesterday in China (UTC+8): the last whole day, so nothing recorded lies in the future. */
export function defaultDemoDate(now: number): string {
  return new Date(now + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
}

export interface SimulateDayInput {
  tenant: { id: string; slug: string };
  /** Without one, the tenant's demo day. */
  scenario?: Scenario;
  seed: number;
  /** YYYY-MM-DD; default: the scenario file's own date, or yesterday for the demo day. */
  date?: string;
  actor: { userId: string; displayName: string } | null;
}

export interface DaySummary extends CallStats {
  arrived: number;
  /** Ended in the IVR: self-service or hung up there. */
  handledInIvr: number;
  occupancy: number | null;
}

export interface SimulateDayReport {
  tenant: { id: string; slug: string };
  scenario: string;
  seed: number;
  date: string;
  startAt: string;
  endAt: string;
  intervalMinutes: number;
  intervals: number;
  summary: DaySummary;
  queues: ({ scenarioQueue: string; queue: string } & CallStats)[];
  recorded: PersistOutcome;
  timing: { simulationMs: number; storageMs: number };
}

export async function simulateDay(ctx: AppContext, input: SimulateDayInput): Promise<SimulateDayReport> {
  if (!Number.isInteger(input.seed) || input.seed < 0 || input.seed > 0xffffffff) {
    throw new SimulationInputError(`--seed must be a whole number from 0 to ${0xffffffff}, got ${input.seed}`);
  }
  const date = input.date === undefined ? undefined : checkDate(input.date);
  const demoDay = !input.scenario;
  let scenario = input.scenario ?? demoDayScenario({ date: date ?? defaultDemoDate(ctx.clock.now()), tenantId: input.tenant.slug });
  if (input.scenario && date) scenario = onDate(input.scenario, date);

  const db = ctx.database.db;
  const [queueRows, hotlineRows] = await Promise.all([listQueues(db, input.tenant.id), listHotlines(db, input.tenant.id)]);
  let queues;
  try {
    queues = mapScenarioQueues(
      scenario.queues,
      queueRows.map((row) => ({ id: row.id, code: row.code, channel: row.settings.channel })),
      { byOrder: demoDay },
    );
  } catch (error) {
    if (error instanceof QueueMappingError) throw new SimulationInputError(`Cannot record the scenario in tenant ${input.tenant.slug}: ${error.message}`);
    throw error;
  }

  const simulationStarted = performance.now();
  const result = runSimulation(scenario, { seed: input.seed });
  const simulationMs = performance.now() - simulationStarted;

  const storageStarted = performance.now();
  const recorded = await persistSimulation(ctx, {
    tenantId: input.tenant.id,
    scenario,
    seed: input.seed,
    result,
    queues,
    hotline: hotlineRows.length === 1 ? hotlineRows[0]!.number : null,
    actor: input.actor,
  });
  const storageMs = performance.now() - storageStarted;

  const endAt = result.startAt + result.intervals.length * result.intervalMinutes * 60_000;
  return {
    tenant: input.tenant,
    scenario: scenario.name,
    seed: input.seed,
    date: scenario.startAt.slice(0, 10),
    startAt: scenario.startAt,
    endAt: new Date(endAt).toISOString(),
    intervalMinutes: result.intervalMinutes,
    intervals: result.intervals.length,
    summary: summaryOf(result),
    queues: scenario.queues.map((queue) => ({ scenarioQueue: queue.id, queue: queues.get(queue.id)!.code, ...result.queues[queue.id]!.totals })),
    recorded,
    timing: { simulationMs: Math.round(simulationMs), storageMs: Math.round(storageMs) },
  };
}

function summaryOf(result: SimulationResult): DaySummary {
  const { arrived, handledInIvr, occupancy, ...calls } = result.totals;
  return { arrived, handledInIvr, ...calls, occupancy };
}

const percent = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)} %`);
const seconds = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} s`);

/** The report as a person reads it. */
export function formatReport(report: SimulateDayReport): string {
  const s = report.summary;
  const lines = [
    `Simulated "${report.scenario}" for ${report.tenant.slug} on ${report.date} (seed ${report.seed}, ${report.intervals} × ${report.intervalMinutes} min from ${report.startAt})`,
    `  arrived ${s.arrived}, ended in the IVR ${s.handledInIvr}, offered to queues ${s.offered}`,
    `  answered ${s.answered}, abandoned ${s.abandoned} (${percent(s.abandonRate)}), callback/voicemail ${s.limitReached}, unanswered ${s.unanswered}`,
    `  service level ${percent(s.serviceLevel)}, ASA ${seconds(s.asaSeconds)}, AHT ${seconds(s.averageHandleSeconds)}, bot occupancy ${percent(s.occupancy)}`,
    ...report.queues.map(
      (q) => `  ${q.queue.padEnd(16)} offered ${String(q.offered).padStart(4)}  answered ${String(q.answered).padStart(4)}  abandoned ${String(q.abandoned).padStart(3)}  SL ${percent(q.serviceLevel).padStart(7)}  ASA ${seconds(q.asaSeconds)}`,
    ),
    report.recorded.inserted === report.recorded.interactions
      ? `Recorded ${report.recorded.inserted} interactions (${report.recorded.events} events), marked simulated.`
      : `Recorded ${report.recorded.inserted} new interactions; ${report.recorded.alreadyPresent} were already there from an identical run (same scenario, day and seed).`,
    `Took ${((report.timing.simulationMs + report.timing.storageMs) / 1000).toFixed(1)} s (simulation ${report.timing.simulationMs} ms, storage ${report.timing.storageMs} ms).`,
  ];
  return lines.join('\n');
}
