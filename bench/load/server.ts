/**
 * The server under test: `seatline start` in a child process on a free port, its log kept in a
 * file, and its memory and CPU sampled from /proc while the benchmark runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { stopGracefully } from '../../packages/server/src/testing/processes.ts';
import type { DatabaseEnv } from './seed.ts';

const CLOCK_TICKS_PER_SECOND = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface ProcSample {
  rssMb: number;
  hwmMb: number;
  cpuSeconds: number;
}

/** VmRSS, VmHWM (the kernel's own peak) and user+system CPU time of a live process, or null once it is gone. */
export function readProc(pid: number): ProcSample | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
    // Fields after the command name, which sits in parentheses and may contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024, cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND };
  } catch {
    return null;
  }
}

export class ServerProcess {
  readonly baseUrl: string;
  private readonly child: ChildProcess;
  private readonly log: WriteStream;
  private sampler: NodeJS.Timeout | null = null;
  /** Highest VmRSS sampled and highest VmHWM read, in MiB. */
  peakRssMb = 0;
  lastSample: ProcSample | null = null;
  private stopping = false;

  constructor(root: string, port: number, databaseEnv: DatabaseEnv, logFile: string, profileDir: string | null = null) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.log = createWriteStream(logFile);
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    delete env.SEATLINE_DATA_DIR;
    Object.assign(env, databaseEnv, {
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // The bench seeded everything itself; the background demo traffic would skew the numbers.
      SEATLINE_SEED_DEMO: 'off',
      SEATLINE_SIMULATION: 'off',
    });
    // V8's CPU profile of the server, written when it exits (open it in Chrome DevTools).
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    this.child = spawn(process.execPath, [...profile, path.join(root, 'packages/server/bin/seatline.js'), 'start'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(this.log, { end: false });
    this.child.stderr?.pipe(this.log, { end: false });
  }

  /** Calls `listener` if the server exits before `stop()`. */
  onUnexpectedExit(listener: (code: number | null, signal: string | null) => void): void {
    this.child.once('exit', (code, signal) => {
      if (!this.stopping) listener(code, signal);
    });
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  async waitForHealth(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError: unknown = null;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`the server exited (code ${this.child.exitCode}, signal ${this.child.signalCode}) before /api/health answered`);
      try {
        const response = await fetch(`${this.baseUrl}/api/health`);
        if (response.ok) return;
        lastError = new Error(`HTTP ${response.status}`);
      } catch (error) {
        lastError = error;
      }
      await sleep(200);
    }
    throw new Error(`/api/health did not answer within ${timeoutMs} ms: ${String(lastError)}`);
  }

  sample(): ProcSample | null {
    const sample = readProc(this.pid);
    if (sample) {
      this.lastSample = sample;
      this.peakRssMb = Math.max(this.peakRssMb, sample.rssMb, sample.hwmMb);
    }
    return sample;
  }

  startSampling(intervalMs: number): void {
    this.sample();
    this.sampler = setInterval(() => this.sample(), intervalMs);
    this.sampler.unref();
  }

  stopSampling(): void {
    if (this.sampler) clearInterval(this.sampler);
    this.sampler = null;
    this.sample();
  }

  /** The server's Prometheus text, for the per-route timings. */
  async metrics(): Promise<string> {
    const response = await fetch(`${this.baseUrl}/metrics`);
    return response.ok ? response.text() : '';
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.stopSampling();
    await stopGracefully(this.child);
    await new Promise<void>((resolve) => this.log.end(() => resolve()));
  }

  /** Last resort from a signal or exit handler: no waiting. */
  killNow(): void {
    this.stopping = true;
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

/** Mean server-side duration per route from the seatline_http_request_duration_seconds histogram. */
export function routeTimings(metricsText: string): { route: string; count: number; meanMs: number; over100msShare: number }[] {
  const sums = new Map<string, { sum: number; count: number; le100: number }>();
  const line = /^seatline_http_request_duration_seconds_(sum|count|bucket)\{([^}]*)\} ([0-9.e+-]+)$/;
  for (const text of metricsText.split('\n')) {
    const match = text.match(line);
    if (!match) continue;
    const labels = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
    const key = `${labels.method} ${labels.route}`;
    const entry = sums.get(key) ?? { sum: 0, count: 0, le100: 0 };
    const value = Number(match[3]);
    if (match[1] === 'sum') entry.sum += value;
    else if (match[1] === 'count') entry.count += value;
    else if (labels.le === '0.1') entry.le100 += value;
    sums.set(key, entry);
  }
  return [...sums.entries()]
    .filter(([, e]) => e.count > 0)
    .map(([route, e]) => ({ route, count: e.count, meanMs: (e.sum / e.count) * 1000, over100msShare: 1 - e.le100 / e.count }))
    .sort((a, b) => b.count * b.meanMs - a.count * a.meanMs);
}
