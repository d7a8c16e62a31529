/**
 * The `seatline` command line as a child process, on one data directory (PGlite) or one fresh
 * PostgreSQL database (TEST_DATABASE_URL) shared by the tests of this file, which run in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login } from '../org/commands/auth.ts';
import { findUserByUsername } from '../org/repository.ts';
import { AppError } from '../platform/errors.ts';
import { cliWorkspace, expectSuccess } from '../testing/cli.ts';
import { usingPostgres } from '../testing/harness.ts';

const SLOW = { timeout: 120_000 };

const cli = cliWorkspace('seatline-cli-');
const { seatline, withRuntimeOnSameDatabase } = cli;

beforeAll(() => cli.setUp());

afterAll(() => cli.tearDown());

describe(`seatline CLI (${usingPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let propertyId = '';

  it('migrate applies the migrations, and again is a no-op', SLOW, async () => {
    const first = await seatline('migrate');
    expectSuccess(first);
    expect(first.stdout).toContain(`Migrations applied (${usingPostgres ? 'postgres' : 'pglite'}).`);
    const again = await seatline('migrate');
    expectSuccess(again);
    expect(again.stdout).toContain('Migrations applied');
  });

  it('seed-demo seeds once, then says it is already seeded', SLOW, async () => {
    const first = await seatline('seed-demo');
    expectSuccess(first);
    expect(first.stdout).toMatch(/Seeded \d+ demo users\./);
    const second = await seatline('seed-demo');
    expectSuccess(second);
    expect(second.stdout).toContain('The demo is already seeded.');
  });

  it('tenant list --json prints the tenants as JSON', SLOW, async () => {
    const result = await seatline('tenant', 'list', '--json');
    expectSuccess(result);
    const tenants = JSON.parse(result.stdout) as { id: string; slug: string; kind: string; operatorId: string | null }[];
    expect(Array.isArray(tenants)).toBe(true);
    expect(tenants.map((t) => t.slug).sort()).toEqual(['property', 'seatline-ops', 'shop']);
    for (const tenant of tenants) expect(tenant.id).toMatch(/^[0-9a-f-]{36}$/);
    const operator = tenants.find((t) => t.slug === 'seatline-ops')!;
    expect(operator.kind).toBe('operator');
    expect(tenants.find((t) => t.slug === 'property')).toMatchObject({ kind: 'client', operatorId: operator.id });
    propertyId = tenants.find((t) => t.slug === 'property')!.id;

    const plain = await seatline('tenant', 'list');
    expectSuccess(plain);
    expect(plain.stdout).toContain(propertyId);
    expect(plain.stdout).toContain('seatline-ops');
  });

  it('user create works with a tenant slug and with a tenant id', SLOW, async () => {
    expect(propertyId).not.toBe('');
    const bySlug = await seatline('user', 'create', '--tenant', 'property', '--username', 'cli.agent', '--role', 'agent', '--password', 'Good-pass-123', '--json');
    expectSuccess(bySlug);
    const created = JSON.parse(bySlug.stdout) as Record<string, unknown>;
    expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), username: 'cli.agent', tenant: 'property', roles: ['agent'] });

    const byId = await seatline('user', 'create', '--tenant', propertyId, '--username', 'cli.agent2', '--name', '命令行座席', '--role', 'agent', 'qa_inspector', '--password', 'Good-pass-123', '--json');
    expectSuccess(byId);
    expect(JSON.parse(byId.stdout)).toMatchObject({ username: 'cli.agent2', tenant: 'property', roles: ['agent', 'qa_inspector'] });

    // Without --password a password is generated and printed, and it satisfies the policy.
    const generated = await seatline('user', 'create', '--tenant', 'shop', '--username', 'cli.generated', '--role', 'agent', '--json');
    expectSuccess(generated);
    const withPassword = JSON.parse(generated.stdout) as { password: string };
    expect(withPassword).toMatchObject({ username: 'cli.generated', tenant: 'shop', password: expect.any(String) });

    // The same username again is refused.
    const duplicate = await seatline('user', 'create', '--tenant', 'property', '--username', 'cli.agent', '--role', 'agent', '--password', 'Good-pass-123');
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toMatch(/conflict/i);

    await withRuntimeOnSameDatabase(async (runtime) => {
      const ok = await login(runtime.ctx, { username: 'cli.generated', password: withPassword.password, ip: 'test' });
      expect(ok.actor.tenant.slug).toBe('shop');
      const second = await login(runtime.ctx, { username: 'cli.agent2', password: 'Good-pass-123', ip: 'test' });
      expect(second.actor.displayName).toBe('命令行座席');
      expect(second.actor.tenant.id).toBe(propertyId);
    });
  });

  it('a weak password fails with exit code 1 and auth.weak_password', SLOW, async () => {
    const result = await seatline('user', 'create', '--tenant', 'property', '--username', 'cli.weak', '--role', 'agent', '--password', 'short1');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('auth.weak_password');
    expect(result.stdout).toBe('');
  });

  it('an unknown tenant fails with a clear message', SLOW, async () => {
    const result = await seatline('user', 'create', '--tenant', 'no-such-tenant', '--username', 'cli.lost', '--role', 'agent', '--password', 'Good-pass-123');
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('No tenant with id or slug "no-such-tenant"');

    const reset = await seatline('user', 'reset-password', '--tenant', 'property', '--username', 'nobody.here', '--password', 'Other-pass-456');
    expect(reset.code).toBe(1);
    expect(reset.stderr.trim()).toBe('No user "nobody.here"');
  });

  it('reset-password sets a password the user can log in with', SLOW, async () => {
    const result = await seatline('user', 'reset-password', '--tenant', 'property', '--username', 'cli.agent', '--password', 'Other-pass-456');
    expectSuccess(result);
    expect(result.stdout).toContain('Password reset for cli.agent');

    await withRuntimeOnSameDatabase(async (runtime) => {
      const session = await login(runtime.ctx, { username: 'cli.agent', password: 'Other-pass-456', ip: 'test' });
      expect(session.token).toMatch(/^sls_/);
      expect(session.actor).toMatchObject({ username: 'cli.agent', tenant: { slug: 'property' } });
      expect(session.actor.roles).toEqual(['agent']);
      const old = login(runtime.ctx, { username: 'cli.agent', password: 'Good-pass-123', ip: 'test' });
      await expect(old).rejects.toBeInstanceOf(AppError);
      await expect(old).rejects.toMatchObject({ code: 'auth.invalid_credentials' });
      // Nothing was created by the failed commands.
      expect(await findUserByUsername(runtime.ctx.database.db, 'cli.weak')).toBeUndefined();
      expect(await findUserByUsername(runtime.ctx.database.db, 'cli.lost')).toBeUndefined();
    });
  });
});
