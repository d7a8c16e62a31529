/**
 * Browser test runner: `node --import tsx e2e/run.ts [filter]`.
 * It builds nothing: the web app must already be built (`npm run build:web`). It starts the server
 * on a free port with a fresh data directory, waits for /api/health, runs every e2e/*.e2e.ts file
 * in Chromium (playwright-core + Debian chromium), prints the results, stops the server and exits
 * non-zero on any failure. Screenshots and the server log go to test-results/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { freePort, stopGracefully } from '../packages/server/src/testing/processes.ts';
import { RESULTS_DIR, ROOT, screenshotter, type E2eTest } from './harness.ts';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const HEALTH_TIMEOUT_MS = Number(process.env.E2E_HEALTH_TIMEOUT_MS ?? 120_000);
const TEST_TIMEOUT_MS = Number(process.env.E2E_TEST_TIMEOUT_MS ?? 120_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForHealth(baseUrl: string, server: ChildProcess): Promise<unknown> {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`the server exited (code ${server.exitCode}, signal ${server.signalCode}) before /api/health answered; see test-results/server.log`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return await response.json();
      lastError = new Error(`HTTP ${response.status}`);
    } catch (error) {
      lastError = error;
    }
    await sleep(250);
  }
  throw new Error(`/api/health did not answer within ${HEALTH_TIMEOUT_MS} ms: ${String(lastError)}`);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function loadTests(filter: string | undefined): Promise<{ file: string; test: E2eTest }[]> {
  const dir = path.join(ROOT, 'e2e');
  const files = readdirSync(dir).filter((name) => name.endsWith('.e2e.ts')).sort();
  const found: { file: string; test: E2eTest }[] = [];
  for (const file of files) {
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { tests?: E2eTest[] };
    for (const test of mod.tests ?? []) {
      if (!filter || `${file} ${test.name}`.includes(filter)) found.push({ file, test });
    }
  }
  return found;
}

async function main(): Promise<number> {
  const filter = process.argv[2];
  mkdirSync(RESULTS_DIR, { recursive: true });
  if (!existsSync(path.join(ROOT, 'packages/web/dist/index.html'))) {
    console.error('packages/web/dist is missing: run `npm run build:web` first (this runner builds nothing).');
    return 1;
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.error(`Chromium not found at ${executablePath}: run \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
    return 1;
  }

  const tests = await loadTests(filter);
  if (tests.length === 0) {
    console.error('no e2e tests found');
    return 1;
  }

  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'seatline-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverLog = createWriteStream(path.join(RESULTS_DIR, 'server.log'));
  const server = spawn(process.execPath, [path.join(ROOT, 'packages/server/bin/seatline.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), SEATLINE_DATA_DIR: dataDir, SEATLINE_SIMULATION: 'off',
      // Every browser test logs in from 127.0.0.1; the per-address login limit would otherwise trip mid-suite.
      SEATLINE_LOGIN_RATE_PER_MINUTE: '1000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.pipe(serverLog, { end: false });
  server.stderr?.pipe(serverLog, { end: false });
  const onSignal = () => {
    server.kill('SIGKILL');
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let browser: Browser | null = null;
  const results: { name: string; ok: boolean; ms: number; error?: unknown }[] = [];
  try {
    const started = Date.now();
    const health = await waitForHealth(baseUrl, server);
    console.log(`server up at ${baseUrl} in ${Date.now() - started} ms: ${JSON.stringify(health)}`);
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });

    for (const { file, test } of tests) {
      const name = `${file} › ${test.name}`;
      const t0 = Date.now();
      try {
        await withTimeout(
          test.run({
            baseUrl,
            browser,
            screenshot: screenshotter(`${file.replace(/\.e2e\.ts$/, '')}-${test.name}`),
            log: (message) => console.log(`    ${message}`),
          }),
          TEST_TIMEOUT_MS,
          name,
        );
        results.push({ name, ok: true, ms: Date.now() - t0 });
        console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
      } catch (error) {
        results.push({ name, ok: false, ms: Date.now() - t0, error });
        console.log(`  ✗ ${name} (${Date.now() - t0} ms)`);
        console.log(`    ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`.replace(/\n/g, '\n    '));
      }
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    results.push({ name: 'setup', ok: false, ms: 0, error });
  } finally {
    await browser?.close().catch(() => undefined);
    await stopGracefully(server);
    serverLog.end();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    rmSync(dataDir, { recursive: true, force: true });
  }

  const failed = results.filter((result) => !result.ok);
  console.log(`\n${results.length - failed.length} passed, ${failed.length} failed; screenshots in ${path.relative(ROOT, RESULTS_DIR)}/`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
