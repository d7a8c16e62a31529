/**
 * `seatline wfm …`: staffing for one interval (pure, no database) and validation of a staffing plan
 * by simulation. Exit codes: 0 done, 2 bad input (a flag missing or out of range, a bad plan file),
 * 3 an impossible target, 1 anything else. Errors go to stderr as `code: --flag message`.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { bootRuntime } from '../platform/boot.ts';
import { computeStaffing, type StaffingResult } from '../wfm/domain/erlang.ts';
import { WfmInputError } from '../wfm/domain/errors.ts';
import { findForecastForConsole } from '../wfm/repository.ts';
import { staffingRequestSchema } from '../wfm/schemas.ts';
import { planFromForecast, validatePlan, validationPlanSchema, type ValidationPlan, type ValidationReport } from '../wfm/validate.ts';

export const EXIT_BAD_INPUT = 2;
export const EXIT_IMPOSSIBLE = 3;

const STAFFING_FLAGS = {
  calls: '--calls',
  intervalMinutes: '--interval-minutes',
  ahtSeconds: '--aht-seconds',
  slTarget: '--sl-target',
  slSeconds: '--sl-seconds',
  shrinkage: '--shrinkage',
  maxOccupancy: '--max-occupancy',
  patienceSeconds: '--patience-seconds',
  maxAgents: '--max-agents',
} as const;
type StaffingField = keyof typeof STAFFING_FLAGS;
const REQUIRED_STAFFING: StaffingField[] = ['calls', 'intervalMinutes', 'ahtSeconds', 'slTarget', 'slSeconds'];

class InputProblem extends Error {
  constructor(
    readonly code: string,
    readonly flag: string,
    message: string,
    readonly exitCode = EXIT_BAD_INPUT,
  ) {
    super(message);
  }
}

function fail(problem: InputProblem): void {
  console.error(`${problem.code}: ${problem.flag} ${problem.message}`);
  process.exitCode = problem.exitCode;
}

function fromDomain(error: unknown, flagOf: (field: string) => string): InputProblem {
  if (!(error instanceof WfmInputError)) throw error;
  const message = error.message.startsWith(`${error.field}: `) ? error.message.slice(error.field.length + 2) : error.message;
  return new InputProblem(error.code, flagOf(error.field), message, error.code === 'wfm.impossible_target' ? EXIT_IMPOSSIBLE : EXIT_BAD_INPUT);
}

/** Flags → the staffing request, naming the flag at fault. */
export function parseStaffingFlags(options: Partial<Record<StaffingField, string>>) {
  const values: Record<string, number> = {};
  for (const field of Object.keys(STAFFING_FLAGS) as StaffingField[]) {
    const raw = options[field];
    if (raw === undefined) {
      if (REQUIRED_STAFFING.includes(field)) throw new InputProblem('wfm.invalid_input', STAFFING_FLAGS[field], 'is required');
      continue;
    }
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value)) throw new InputProblem('wfm.invalid_input', STAFFING_FLAGS[field], `must be a number, got "${raw}"`);
    values[field] = value;
  }
  const parsed = staffingRequestSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0] ?? 'calls') as StaffingField;
    throw new InputProblem('wfm.invalid_input', STAFFING_FLAGS[field] ?? field, `${describeIssue(issue)} (got ${values[field]})`);
  }
  return parsed.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_small') return `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`;
  if (issue.code === 'too_big') return `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
  if (issue.code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return issue.message;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The CLI contract's fields: ratios to 6 decimals, ASA to 3; abandonRate only under Erlang A. */
export function presentStaffingForCli(result: StaffingResult) {
  return {
    rawAgents: result.rawAgents,
    agents: result.agents,
    serviceLevel: round(result.serviceLevel, 6),
    asaSeconds: round(result.asaSeconds, 3),
    occupancy: round(result.occupancy, 6),
    waitProbability: round(result.waitProbability, 6),
    ...(result.abandonRate === undefined ? {} : { abandonRate: round(result.abandonRate, 6) }),
  };
}

function printValidation(report: ValidationReport, json: boolean): void {
  if (json) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const pct = (value: number | null) => (value === null ? '   —  ' : `${(value * 100).toFixed(1).padStart(5)}%`);
  const ci = (low: number | null, high: number | null) => (low === null || high === null ? '' : `[${pct(low).trim()}, ${pct(high).trim()}]`);
  console.log(`${report.model} plan, ${report.seeds} seeds, ${report.intervals.length} intervals of ${report.intervalMinutes} min`);
  console.log('interval          calls agents   SL formula  SL simulated (95% CI)         ASA formula / simulated   abandon');
  for (const row of report.intervals) {
    if (row.calls === 0 && row.agents === 0) continue;
    console.log(
      `${row.start.slice(0, 16)}  ${row.calls.toFixed(1).padStart(6)} ${String(row.agents).padStart(6)}   ${pct(row.promised.serviceLevel)}   ${pct(row.achieved.serviceLevel.mean)} ${ci(row.achieved.serviceLevel.low, row.achieved.serviceLevel.high).padEnd(18)}` +
        `  ${row.promised.asaSeconds.toFixed(1).padStart(6)} s / ${(row.achieved.asaSeconds.mean ?? 0).toFixed(1).padStart(6)} s   ${pct(row.achieved.abandonRate.mean)}`,
    );
  }
  const total = report.totals;
  console.log(`total: SL promised ${pct(total.promised.serviceLevel)}, simulated ${pct(total.achieved.serviceLevel.mean)} ${ci(total.achieved.serviceLevel.low, total.achieved.serviceLevel.high)}; ASA ${total.promised.asaSeconds.toFixed(1)} s vs ${(total.achieved.asaSeconds.mean ?? 0).toFixed(1)} s; abandon ${pct(total.achieved.abandonRate.mean)}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A forecast id (looked up in the configured database) or a plan file. */
async function loadPlan(ref: string): Promise<ValidationPlan> {
  if (UUID.test(ref)) {
    const runtime = await bootRuntime(loadConfig());
    try {
      const forecast = await findForecastForConsole(runtime.ctx.database.db, ref);
      if (!forecast) throw new InputProblem('resource.not_found', '--plan', `no forecast with id ${ref}`);
      if (!forecast.staffingPlan || !forecast.staffingParams) throw new InputProblem('wfm.invalid_input', '--plan', 'the forecast has no staffing plan yet (POST /api/wfm/forecasts/:id/staffing)');
      return planFromForecast(forecast);
    } finally {
      await runtime.close();
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(ref, 'utf8'));
  } catch (error) {
    throw new InputProblem('wfm.invalid_input', '--plan', `is neither a forecast id nor a readable JSON file: ${(error as Error).message}`);
  }
  const parsed = validationPlanSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputProblem('wfm.invalid_input', '--plan', `${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  return parsed.data;
}

export function registerWfmCommands(program: Command): void {
  const wfm = program.command('wfm').description('Workforce management: staffing, validation by simulation');

  const staffing = wfm.command('staffing').description('Agents needed for one interval (Erlang C, or Erlang A with --patience-seconds)');
  for (const [field, flag] of Object.entries(STAFFING_FLAGS)) staffing.option(`${flag} <number>`, REQUIRED_STAFFING.includes(field as StaffingField) ? 'required' : 'optional');
  staffing.option('--json', 'print JSON').action((options: Partial<Record<StaffingField, string>> & { json?: boolean }) => {
    try {
      const input = parseStaffingFlags(options);
      let result: StaffingResult;
      try {
        result = computeStaffing(input);
      } catch (error) {
        throw fromDomain(error, (field) => STAFFING_FLAGS[field as StaffingField] ?? field);
      }
      const out = presentStaffingForCli(result);
      if (options.json) {
        console.log(JSON.stringify(out));
        return;
      }
      console.log(`${result.abandonRate === undefined ? 'Erlang C' : 'Erlang A'}: ${result.trafficErlangs.toFixed(2)} Erlangs`);
      console.log(`agents on the phones (raw): ${out.rawAgents}`);
      console.log(`positions after shrinkage:  ${out.agents}`);
      console.log(`service level:              ${(result.serviceLevel * 100).toFixed(1)}% within ${input.slSeconds} s`);
      console.log(`average speed of answer:    ${result.asaSeconds.toFixed(1)} s`);
      console.log(`occupancy:                  ${(result.occupancy * 100).toFixed(1)}%`);
      console.log(`probability of waiting:     ${(result.waitProbability * 100).toFixed(1)}%`);
      if (result.abandonRate !== undefined) console.log(`abandon rate:               ${(result.abandonRate * 100).toFixed(1)}%`);
    } catch (error) {
      if (error instanceof InputProblem) fail(error);
      else throw error;
    }
  });

  wfm
    .command('validate')
    .description('Simulate a staffing plan over several seeds and compare with what the formula promised')
    .requiredOption('--plan <forecastIdOrFile>', 'a forecast id (with a staffing plan) or a plan JSON file (docs/wfm-api.md)')
    .option('--seeds <n>', 'simulation runs, each with its own seed', '5')
    .option('--json', 'print JSON')
    .action(async (options: { plan: string; seeds: string; json?: boolean }) => {
      try {
        const seeds = Number(options.seeds);
        if (!Number.isInteger(seeds) || seeds < 2 || seeds > 100) throw new InputProblem('wfm.invalid_input', '--seeds', `must be a whole number from 2 to 100, got "${options.seeds}"`);
        const plan = await loadPlan(options.plan);
        let report: ValidationReport;
        try {
          report = validatePlan(plan, { seeds });
        } catch (error) {
          throw fromDomain(error, (field) => `--plan ${field}`);
        }
        printValidation(report, Boolean(options.json));
      } catch (error) {
        if (error instanceof InputProblem) fail(error);
        else throw error;
      }
    });
}
