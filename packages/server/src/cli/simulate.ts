/**
 * `seatline simulate --tenant T [--scenario file.json] [--seed N] [--speed max] [--date YYYY-MM-DD] [--json]`:
 * a day of calls in virtual time, as fast as the machine goes, recorded as interactions marked
 * simulated. Without --scenario it runs the tenant's demo day. See simulator/persist/simulate-day.ts.
 */
import { type Command, Option } from 'commander';
import { checkDate, formatReport, readScenarioFile, SimulationInputError, simulateDay } from '../simulator/persist/simulate-day.ts';
import type { Scenario } from '../simulator/domain/scenario.ts';
import { cliAction, CliInputError, requireCliTenant, withCliRuntime } from './export.ts';
import { systemActor } from './system-actor.ts';

interface SimulateOptions {
  tenant: string;
  scenario?: string;
  seed: string;
  speed: 'max';
  date?: string;
  json?: boolean;
}

function parseSeed(value: string): number {
  if (!/^\d{1,10}$/.test(value) || Number(value) > 0xffffffff) throw new CliInputError(`--seed must be a whole number from 0 to ${0xffffffff}, got "${value}"`);
  return Number(value);
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description('Run a day of simulated calls in virtual time and record them as interactions (marked simulated)')
    .requiredOption('--tenant <idOrSlug>', 'tenant id or slug')
    .option('--scenario <file>', 'scenario JSON (default: the tenant’s demo day)')
    .option('--seed <n>', 'random seed: the same seed gives the same day', '1')
    .addOption(new Option('--speed <speed>', 'virtual-time speed').choices(['max']).default('max'))
    .option('--date <YYYY-MM-DD>', 'the day to simulate (default: yesterday for the demo day, the scenario’s own day for a file)')
    .option('--json', 'print the summary as JSON')
    .action((options: SimulateOptions) =>
      cliAction(async () => {
        const seed = parseSeed(options.seed);
        let scenario: Scenario | undefined;
        try {
          // Input is checked before the database is opened, so a mistake fails fast.
          if (options.date !== undefined) checkDate(options.date);
          if (options.scenario) scenario = await readScenarioFile(options.scenario);
          await withCliRuntime(async (runtime) => {
            const tenant = await requireCliTenant(runtime, options.tenant);
            const actor = systemActor(tenant);
            const report = await simulateDay(runtime.ctx, {
              tenant: { id: tenant.id, slug: tenant.slug },
              scenario,
              seed,
              date: options.date,
              actor: { userId: actor.userId, displayName: actor.displayName },
            });
            console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
          });
        } catch (error) {
          if (error instanceof SimulationInputError) throw new CliInputError(error.message);
          throw error;
        }
      }),
    );
}
