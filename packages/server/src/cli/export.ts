/**
 * `seatline export interactions --tenant T --from ISO --to ISO --format csv|json [--out file]`: the
 * same export as `GET /api/interactions/export` (same columns, same audit entry), run as the CLI's
 * system actor, so unmasked. Also the small helpers the CLI commands of this folder share.
 */
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { exportInteractions } from '../interactions/commands/export.ts';
import { toCsv } from '../interactions/presenters.ts';
import { findTenant, type TenantRow } from '../org/repository.ts';
import { bootRuntime, type Runtime } from '../platform/boot.ts';
import { AppError } from '../platform/errors.ts';
import { systemActor } from './system-actor.ts';

/** A mistake in the command's input: printed as is, exit code 1. */
export class CliInputError extends Error {}

/** Runs a command's work; input errors print their message and set exit code 1, anything else goes to the CLI's handler. */
export async function cliAction(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof CliInputError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}

export async function withCliRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await bootRuntime(loadConfig());
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

export async function requireCliTenant(runtime: Runtime, ref: string): Promise<TenantRow> {
  const tenant = await findTenant(runtime.ctx.database.db, ref);
  if (!tenant) throw new CliInputError(`No tenant with id or slug "${ref}"`);
  return tenant;
}

const instant = z.iso.datetime({ offset: true });

function parseInstant(name: string, value: string): Date {
  if (!instant.safeParse(value).success) {
    throw new CliInputError(`--${name} must be an ISO-8601 date-time with a UTC offset, e.g. 2026-03-02T00:00:00+08:00; got "${value}"`);
  }
  return new Date(value);
}

/** Writes to standard output; a reader that went away early (`| head`) is not an error. */
function writeStdout(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The socket also emits the failure as an event, after the callback: keep a listener for it.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') console.error(error);
    });
    process.stdout.write(text, (error) => {
      if (!error || (error as NodeJS.ErrnoException).code === 'EPIPE') resolve();
      else reject(error);
    });
  });
}

interface ExportOptions {
  tenant: string;
  from: string;
  to: string;
  format: 'csv' | 'json';
  out?: string;
}

export function registerExportCommands(program: Command): void {
  const exportCommand = program.command('export').description('Export records');
  exportCommand
    .command('interactions')
    .description('Export interaction records with every lifecycle timestamp (the columns of GET /api/interactions/export)')
    .requiredOption('--tenant <idOrSlug>', 'tenant id or slug')
    .requiredOption('--from <iso>', 'arrivals from this instant (inclusive), ISO-8601 with offset')
    .requiredOption('--to <iso>', 'arrivals before this instant, ISO-8601 with offset')
    .addOption(new Option('--format <format>', 'output format').choices(['csv', 'json']).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .action((options: ExportOptions) =>
      cliAction(async () => {
        const from = parseInstant('from', options.from);
        const to = parseInstant('to', options.to);
        if (to <= from) throw new CliInputError('--to must be later than --from');
        await withCliRuntime(async (runtime) => {
          const tenant = await requireCliTenant(runtime, options.tenant);
          let rows;
          try {
            rows = await exportInteractions(runtime.ctx, systemActor(tenant), { from, to }, options.format);
          } catch (error) {
            const reason = error instanceof AppError && error.code === 'request.invalid' ? (error.details as { reason?: string } | undefined)?.reason : undefined;
            if (reason === 'range_too_long') throw new CliInputError('The range is longer than 366 days; export it in several steps');
            throw error;
          }
          const text = options.format === 'csv' ? toCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`;
          if (options.out) {
            await writeFile(options.out, text, 'utf8');
            console.log(`Exported ${rows.length} interactions of ${tenant.slug} to ${options.out}`);
          } else {
            await writeStdout(text);
          }
        });
      }),
    );
}
