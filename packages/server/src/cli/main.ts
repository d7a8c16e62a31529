/**
 * The `seatline` command line. Every command that takes --tenant accepts its id or its slug.
 */
import { randomBytes } from 'node:crypto';
import { ROLES, type Role, isRole } from '@seatline/shared';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { createUser, resetPassword } from '../org/commands/users.ts';
import { seedDemoWorld } from '../demo.ts';
import { findTenant, findUserByUsername, listAllTenants } from '../org/repository.ts';
import { AppError } from '../platform/errors.ts';
import { bootRuntime, type Runtime } from '../platform/boot.ts';
import { startServer } from '../server.ts';
import { systemActor } from './system-actor.ts';
import { registerSimulateCommand } from './simulate.ts';
import { registerExportCommands } from './export.ts';
import { registerWfmCommands } from './wfm.ts';
import { errorMessage } from '@seatline/shared';

async function withRuntime<T>(work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await bootRuntime(loadConfig());
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}

async function requireTenant(runtime: Runtime, ref: string) {
  const tenant = await findTenant(runtime.ctx.database.db, ref);
  if (!tenant) throw new CliError(`No tenant with id or slug "${ref}"`);
  return tenant;
}

class CliError extends Error {}

const program = new Command('seatline').description('Seatline contact-center platform').showHelpAfterError();

program.command('start').description('Start the server (API, web app, workers) on one port').action(async () => {
  await startServer(loadConfig());
});

program.command('migrate').description('Apply database migrations and exit').action(async () => {
  await withRuntime(async (runtime) => console.log(`Migrations applied (${runtime.ctx.database.kind}).`));
});

program.command('seed-demo').description('Seed the demo tenants and users if they do not exist').action(async () => {
  await withRuntime(async (runtime) => {
    const logins = await seedDemoWorld(runtime);
    console.log(logins ? `Seeded ${logins.length} demo users.` : 'The demo is already seeded.');
  });
});

const tenantCommand = program.command('tenant').description('Tenants');
tenantCommand.command('list').option('--json', 'print JSON').action(async (options: { json?: boolean }) => {
  await withRuntime(async (runtime) => {
    const tenants = await listAllTenants(runtime.ctx.database.db);
    const rows = tenants.map((t) => ({ id: t.id, slug: t.slug, name: t.name, kind: t.kind, operatorId: t.operatorId, status: t.status }));
    if (options.json) console.log(JSON.stringify(rows, null, 2));
    else for (const t of rows) console.log(`${t.id}  ${t.slug.padEnd(16)} ${t.kind.padEnd(9)} ${t.status.padEnd(9)} ${t.name}`);
  });
});

const userCommand = program.command('user').description('Users');
userCommand
  .command('create')
  .requiredOption('--tenant <idOrSlug>', 'tenant id or slug')
  .requiredOption('--username <username>')
  .option('--name <displayName>', 'display name (defaults to the username)')
  .addOption(new Option('--role <role...>', 'one or more roles').choices([...ROLES]).makeOptionMandatory())
  .option('--password <password>', 'initial password (a random one is generated and printed if omitted)')
  .option('--json', 'print JSON')
  .action(async (options: { tenant: string; username: string; name?: string; role: string[]; password?: string; json?: boolean }) => {
    await withRuntime(async (runtime) => {
      const tenant = await requireTenant(runtime, options.tenant);
      const password = options.password ?? `${randomBytes(9).toString('base64url')}7a`;
      const roles = options.role.filter(isRole) as Role[];
      const created = await createUser(runtime.ctx, systemActor(tenant), {
        username: options.username,
        displayName: options.name ?? options.username,
        password,
        roles,
      });
      const out = { id: created.user.id, username: created.user.username, tenant: tenant.slug, roles, ...(options.password ? {} : { password }) };
      console.log(options.json ? JSON.stringify(out) : `Created ${out.username} in ${tenant.slug}${options.password ? '' : `; password: ${password}`}`);
    });
  });

userCommand
  .command('reset-password')
  .requiredOption('--tenant <idOrSlug>', 'tenant id or slug (the user’s home tenant)')
  .requiredOption('--username <username>')
  .option('--password <password>', 'new password (a random one is generated and printed if omitted)')
  .action(async (options: { tenant: string; username: string; password?: string }) => {
    await withRuntime(async (runtime) => {
      const tenant = await requireTenant(runtime, options.tenant);
      const user = await findUserByUsername(runtime.ctx.database.db, options.username);
      if (!user) throw new CliError(`No user "${options.username}"`);
      const password = options.password ?? `${randomBytes(9).toString('base64url')}7a`;
      await resetPassword(runtime.ctx, systemActor(tenant), user.id, password);
      console.log(`Password reset for ${user.username}; their sessions were ended${options.password ? '' : `. New password: ${password}`}`);
    });
  });

registerWfmCommands(program);

registerSimulateCommand(program);
registerExportCommands(program);

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ConfigError || error instanceof CliError) {
    console.error(error.message);
  } else if (error instanceof AppError) {
    const details = error.details ? ` ${JSON.stringify(error.details)}` : '';
    console.error(`${error.code}: ${errorMessage(error.code, 'en')} / ${errorMessage(error.code, 'zh-CN')}${details}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}
