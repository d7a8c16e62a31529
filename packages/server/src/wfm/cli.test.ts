/**
 * The `seatline wfm` CLI contract, as a child process: flag and field names, the values of the
 * published example, Erlang A's extra field, and bad input (exit code 2 naming the flag, 3 for an
 * impossible target). These commands need no database.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { erlangCMetrics, trafficErlangs } from './domain/erlang.ts';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const BIN = path.join(ROOT, 'packages/server/bin/seatline.js');
const SLOW = { timeout: 120_000 };
const scratch = mkdtempSync(path.join(tmpdir(), 'seatline-wfm-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function seatline(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...env, SEATLINE_DATA_DIR: scratch, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const EXAMPLE = ['--calls', '100', '--interval-minutes', '30', '--aht-seconds', '180', '--sl-target', '0.8', '--sl-seconds', '20'];
const staffing = (...args: string[]) => seatline('wfm', 'staffing', ...args);

describe('seatline wfm staffing', () => {
  it('prints the contract fields for the published example (A = 10, 80/20, 30% shrinkage, 85% cap)', SLOW, async () => {
    const result = await staffing(...EXAMPLE, '--shrinkage', '0.3', '--max-occupancy', '0.85', '--json');
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as Record<string, number>;
    expect(Object.keys(out)).toEqual(['rawAgents', 'agents', 'serviceLevel', 'asaSeconds', 'occupancy', 'waitProbability']);
    expect(out).toMatchObject({ rawAgents: 14, agents: 20 });
    expect(out.serviceLevel).toBeCloseTo(0.88835, 5);
    expect(out.asaSeconds).toBeCloseTo(7.836, 3);
    expect(out.occupancy).toBeCloseTo(10 / 14, 6);
    expect(out.waitProbability).toBeCloseTo(0.17413, 5);
    // rawAgents is the smallest count meeting the target: one fewer misses it.
    expect(erlangCMetrics(13, trafficErlangs(100, 30, 180), 180, 20).serviceLevel).toBeLessThan(0.8);
  });

  it('uses Erlang A with --patience-seconds and adds abandonRate; large traffic stays finite', SLOW, async () => {
    const [patient, large] = await Promise.all([
      staffing('--calls', '2000', '--interval-minutes', '30', '--aht-seconds', '180', '--sl-target', '0.8', '--sl-seconds', '20', '--patience-seconds', '60', '--json'),
      staffing('--calls', '2000', '--interval-minutes', '30', '--aht-seconds', '180', '--sl-target', '0.8', '--sl-seconds', '20', '--json'),
    ]);
    expect(patient.code, patient.stderr).toBe(0);
    const withPatience = JSON.parse(patient.stdout) as Record<string, number>;
    expect(Object.keys(withPatience)).toEqual(['rawAgents', 'agents', 'serviceLevel', 'asaSeconds', 'occupancy', 'waitProbability', 'abandonRate']);
    expect(withPatience.rawAgents).toBe(173);
    expect(withPatience.abandonRate).toBeCloseTo(0.139, 3);
    const erlangC = JSON.parse(large.stdout) as Record<string, number>;
    expect(erlangC.rawAgents).toBe(208);
    for (const out of [withPatience, erlangC]) {
      for (const ratio of ['serviceLevel', 'occupancy', 'waitProbability'] as const) {
        expect(out[ratio]).toBeGreaterThanOrEqual(0);
        expect(out[ratio]).toBeLessThanOrEqual(1);
      }
      expect(out.serviceLevel).toBeGreaterThanOrEqual(0.8);
    }
  });

  it('prints a readable summary without --json', SLOW, async () => {
    const result = await staffing(...EXAMPLE, '--shrinkage', '0.3');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Erlang C: 10.00 Erlangs');
    expect(result.stdout).toMatch(/agents on the phones \(raw\): 14/);
    expect(result.stdout).toMatch(/positions after shrinkage: +20/);
  });

  it('refuses bad input with exit code 2 and a message naming the flag; an impossible target exits 3', SLOW, async () => {
    const replace = (flag: string, value: string) => {
      const args = [...EXAMPLE];
      const at = args.indexOf(flag);
      if (at >= 0) args[at + 1] = value;
      else args.push(flag, value);
      return args;
    };
    const cases: [string[], RegExp][] = [
      [replace('--aht-seconds', '0'), /^wfm\.invalid_input: --aht-seconds must be > 0/],
      [replace('--aht-seconds', '-5'), /^wfm\.invalid_input: --aht-seconds must be > 0/],
      [replace('--sl-target', '0'), /^wfm\.invalid_input: --sl-target must be > 0/],
      [replace('--sl-target', '1'), /^wfm\.invalid_input: --sl-target must be < 1/],
      [replace('--shrinkage', '1'), /^wfm\.invalid_input: --shrinkage must be < 1/],
      [replace('--max-occupancy', '1.2'), /^wfm\.invalid_input: --max-occupancy must be ≤ 1/],
      [replace('--calls', 'lots'), /^wfm\.invalid_input: --calls must be a number, got "lots"/],
      [replace('--interval-minutes', '7.5'), /^wfm\.invalid_input: --interval-minutes must be a whole number/],
      [EXAMPLE.slice(0, -2), /^wfm\.invalid_input: --sl-seconds is required/],
    ];
    const results = await Promise.all(cases.map(([args]) => staffing(...args, '--json')));
    results.forEach((result, index) => {
      expect(result.code, `${cases[index]![0].join(' ')} → ${result.stderr}`).toBe(2);
      expect(result.stderr.trim()).toMatch(cases[index]![1]);
      expect(result.stdout).toBe('');
    });

    const impossible = await staffing(...replace('--calls', '100000'), '--max-agents', '500', '--json');
    expect(impossible.code).toBe(3);
    expect(impossible.stderr.trim()).toMatch(/^wfm\.impossible_target: --calls .*needs more than 500 agents/);
  });
});

describe('seatline wfm validate', () => {
  it('simulates a plan file over seeds and prints achieved vs promised per interval', SLOW, async () => {
    const file = path.join(scratch, 'plan.json');
    writeFileSync(file, JSON.stringify({ slTarget: 0.8, slSeconds: 20, intervalMinutes: 30, intervals: Array.from({ length: 8 }, () => ({ calls: 100, ahtSeconds: 180, agents: 14 })) }));
    const result = await seatline('wfm', 'validate', '--plan', file, '--seeds', '3', '--json');
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as { seeds: number; model: string; intervals: { promised: { serviceLevel: number }; achieved: { serviceLevel: { mean: number; low: number; high: number } } }[] };
    expect(report).toMatchObject({ seeds: 3, model: 'erlangC' });
    expect(report.intervals).toHaveLength(8);
    expect(report.intervals[3]!.promised.serviceLevel).toBeCloseTo(0.8884, 4);
    expect(report.intervals[3]!.achieved.serviceLevel.low).toBeLessThanOrEqual(report.intervals[3]!.achieved.serviceLevel.high);

    const text = await seatline('wfm', 'validate', '--plan', file, '--seeds', '2');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('SL formula');

    const missing = await seatline('wfm', 'validate', '--plan', path.join(scratch, 'nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^wfm\.invalid_input: --plan is neither a forecast id nor a readable JSON file/);
    // A forecast id is looked up in the configured database (a fresh one here, so it is not found).
    const unknown = await seatline('wfm', 'validate', '--plan', '00000000-0000-4000-8000-000000000000');
    expect(unknown.code, unknown.stderr).toBe(2);
    expect(unknown.stderr.trim()).toBe('resource.not_found: --plan no forecast with id 00000000-0000-4000-8000-000000000000');
    writeFileSync(file, JSON.stringify({ slTarget: 1.5, slSeconds: 20, intervals: [] }));
    const bad = await seatline('wfm', 'validate', '--plan', file);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^wfm\.invalid_input: --plan slTarget: /);
  });
});
