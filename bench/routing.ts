/**
 * Benchmark of the pure routing core.
 *
 *   node --import tsx bench/routing.ts [--json] [--smoke]
 *
 * Setup: agents with random multi-skill profiles over a skill catalogue, queues needing one or two
 * skills (some widen, some overflow), everyone logged in, then arrivals until every qualified agent
 * is busy and the target number of interactions waits. The measured phase interleaves arrivals,
 * call ends, wrap-ups, breaks and returns from break; every offer is accepted at once. Time is
 * virtual (5 ms per operation), so widening and overflow timers fire during the run.
 *
 * A "routing decision" is one offer. Throughput is offers per second of CPU time used by the
 * measured phase (router calls of every kind, garbage collection and this driver's own bookkeeping
 * included), so other busy processes on the machine do not distort it; the same per second of
 * wall-clock time spent inside router calls is printed too. Latency is the wall-clock duration of
 * each router call that produced an offer.
 */
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../packages/server/src/platform/clock.ts';
import { seededRandom, type RandomSource } from '../packages/server/src/platform/random.ts';
import { Router, type RoutingResult } from '../packages/server/src/routing/domain/router.ts';
import { parseAgentProfile, parseQueueSet } from '../packages/server/src/routing/schemas.ts';

interface Size {
  agents: number;
  skills: number;
  queues: number;
  queued: number;
  operations: number;
}

interface Measurement {
  agents: number;
  queuedInteractions: number;
  operations: number;
  decisions: number;
  decisionsPerSecond: number;
  operationsPerSecond: number;
  /** Decisions per second of wall-clock time inside router calls: lower when other processes compete for the CPU. */
  decisionsPerWallSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  setupSeconds: number;
}

const STRATEGIES = ['longest_idle', 'most_skilled', 'round_robin', 'least_occupied'] as const;
const MS_PER_OPERATION = 5;

function integer(rng: RandomSource, low: number, high: number): number {
  return low + Math.floor(rng.next() * (high - low + 1));
}

function distinctSkills(rng: RandomSource, count: number, catalogue: number): string[] {
  const chosen = new Set<string>();
  while (chosen.size < count) chosen.add(`skill-${Math.floor(rng.next() * catalogue)}`);
  return [...chosen];
}

/** Random pick from a list with O(1) removal (order does not matter). */
class Bag<T> {
  private readonly items: T[] = [];
  get size(): number {
    return this.items.length;
  }
  add(item: T): void {
    this.items.push(item);
  }
  take(rng: RandomSource): T | undefined {
    if (this.items.length === 0) return undefined;
    const index = Math.floor(rng.next() * this.items.length);
    const last = this.items.pop() as T;
    if (index === this.items.length) return last;
    const taken = this.items[index] as T;
    this.items[index] = last;
    return taken;
  }
}

function run(size: Size, seed: number): Measurement {
  const rng = seededRandom(seed);
  const clock = new ManualClock(Date.UTC(2025, 0, 6, 0, 0, 0));
  const router = new Router({ clock });
  const setupStart = performance.now();

  const queues = parseQueueSet(
    Array.from({ length: size.queues }, (_, index) => ({
      id: `queue-${index}`,
      tenantId: 'bench',
      businessLineId: `line-${index % 5}`,
      priority: integer(rng, 0, 3),
      strategy: STRATEGIES[index % STRATEGIES.length],
      skills: distinctSkills(rng, integer(rng, 1, 2), size.skills).map((skill) => ({ skill, minLevel: integer(rng, 1, 5) })),
      widening: index % 3 === 0 ? [{ afterSeconds: 30, levelReduction: 2 }] : [],
      overflow: index % 5 === 0 ? { afterSeconds: 120, queueId: `queue-${(index + 1) % size.queues}` } : null,
      // Agents here end their own wrap-up; a generous maximum keeps the router's timer out of the way.
      maxWrapUpSeconds: 3600,
    })),
  );
  check(router.setQueues(queues));
  const queueIds = queues.map((queue) => queue.id);

  const agentIds: string[] = [];
  for (let index = 0; index < size.agents; index++) {
    const skills = Object.fromEntries(distinctSkills(rng, integer(rng, 4, 10), size.skills).map((skill) => [skill, integer(rng, 1, 10)]));
    const id = `agent-${index}`;
    agentIds.push(id);
    check(router.upsertAgent(parseAgentProfile({ id, tenantId: 'bench', skills })));
  }

  const talking = new Bag<[string, string]>();
  const wrapping = new Bag<[string, string]>();
  const onBreak = new Bag<string>();
  let waiting = 0;
  let nextInteraction = 0;

  /** Carries out the decisions as a desktop would: every offer is accepted at once. */
  const followUp = (result: RoutingResult, timed: (call: () => RoutingResult) => RoutingResult): number => {
    let offers = 0;
    for (const decision of result.decisions) {
      if (decision.type === 'queued') waiting++;
      else if (decision.type === 'offer') {
        offers++;
        waiting--;
        check(timed(() => router.agentEvent(decision.agentId, { type: 'accept', interactionId: decision.interactionId })));
        talking.add([decision.agentId, decision.interactionId]);
      } else if (decision.type === 'limit_reached') waiting--;
    }
    return offers;
  };
  const untimed = (call: () => RoutingResult) => call();
  const arrive = (timed: (call: () => RoutingResult) => RoutingResult) => {
    const queueId = queueIds[Math.floor(rng.next() * queueIds.length)] as string;
    return timed(() => router.enqueue({ interactionId: `i-${nextInteraction++}`, queueId, priority: rng.next() < 0.05 ? 10 : 0 }));
  };

  for (const id of agentIds) {
    check(router.agentEvent(id, { type: 'login' }));
    check(router.agentEvent(id, { type: 'set_ready' }));
  }
  while (waiting < size.queued) followUp(check(arrive(untimed)), untimed);
  const setupSeconds = (performance.now() - setupStart) / 1000;

  const latencies = new Float64Array(size.operations);
  let decisionSamples = 0;
  let timeInRouter = 0;
  let decisions = 0;
  let operations = 0;
  let lastElapsed = 0;
  const timed = (call: () => RoutingResult): RoutingResult => {
    const start = performance.now();
    const result = call();
    lastElapsed = performance.now() - start;
    timeInRouter += lastElapsed;
    operations++;
    return result;
  };

  const cpuBefore = process.cpuUsage();
  while (operations < size.operations) {
    clock.advance(MS_PER_OPERATION);
    const roll = rng.next();
    let result: RoutingResult;
    if (roll < 0.05 && onBreak.size > 0) {
      const agentId = onBreak.take(rng) as string;
      result = timed(() => router.agentEvent(agentId, { type: 'set_ready' }));
    } else if (roll < 0.1) {
      // Mostly agents in a call: their break starts once the call and its wrap-up are over.
      const agentId = agentIds[Math.floor(rng.next() * agentIds.length)] as string;
      if (router.agentState(agentId)?.presence !== 'ready') continue;
      result = timed(() => router.agentEvent(agentId, { type: 'set_not_ready', reason: 'break' }));
      onBreak.add(agentId);
    } else if (roll < 0.45 && wrapping.size > 0) {
      const [agentId, interactionId] = wrapping.take(rng) as [string, string];
      result = timed(() => router.agentEvent(agentId, { type: 'wrap_up_done', interactionId }));
    } else if (waiting < size.queued || talking.size === 0) {
      result = arrive(timed);
    } else {
      const [agentId, interactionId] = talking.take(rng) as [string, string];
      result = timed(() => router.agentEvent(agentId, { type: 'interaction_ended', interactionId }));
      wrapping.add([agentId, interactionId]);
    }
    check(result);
    const elapsed = lastElapsed;
    const offers = followUp(result, timed);
    if (offers > 0 && decisionSamples < latencies.length) latencies[decisionSamples++] = elapsed;
    decisions += offers;
  }

  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const sorted = latencies.slice(0, decisionSamples).sort();
  const percentile = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return {
    agents: size.agents,
    queuedInteractions: waiting,
    operations,
    decisions,
    decisionsPerSecond: Math.round(decisions / cpuSeconds),
    operationsPerSecond: Math.round(operations / cpuSeconds),
    decisionsPerWallSecond: Math.round(decisions / (timeInRouter / 1000)),
    p50Ms: round(percentile(0.5)),
    p99Ms: round(percentile(0.99)),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    setupSeconds: round(setupSeconds),
  };
}

function check(result: RoutingResult): RoutingResult {
  if (result.error) throw new Error(`router refused: ${result.error.code} ${result.error.message}`);
  return result;
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

const args = new Set(process.argv.slice(2));
const smoke = args.has('--smoke');
const base: Size = smoke
  ? { agents: 300, skills: 20, queues: 10, queued: 60, operations: 5_000 }
  : { agents: 10_000, skills: 100, queues: 50, queued: 2_000, operations: 200_000 };
const scaleOperations = smoke ? 2_000 : 60_000;
const agentSizes = smoke ? [150, 600] : [2_500, 10_000, 40_000];
const depthSizes = smoke ? [20, 120] : [500, 2_000, 8_000];

// A short unmeasured run first, so the measured ones see optimised code.
run({ ...base, operations: Math.min(base.operations, 20_000) }, 1);
const main = run(base, 2);
const byAgents = agentSizes.map((agents) => run({ ...base, agents, operations: scaleOperations }, 3));
const byDepth = depthSizes.map((queued) => run({ ...base, queued, operations: scaleOperations }, 4));

if (args.has('--json')) {
  console.log(
    JSON.stringify({
      ...main,
      skills: base.skills,
      queues: base.queues,
      node: process.version,
      smoke,
      scaling: { byAgents, byDepth },
    }),
  );
} else {
  const line = (m: Measurement) =>
    `${String(m.agents).padStart(7)} agents ${String(m.queuedInteractions).padStart(6)} waiting | ${String(m.decisionsPerSecond).padStart(7)} decisions/s CPU ` +
    `(${String(m.decisionsPerWallSecond).padStart(7)} wall) ` +
    `| p50 ${m.p50Ms.toFixed(4)} ms p99 ${m.p99Ms.toFixed(4)} ms max ${m.maxMs.toFixed(3)} ms | setup ${m.setupSeconds.toFixed(2)} s`;
  console.log(`routing core (${smoke ? 'smoke' : 'full'}): ${base.skills} skills, ${base.queues} queues, Node ${process.version}`);
  console.log(`main run, ${main.operations} operations, ${main.decisions} decisions`);
  console.log(line(main));
  console.log('cost as agents grow:');
  byAgents.forEach((m) => console.log(line(m)));
  console.log('cost as queue depth grows:');
  byDepth.forEach((m) => console.log(line(m)));
}
