/**
 * Load benchmark of the live contact center, against a real server process.
 *
 *   node --import tsx bench/load.ts [--json] [--smoke] [--agents N] [--rate CALLS_PER_S]
 *        [--duration S] [--ready-ratio R] [--database-url postgres://…] [--profile DIR] [--keep]
 *
 * 1. Seeds a fresh database in-process (the demo, then N agents with an API token each and a
 *    supervisor token) and stops; then starts `seatline start` on a free port against it.
 * 2. Opens N agent WebSockets (`/api/ws`, bearer token) and one supervisor wallboard socket.
 * 3. Places simulated calls into the `repair` queue at a steady rate (patience: forever) while the
 *    agents loop ready → offer → accept → break → talk 1–3 s → hang up → wrap up → pause → ready.
 *    Agents become ready a little slower than calls arrive, so calls wait in the queue.
 * 4. Stops placing calls and waits until every call was wrapped up, then reads the interaction
 *    export and checks each call is there with a wrap-up.
 *
 * Offer latency, the headline: for an offer whose call was already in the queue (the export's
 * queuedAt, the server's instant; server and bench share the host's clock) when the agent sent PUT
 * ready, the time from sending that PUT to the offer frame arriving on the agent's socket. It starts
 * when the request is sent, not when it is answered, because the server pushes the offer before it
 * answers the request that made it. Offers to an agent whose PUT ready had been answered before the
 * call was queued give "arrival → offer" (from sending the call's POST). Offers whose call was queued
 * while the agent's PUT ready was in flight are counted as raced (measured from the queueing).
 * Lost interactions: calls attempted that are not in the export answered and wrapped up once the
 * floor drained. Peak RSS: the server's VmHWM (its kernel-kept peak) and the sampled VmRSS.
 *
 * The server and the temporary data are removed at the end, also after a failure or Ctrl-C. The
 * exit code is non-zero when an interaction was lost or the run failed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { seededRandom } from '../packages/server/src/platform/random.ts';
import { freePort } from '../packages/server/src/testing/processes.ts';
import { Floor, type CallRecord } from './load/floor.ts';
import { ApiClient } from './load/http.ts';
import { routeTimings, ServerProcess } from './load/server.ts';
import { QUEUE, seedLoadTenant, type DatabaseEnv } from './load/seed.ts';
import { round, summarize, type Summary } from './load/stats.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_P99_MS = 100;

interface Options {
  json: boolean;
  smoke: boolean;
  agents: number;
  rate: number;
  durationSeconds: number;
  databaseUrl: string | null;
  keep: boolean;
  /** Where to write the server's V8 CPU profile, if anywhere. */
  profileDir: string | null;
  /** Agents become ready at this share of the call rate, so a backlog builds. */
  readyRatio: number;
}

function parseArgs(argv: string[]): Options {
  const flag = (name: string) => argv.includes(name);
  const value = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const smoke = flag('--smoke');
  const number = (name: string, fallback: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const parsed = Number(raw);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} needs a positive number, got ${raw}`);
    return parsed;
  };
  return {
    json: flag('--json'),
    smoke,
    agents: Math.round(number('--agents', smoke ? 20 : 1000)),
    rate: number('--rate', smoke ? 2 : 20),
    durationSeconds: number('--duration', smoke ? 5 : 60),
    databaseUrl: value('--database-url') ?? process.env.BENCH_DATABASE_URL ?? null,
    keep: flag('--keep'),
    profileDir: value('--profile') ? path.resolve(value('--profile')!) : null,
    readyRatio: number('--ready-ratio', 0.95),
  };
}

/** Everything to undo at the end, in reverse order; also run from signal handlers. */
class Cleanup {
  private readonly steps: { name: string; run: () => Promise<void> | void; urgent?: () => void }[] = [];
  add(name: string, run: () => Promise<void> | void, urgent?: () => void): void {
    this.steps.push({ name, run, urgent });
  }
  async runAll(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup (${step.name}) failed:`, error);
      }
    }
  }
  /** Synchronous part only, for a second Ctrl-C. */
  runUrgent(): void {
    for (const step of [...this.steps].reverse()) step.urgent?.();
  }
}

async function createBenchDatabase(baseUrl: string, cleanup: Cleanup): Promise<string> {
  const name = `seatline_bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  cleanup.add('drop database', async () => {
    const client = new pg.Client({ connectionString: baseUrl });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.end();
  });
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

interface ExportRow {
  id: string;
  queuedAt: string;
  answeredAt: string;
  endedAt: string;
  endedBy: string;
  wrapUpEndedAt: string;
  disposition: string;
  outcome: string;
}

/** TcpExt ListenOverflows from /proc/net/netstat: connections dropped from a full listen queue. */
function listenOverflows(): number {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((line) => line.startsWith('TcpExt:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    return Number(values[names.indexOf('ListenOverflows')] ?? 0);
  } catch {
    return 0;
  }
}

async function run(options: Options, cleanup: Cleanup, say: (line: string) => void) {
  const rng = seededRandom(20_260_601);
  let completed = false;
  const random = () => rng.next();

  // ---------------------------------------------------------------- database and seed
  let databaseEnv: DatabaseEnv;
  let databaseKind: 'pglite' | 'postgres';
  const workDir = mkdtempSync(path.join(tmpdir(), 'seatline-bench-load-'));
  const logFile = path.join(workDir, 'server.log');
  cleanup.add('remove temporary directory', () => {
    if (!completed && existsSync(logFile)) {
      const tail = readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
      if (tail.trim()) console.error(`--- last lines of the server log ---\n${tail}`);
    }
    if (options.keep) console.error(`kept ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  });
  if (options.databaseUrl) {
    databaseEnv = { DATABASE_URL: await createBenchDatabase(options.databaseUrl, cleanup) };
    databaseKind = 'postgres';
  } else {
    databaseEnv = { SEATLINE_DATA_DIR: path.join(workDir, 'data') };
    databaseKind = 'pglite';
  }
  say(`seeding ${options.agents} agents with API tokens (${databaseKind}) …`);
  const seeded = await seedLoadTenant(databaseEnv, options.agents);

  // ---------------------------------------------------------------- server
  const port = await freePort();
  const server = new ServerProcess(ROOT, port, databaseEnv, logFile, options.profileDir);
  cleanup.add('stop server', () => server.stop(), () => server.killNow());
  const bootStarted = performance.now();
  await server.waitForHealth(120_000);
  const bootMs = performance.now() - bootStarted;
  server.startSampling(200);
  const rssIdleMb = server.sample()?.rssMb ?? Number.NaN;
  say(`server pid ${server.pid} up at ${server.baseUrl} in ${Math.round(bootMs)} ms, RSS ${rssIdleMb.toFixed(0)} MB`);

  // The telephony side: a gateway's pool of connections, all opened before the load and used in
  // turn (fifo keeps each one busy enough not to idle out), so no call waits for a TCP handshake.
  // Ten seconds' worth of calls may be in flight before one waits in the bench for a connection.
  const callConnections = Math.min(200, Math.ceil(options.rate * 10));
  const callsApi = new ApiClient(server.baseUrl, seeded.supervisorToken, { connections: callConnections, scheduling: 'fifo' });
  const supervisorApi = new ApiClient(server.baseUrl, seeded.supervisorToken);
  cleanup.add('close http clients', () => {
    callsApi.close();
    supervisorApi.close();
  });
  const fetchExport = async (from: Date) => {
    const range = `from=${encodeURIComponent(new Date(from.getTime() - 5 * 60_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 5 * 60_000).toISOString())}`;
    const exported = await supervisorApi.request<ExportRow[]>('GET', `/api/interactions/export?${range}&format=json`);
    if (exported.status !== 200 || !Array.isArray(exported.body)) throw new Error(`export failed: HTTP ${exported.status} ${JSON.stringify(exported.body).slice(0, 300)}`);
    return exported.body;
  };
  const talkMs: [number, number] = [1000, 3000];
  const readyRate = options.rate * options.readyRatio;
  const floor = new Floor(
    {
      wsUrl: `ws://127.0.0.1:${port}/api/ws`,
      baseUrl: server.baseUrl,
      callsApi,
      queue: QUEUE,
      talkMs,
      cycleMs: (options.agents * 1000) / readyRate,
      headStartMs: 1000,
      rng: random,
    },
    seeded.agents,
  );
  cleanup.add('close sockets', () => floor.stop());
  let serverDied: string | null = null;
  server.onUnexpectedExit((code, signal) => {
    serverDied = `the server exited during the run (code ${code}, signal ${signal})`;
    floor.abort();
  });

  // ---------------------------------------------------------------- connect
  const connectStarted = performance.now();
  await floor.connectWallboard(seeded.supervisorToken);
  await floor.connectAll(50);
  await callsApi.warm(callConnections);
  const connectMs = performance.now() - connectStarted;
  const rssConnectedMb = server.sample()?.rssMb ?? Number.NaN;
  say(`${options.agents} agent sockets + 1 wallboard connected in ${(connectMs / 1000).toFixed(1)} s, server RSS ${rssConnectedMb.toFixed(0)} MB`);

  // ---------------------------------------------------------------- load
  const totalCalls = Math.round(options.rate * options.durationSeconds);
  say(`placing ${totalCalls} calls at ${options.rate}/s for ${options.durationSeconds} s; agents ready at ~${readyRate.toFixed(1)}/s …`);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpuBefore = server.sample()?.cpuSeconds ?? 0;
  const clientCpuBefore = process.cpuUsage();
  const wallStart = new Date();
  const overflowsBefore = listenOverflows();
  const loadBefore = loadavg().map((x) => round(x, 2));
  const t0 = performance.now() + 50;
  floor.startAgents(t0);
  await floor.placeCalls(t0, options.rate, totalCalls);
  const lastCallSentAt = Math.max(...floor.calls.map((c) => c.sentAt));
  const placementMs = lastCallSentAt - t0;
  const answeredMs = performance.now() - t0;
  const achievedRate = (totalCalls - 1) / ((lastCallSentAt - floor.calls[0]!.sentAt) / 1000 || 1);
  const backlogAtEnd = floor.calls.filter((c) => c.interactionId && !floor.offeredIds.has(c.interactionId)).length;
  say(`${totalCalls} calls placed in ${(placementMs / 1000).toFixed(1)} s (${achievedRate.toFixed(2)} calls/s), the last answered after ${(answeredMs / 1000).toFixed(1)} s; ${backlogAtEnd} calls not yet offered; draining …`);

  const drainStarted = performance.now();
  const drainTimeoutMs = Math.max(60_000, options.durationSeconds * 2000);
  const unfinished = await floor.drain(drainTimeoutMs, async (pending) => {
    const rows = new Map((await fetchExport(wallStart)).map((row) => [row.id, row]));
    return pending.every((id) => rows.get(id)?.endedAt && !rows.get(id)?.wrapUpEndedAt && rows.get(id)?.outcome);
  });
  const drainMs = performance.now() - drainStarted;
  const loadMs = performance.now() - t0;
  const cpuAfter = server.sample()?.cpuSeconds ?? cpuBefore;
  const clientCpu = process.cpuUsage(clientCpuBefore);
  loop.disable();
  if (serverDied) throw new Error(serverDied);
  say(unfinished === 0 ? `drained in ${(drainMs / 1000).toFixed(1)} s` : `drain stopped after ${(drainMs / 1000).toFixed(1)} s with ${unfinished} calls not wrapped up by an agent`);

  // ---------------------------------------------------------------- verify against the export
  const exported = await fetchExport(wallStart);
  const rows = new Map(exported.map((row) => [row.id, row]));
  const metricsText = await server.metrics().catch(() => '');
  server.sample();
  const peakRssMb = server.peakRssMb;

  completed = true;
  await cleanup.runAll();

  return analyse({
    loadAverage: { before: loadBefore, after: loadavg().map((x) => round(x, 2)) },
    options,
    databaseKind,
    floor,
    rows,
    unfinished,
    seedMs: seeded.seedMs,
    bootMs,
    connectMs,
    placementMs,
    achievedRate,
    backlogAtEnd,
    drainMs,
    loadMs,
    serverCpuSeconds: cpuAfter - cpuBefore,
    clientCpuSeconds: (clientCpu.user + clientCpu.system) / 1e6,
    clientLoopDelayP99Ms: loop.percentile(99) / 1e6,
    rssIdleMb,
    rssConnectedMb,
    peakRssMb,
    metricsText,
    exportRows: exported.length,
    listenOverflows: listenOverflows() - overflowsBefore,
  });
}

function analyse(input: {
  loadAverage: { before: number[]; after: number[] };
  options: Options;
  databaseKind: string;
  floor: Floor;
  rows: Map<string, ExportRow>;
  unfinished: number;
  seedMs: number;
  bootMs: number;
  connectMs: number;
  placementMs: number;
  achievedRate: number;
  backlogAtEnd: number;
  drainMs: number;
  loadMs: number;
  serverCpuSeconds: number;
  clientCpuSeconds: number;
  clientLoopDelayP99Ms: number;
  rssIdleMb: number;
  rssConnectedMb: number;
  peakRssMb: number;
  metricsText: string;
  exportRows: number;
  listenOverflows: number;
}) {
  const { options, floor, rows } = input;

  // Offers: the first offer of each call we placed.
  const waiting: number[] = [];
  const arrival: number[] = [];
  const raced: number[] = [];
  const callWait: number[] = [];
  const waitingByWindow = new Map<number, number[]>();
  const firstOffer = new Set<string>();
  let repeatOffers = 0;
  let foreignOffers = 0;
  const t0 = floor.calls[0]?.sentAt ?? 0;
  for (const offer of floor.offers) {
    const call: CallRecord | undefined = floor.callsById.get(offer.interactionId);
    if (!call) {
      foreignOffers += 1;
      continue;
    }
    if (firstOffer.has(offer.interactionId)) {
      repeatOffers += 1;
      continue;
    }
    firstOffer.add(offer.interactionId);
    callWait.push(offer.at - call.sentAt);
    // The server's own instant the call joined the queue (same host, same clock), as a client timestamp.
    const queuedIso = rows.get(offer.interactionId)?.queuedAt;
    const queuedAt = queuedIso ? Date.parse(queuedIso) - performance.timeOrigin : call.doneAt ?? call.sentAt;
    const ready = offer.ready;
    if (ready && queuedAt <= ready.sentAt) {
      // The call was waiting in the queue when the agent asked to be ready.
      waiting.push(offer.at - ready.sentAt);
      const window = Math.floor((ready.sentAt - t0) / 10_000);
      const list = waitingByWindow.get(window) ?? [];
      list.push(offer.at - ready.sentAt);
      waitingByWindow.set(window, list);
    } else if (ready && ready.doneAt !== null && ready.doneAt <= queuedAt) {
      // The agent was ready (its PUT had been answered) before the call joined the queue.
      arrival.push(offer.at - call.sentAt);
    } else {
      // The call joined the queue while the agent's PUT ready was in flight.
      raced.push(offer.at - Math.max(ready?.sentAt ?? 0, queuedAt));
    }
  }

  // Lost interactions: every attempted call must be in the export, answered and wrapped up.
  let finished = 0;
  let missingFromExport = 0;
  let endedWithoutWrapUp = 0;
  let stillOpen = 0;
  const lostOutcomes = new Map<string, number>();
  for (const call of floor.calls) {
    if (!call.interactionId) continue;
    const row = rows.get(call.interactionId);
    if (!row) missingFromExport += 1;
    else if (row.wrapUpEndedAt && row.answeredAt && row.disposition === 'resolved') finished += 1;
    else if (row.endedAt) {
      endedWithoutWrapUp += 1;
      const key = `${row.endedBy || '?'}:${row.outcome || '?'}`;
      lostOutcomes.set(key, (lostOutcomes.get(key) ?? 0) + 1);
    }
    else stillOpen += 1;
  }
  const attempted = floor.calls.length;
  const placed = floor.calls.filter((c) => c.interactionId).length;
  const lostInteractions = attempted - finished;

  const waitingSummary = summarize(waiting);
  const arrivalSummary = summarize(arrival);
  const roundTrips = Object.fromEntries(
    [...floor.roundTrips.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([label, list]) => {
      const s = summarize(list);
      return [label, { count: s.count, p50Ms: s.p50Ms, p99Ms: s.p99Ms, maxMs: s.maxMs }];
    }),
  );
  const loadSeconds = input.loadMs / 1000;
  return {
    mode: options.smoke ? 'smoke' : 'full',
    database: input.databaseKind,
    agents: options.agents,
    callsPerSecond: options.rate,
    durationSeconds: options.durationSeconds,
    targetP99Ms: TARGET_P99_MS,
    // The headline: agent ready while a call waits → offer on the agent's socket.
    offerLatencyP50Ms: waitingSummary.p50Ms,
    offerLatencyP99Ms: waitingSummary.p99Ms,
    offerLatencyMaxMs: waitingSummary.maxMs,
    offerLatencySamples: waitingSummary.count,
    meetsTarget: waitingSummary.count > 0 && waitingSummary.p99Ms < TARGET_P99_MS,
    offerLatencyP99ByTenSeconds: [...waitingByWindow.entries()].sort(([a], [b]) => a - b).map(([window, list]) => ({ fromSecond: window * 10, ...pick(summarize(list)) })),
    arrivalToOfferP50Ms: arrivalSummary.p50Ms,
    arrivalToOfferP99Ms: arrivalSummary.p99Ms,
    arrivalToOfferSamples: arrivalSummary.count,
    racedOffers: raced.length,
    racedOfferP99Ms: summarize(raced).p99Ms,
    repeatOffers,
    foreignOffers,
    unexpectedOffers: floor.errors.get('unexpected_offer') ?? 0,
    callWaitP50Ms: summarize(callWait).p50Ms,
    callWaitMaxMs: summarize(callWait).maxMs,
    lostInteractions,
    callsAttempted: attempted,
    callsPlaced: placed,
    callsFinished: finished,
    placementErrors: attempted - placed,
    missingFromExport,
    endedWithoutWrapUp,
    /** How the calls that ended without an agent ended: endedBy:outcome. */
    endedWithoutWrapUpBy: Object.fromEntries(lostOutcomes),
    stillOpenAtEnd: stillOpen,
    exportRows: input.exportRows,
    peakRssMb: round(input.peakRssMb),
    rssIdleMb: round(input.rssIdleMb),
    rssConnectedMb: round(input.rssConnectedMb),
    serverCpuPercent: round((input.serverCpuSeconds / loadSeconds) * 100),
    /** Server CPU time per call handled (placed, offered, accepted, hung up, wrapped up): what one core can sustain is 1000 / this calls/s. */
    serverCpuMsPerCall: finished > 0 ? round((input.serverCpuSeconds * 1000) / finished) : null,
    clientCpuPercent: round((input.clientCpuSeconds / loadSeconds) * 100),
    clientLoopDelayP99Ms: round(input.clientLoopDelayP99Ms),
    achievedCallsPerSecond: round(input.achievedRate, 2),
    backlogWhenPlacementEnded: input.backlogAtEnd,
    seedSeconds: round(input.seedMs / 1000),
    serverBootSeconds: round(input.bootMs / 1000),
    connectSeconds: round(input.connectMs / 1000),
    placementSeconds: round(input.placementMs / 1000),
    drainSeconds: round(input.drainMs / 1000),
    drainUnfinished: input.unfinished,
    socketsDropped: floor.socketsDropped,
    /** Connections the kernel dropped because the server did not accept them fast enough (machine-wide counter). */
    listenOverflows: input.listenOverflows,
    wallboardFrames: floor.wallboardFrames,
    offerCancelled: Object.fromEntries(floor.cancelled),
    errors: Object.fromEntries([...floor.errors].filter(([kind]) => kind !== 'unexpected_offer')),
    requestRoundTripMs: roundTrips,
    serverRoutes: routeTimings(input.metricsText)
      .slice(0, 10)
      .map((r) => ({ route: r.route, count: r.count, meanMs: round(r.meanMs), over100ms: round(r.over100msShare * 100) + '%' })),
    /** 1/5/15-minute load averages of the machine when the load started and ended: other busy processes skew every number. */
    machineLoadAverage: input.loadAverage,
    cpus: cpus().length,
    node: process.version,
  };
}

function pick(s: Summary) {
  return { count: s.count, p50Ms: s.p50Ms, p99Ms: s.p99Ms, maxMs: s.maxMs };
}

type Report = ReturnType<typeof analyse>;

function printHuman(r: Report): void {
  const ms = (x: number) => (Number.isFinite(x) ? `${x} ms` : 'n/a');
  console.log(`\nload bench (${r.mode}, ${r.database}): ${r.agents} agents on WebSockets, ${r.callsPerSecond} calls/s for ${r.durationSeconds} s, Node ${r.node}`);
  console.log(`  agent ready while a call waits → offer:  p50 ${ms(r.offerLatencyP50Ms)}  p99 ${ms(r.offerLatencyP99Ms)}  max ${ms(r.offerLatencyMaxMs)}  (${r.offerLatencySamples} offers; target p99 < ${r.targetP99Ms} ms: ${r.meetsTarget ? 'met' : 'NOT met'})`);
  for (const w of r.offerLatencyP99ByTenSeconds) console.log(`      ${String(w.fromSecond).padStart(3)}–${w.fromSecond + 10} s: p50 ${ms(w.p50Ms)}  p99 ${ms(w.p99Ms)}  (${w.count})`);
  console.log(`  call arrives, agent already ready → offer: p50 ${ms(r.arrivalToOfferP50Ms)}  p99 ${ms(r.arrivalToOfferP99Ms)}  (${r.arrivalToOfferSamples} offers); raced ${r.racedOffers}, repeat offers ${r.repeatOffers}`);
  console.log(`  call wait in queue: p50 ${ms(r.callWaitP50Ms)}  max ${ms(r.callWaitMaxMs)}; ${r.backlogWhenPlacementEnded} waiting when placement ended`);
  console.log(`  lost interactions: ${r.lostInteractions}  (attempted ${r.callsAttempted}, placed ${r.callsPlaced}, answered + wrapped up in the export ${r.callsFinished}, missing ${r.missingFromExport}, ended without wrap-up ${r.endedWithoutWrapUp} ${JSON.stringify(r.endedWithoutWrapUpBy)}, still open ${r.stillOpenAtEnd})`);
  console.log(`  server peak RSS: ${r.peakRssMb} MB  (idle ${r.rssIdleMb} MB, ${r.agents} sockets connected ${r.rssConnectedMb} MB)`);
  console.log(`  server CPU during load: ${r.serverCpuPercent}% of one core, ${r.serverCpuMsPerCall ?? 'n/a'} ms per call handled; client CPU ${r.clientCpuPercent}%, client event-loop delay p99 ${r.clientLoopDelayP99Ms} ms`);
  console.log(`  machine: ${r.cpus} CPUs, load average ${r.machineLoadAverage.before.join(' ')} at start, ${r.machineLoadAverage.after.join(' ')} at end`);
  console.log(`  timings: seed ${r.seedSeconds} s, boot ${r.serverBootSeconds} s, connect ${r.connectSeconds} s, placement ${r.placementSeconds} s (${r.achievedCallsPerSecond} calls/s), drain ${r.drainSeconds} s`);
  console.log(`  client round trips (p50 / p99):`);
  for (const [label, s] of Object.entries(r.requestRoundTripMs)) console.log(`      ${label.padEnd(42)} ${String(s.p50Ms).padStart(7)} / ${String(s.p99Ms).padStart(7)} ms  (${s.count})`);
  console.log(`  server time by route (mean, share over 100 ms):`);
  for (const route of r.serverRoutes) console.log(`      ${route.route.padEnd(42)} ${String(route.meanMs).padStart(7)} ms  ${route.over100ms.padStart(6)}  (${route.count})`);
  const errors = Object.entries(r.errors);
  if (errors.length || Object.keys(r.offerCancelled).length || r.socketsDropped || r.listenOverflows) {
    console.log(`  errors: ${JSON.stringify(r.errors)}; offers cancelled: ${JSON.stringify(r.offerCancelled)}; sockets dropped: ${r.socketsDropped}; listen overflows: ${r.listenOverflows}`);
  }
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const say = (line: string) => (options.json ? console.error(line) : console.log(line));
  const cleanup = new Cleanup();
  let interrupted = 0;
  const onSignal = (signal: string) => {
    interrupted += 1;
    if (interrupted > 1) {
      cleanup.runUrgent();
      process.exit(130);
    }
    console.error(`${signal}: cleaning up …`);
    void cleanup.runAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  try {
    const report = await run(options, cleanup, say);
    if (options.json) console.log(JSON.stringify(report, null, 2));
    else printHuman(report);
    if (report.lostInteractions > 0) {
      console.error(`FAILED: ${report.lostInteractions} interactions lost`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (interrupted) return 130;
    console.error('load bench failed:', error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  } finally {
    await cleanup.runAll();
  }
}

process.exitCode = await main();
