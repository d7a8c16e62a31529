/**
 * Staffing math for one queue and one interval: Erlang B, Erlang C (M/M/n) and Erlang A (M/M/n+M).
 * Formulas and conventions are written up in docs/wfm-math.md; the short version:
 * - traffic A = calls × AHT / interval length, in Erlangs;
 * - Erlang B by the stable recursion B_k = A·B_{k−1} / (k + A·B_{k−1}), so 2,000 calls per 30 min
 *   (hundreds of Erlangs) never overflows the way A^n / n! would;
 * - Erlang A by its exact birth–death chain, in log space, truncated once the rest of the mass is
 *   below e^−37 ≈ 1e−16 of the largest term.
 */
import { WfmInputError, isFiniteNumber, requireInput } from './errors';

/** Above this many agents for one queue-interval the input is treated as a mistake, not a plan. */
export const DEFAULT_MAX_AGENTS = 100_000;

/**
 * Longest mean patience accepted, seconds (about 11.6 days). The queue states to sum grow like
 * (A − n)·patience / AHT, and at this patience Erlang A already matches Erlang C to four decimals.
 */
export const MAX_PATIENCE_SECONDS = 1e6;

/** ln(1e−16): queue states whose whole remaining tail is below this fraction of the mode are dropped. */
const LOG_TRUNCATION = Math.log(1e-16);

// ---------------------------------------------------------------------------------------------
// Exact ceilings.
//
// Convention: every decimal input (shrinkage, max occupancy, calls, AHT, interval) means the
// shortest decimal that round-trips to the same double, i.e. what a person typed: 0.3 is 3/10, not
// 0.299999999999999988897769753748. Ceilings are computed in floating point and, only when the
// float result is within 1e−9 of an integer (where rounding error could flip it), recomputed
// exactly on those decimals with BigInt. So 21 / (1 − 0.3) is exactly 30, never 31.
// ---------------------------------------------------------------------------------------------

interface Fraction {
  numerator: bigint;
  denominator: bigint;
}

const NEAR_INTEGER = 1e-9;

/** The exact value of the decimal a non-negative finite double prints as. */
export function decimalFraction(value: number): Fraction {
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`expected a non-negative finite number, got ${value}`);
  const whole = match[1] ?? '0';
  const decimals = match[2] ?? '';
  const exponent = Number(match[3] ?? '0') - decimals.length;
  const digits = BigInt(whole + decimals);
  return exponent >= 0
    ? { numerator: digits * 10n ** BigInt(exponent), denominator: 1n }
    : { numerator: digits, denominator: 10n ** BigInt(-exponent) };
}

/** Π numerators / Π denominators, exactly. */
function exactQuotient(numerators: number[], denominators: number[]): Fraction {
  let numerator = 1n;
  let denominator = 1n;
  for (const value of numerators) {
    const fraction = decimalFraction(value);
    numerator *= fraction.numerator;
    denominator *= fraction.denominator;
  }
  for (const value of denominators) {
    const fraction = decimalFraction(value);
    numerator *= fraction.denominator;
    denominator *= fraction.numerator;
  }
  return { numerator, denominator };
}

function isNearInteger(value: number): boolean {
  return Math.abs(value - Math.round(value)) <= NEAR_INTEGER * Math.max(1, Math.abs(value));
}

/** ⌈Π numerators / Π denominators⌉ on the typed decimals (see the convention above). */
export function exactCeilOfQuotient(numerators: number[], denominators: number[]): number {
  return exactCeilAfterShrinkage(numerators, denominators, 0);
}

/**
 * ⌈Π numerators / Π denominators / (1 − shrinkage)⌉ on the typed decimals: how many people to have
 * so that, after losing `shrinkage` of their time, the quotient remains.
 */
export function exactCeilAfterShrinkage(numerators: number[], denominators: number[], shrinkage: number): number {
  const estimate = product(numerators) / product(denominators) / (1 - shrinkage);
  if (!isNearInteger(estimate)) return Math.ceil(estimate);
  const { numerator, denominator } = exactQuotient(numerators, denominators);
  const lost = decimalFraction(shrinkage);
  const keptNumerator = numerator * lost.denominator;
  const keptDenominator = denominator * (lost.denominator - lost.numerator);
  return Number((keptNumerator + keptDenominator - 1n) / keptDenominator);
}

/** ⌊Π numerators / Π denominators⌋ on the typed decimals. */
export function exactFloorOfQuotient(numerators: number[], denominators: number[]): number {
  const estimate = product(numerators) / product(denominators);
  if (!isNearInteger(estimate)) return Math.floor(estimate);
  const { numerator, denominator } = exactQuotient(numerators, denominators);
  return Number(numerator / denominator);
}

function product(values: number[]): number {
  let result = 1;
  for (const value of values) result *= value;
  return result;
}

/** Positions to roster so that `rawAgents` remain after shrinkage: ⌈raw / (1 − shrinkage)⌉, exactly. */
export function applyShrinkage(rawAgents: number, shrinkage: number): number {
  return exactCeilAfterShrinkage([rawAgents], [], shrinkage);
}

// ---------------------------------------------------------------------------------------------
// Erlang B and C
// ---------------------------------------------------------------------------------------------

/** Traffic in Erlangs: the average number of calls in service if every call were answered at once. */
export function trafficErlangs(calls: number, intervalMinutes: number, ahtSeconds: number): number {
  return (calls * ahtSeconds) / (intervalMinutes * 60);
}

/** Erlang B blocking probability for `agents` servers and `traffic` Erlangs. */
export function erlangB(agents: number, traffic: number): number {
  let blocking = 1;
  for (let k = 1; k <= agents; k++) blocking = nextErlangB(blocking, k, traffic);
  return blocking;
}

function nextErlangB(previous: number, agents: number, traffic: number): number {
  return (traffic * previous) / (agents + traffic * previous);
}

/** Erlang C probability that a call waits; 1 when the queue is unstable (agents ≤ traffic). */
export function erlangC(agents: number, traffic: number): number {
  if (agents <= traffic) return 1;
  return erlangCFromB(erlangB(agents, traffic), agents, traffic);
}

function erlangCFromB(blocking: number, agents: number, traffic: number): number {
  return (agents * blocking) / (agents - traffic * (1 - blocking));
}

export interface QueueMetrics {
  /** Probability that a call has to wait (all agents busy on arrival). */
  waitProbability: number;
  /** Share of offered calls answered within the target time (abandoned calls count as misses). */
  serviceLevel: number;
  /** Average speed of answer of answered calls, in seconds, counting calls answered at once as 0. */
  asaSeconds: number;
  /** Share of staffed time spent handling calls. */
  occupancy: number;
}

export interface ErlangAMetrics extends QueueMetrics {
  /** Share of offered calls that abandon. */
  abandonRate: number;
  /** Mean number of calls waiting, E[Lq]. */
  meanQueueLength: number;
}

/** Erlang C metrics; requires agents > traffic (a stable queue). */
export function erlangCMetrics(agents: number, traffic: number, ahtSeconds: number, slSeconds: number): QueueMetrics {
  return erlangCMetricsFromB(erlangB(agents, traffic), agents, traffic, ahtSeconds, slSeconds);
}

function erlangCMetricsFromB(
  blocking: number,
  agents: number,
  traffic: number,
  ahtSeconds: number,
  slSeconds: number,
): QueueMetrics {
  const waitProbability = erlangCFromB(blocking, agents, traffic);
  return {
    waitProbability,
    serviceLevel: 1 - waitProbability * Math.exp((-(agents - traffic) * slSeconds) / ahtSeconds),
    asaSeconds: (waitProbability * ahtSeconds) / (agents - traffic),
    occupancy: traffic / agents,
  };
}

// ---------------------------------------------------------------------------------------------
// Erlang A
// ---------------------------------------------------------------------------------------------

/**
 * Erlang A (M/M/n+M) metrics from the exact birth–death chain: births at rate λ, deaths at
 * min(k, n)·μ + max(0, k − n)·θ. Time is measured in AHTs (μ = 1), so the load is A and the
 * relative abandonment rate r = θ/μ = AHT / mean patience.
 *
 * A caller who arrives (PASTA) to find m − 1 callers waiting goes through m stages, stage j ending
 * at rate n + j·r when it moves up, or at rate r when the caller gives up. So
 *   P(answered | m)            = n / (n + m·r),
 *   E[wait | answered, m]      = Σ_{j=1..m} 1 / (n + j·r),
 *   P(answered within T | m)   = n/(n + m·r) · (1 − I_u(n/r + 1, m)),  u = e^{−r·T},
 * where I_u(a, m) = Σ_{i<m} NB(i; a, u) is the regularised incomplete beta function with integer m,
 * a sum of negative-binomial probabilities (all positive, so stable). This follows from e^{−r·V}
 * ~ Beta(n/r, m) for the offered wait V, a product of Beta(n/r + j, 1) variables.
 * P(abandon) = Σ P(k)·m·r/(n + m·r), which equals θ·E[Lq]/λ (checked in the tests).
 */
export function erlangAMetrics(
  agents: number,
  traffic: number,
  ahtSeconds: number,
  patienceSeconds: number,
  slSeconds: number,
): ErlangAMetrics {
  const n = agents;
  const abandonRatio = ahtSeconds / patienceSeconds;
  const targetInAhts = slSeconds / ahtSeconds;
  const logTraffic = Math.log(traffic);

  // Unnormalised log weights of states 0..n, then of queue states until the tail is negligible.
  const logWeights: number[] = [0];
  let logWeight = 0;
  let maxLogWeight = 0;
  for (let k = 1; k <= n; k++) {
    logWeight += logTraffic - Math.log(k);
    logWeights.push(logWeight);
    if (logWeight > maxLogWeight) maxLogWeight = logWeight;
  }
  for (let waiting = 1; ; waiting++) {
    const deathRate = n + waiting * abandonRatio;
    logWeight += logTraffic - Math.log(deathRate);
    logWeights.push(logWeight);
    if (logWeight > maxLogWeight) maxLogWeight = logWeight;
    // Death rates grow with k, so once the next ratio is below 1 the terms fall at least
    // geometrically and the whole tail is at most term · ρ / (1 − ρ).
    const nextRatio = traffic / (deathRate + abandonRatio);
    if (nextRatio < 1 && logWeight - maxLogWeight + Math.log(nextRatio / (1 - nextRatio)) < LOG_TRUNCATION) break;
  }

  let total = 0;
  let freeMass = 0;
  let busyMass = 0;
  let queueLengthMass = 0;
  let answeredFromQueue = 0;
  let answeredWithinTarget = 0;
  let answeredWaitMass = 0;
  let abandonedMass = 0;

  const logStayProbability = Math.log(-Math.expm1(-abandonRatio * targetInAhts));
  let logNegativeBinomial = -(n + abandonRatio) * targetInAhts;
  let incompleteBeta = 0;
  let meanWaitIfAnswered = 0;

  for (let k = 0; k < logWeights.length; k++) {
    const weight = Math.exp((logWeights[k] ?? 0) - maxLogWeight);
    total += weight;
    if (k < n) {
      freeMass += weight;
      busyMass += k * weight;
      continue;
    }
    busyMass += n * weight;
    const stages = k - n + 1;
    queueLengthMass += (k - n) * weight;
    if (stages > 1) {
      const i = stages - 1;
      logNegativeBinomial += Math.log((n + i * abandonRatio) / (i * abandonRatio)) + logStayProbability;
    }
    incompleteBeta += Math.exp(logNegativeBinomial);
    meanWaitIfAnswered += 1 / (n + stages * abandonRatio);
    const answered = n / (n + stages * abandonRatio);
    answeredFromQueue += weight * answered;
    answeredWithinTarget += weight * answered * Math.max(0, 1 - incompleteBeta);
    answeredWaitMass += weight * answered * meanWaitIfAnswered;
    abandonedMass += weight * (1 - answered);
  }

  const answeredMass = freeMass + answeredFromQueue;
  return {
    waitProbability: (total - freeMass) / total,
    serviceLevel: (freeMass + answeredWithinTarget) / total,
    asaSeconds: answeredMass > 0 ? (answeredWaitMass / answeredMass) * ahtSeconds : 0,
    occupancy: busyMass / total / n,
    abandonRate: abandonedMass / total,
    meanQueueLength: queueLengthMass / total,
  };
}

// ---------------------------------------------------------------------------------------------
// Required agents
// ---------------------------------------------------------------------------------------------

export interface StaffingInput {
  /** Calls offered in the interval (a forecast may be fractional). */
  calls: number;
  intervalMinutes: number;
  /** Average handling time (talk + hold + wrap-up), seconds. */
  ahtSeconds: number;
  /** Target share of calls answered within `slSeconds`, strictly between 0 and 1. */
  slTarget: number;
  slSeconds: number;
  /** Share of paid time not available for calls (absence, training, breaks); default 0. */
  shrinkage?: number;
  /** Cap on occupancy; default 1, i.e. no cap beyond stability. */
  maxOccupancy?: number;
  /** Mean caller patience, seconds; when given, Erlang A is used and `abandonRate` is reported. */
  patienceSeconds?: number;
  /** Most agents the queue can have (seats, budget); default 100,000. Beyond it the target is impossible. */
  maxAgents?: number;
}

export interface StaffingResult {
  /** Smallest agent count meeting both the service-level target and the occupancy cap, before shrinkage. */
  rawAgents: number;
  /** Positions to roster: ⌈rawAgents / (1 − shrinkage)⌉. */
  agents: number;
  serviceLevel: number;
  asaSeconds: number;
  occupancy: number;
  waitProbability: number;
  abandonRate?: number;
  trafficErlangs: number;
}

export const STAFFING_DEFAULTS = { shrinkage: 0, maxOccupancy: 1 } as const;

/** Validates like the HTTP schema does, so the CLI and other callers get the same field-named errors. */
export function validateStaffingInput(input: StaffingInput): void {
  requireInput(isFiniteNumber(input.calls) && input.calls >= 0, 'calls', 'must be a number ≥ 0');
  requireInput(isFiniteNumber(input.intervalMinutes) && input.intervalMinutes > 0, 'intervalMinutes', 'must be > 0');
  requireInput(isFiniteNumber(input.ahtSeconds) && input.ahtSeconds > 0, 'ahtSeconds', 'must be > 0');
  requireInput(
    isFiniteNumber(input.slTarget) && input.slTarget > 0 && input.slTarget < 1,
    'slTarget',
    'must be strictly between 0 and 1',
  );
  requireInput(isFiniteNumber(input.slSeconds) && input.slSeconds >= 0, 'slSeconds', 'must be ≥ 0');
  if (input.shrinkage !== undefined) {
    requireInput(
      isFiniteNumber(input.shrinkage) && input.shrinkage >= 0 && input.shrinkage < 1,
      'shrinkage',
      'must be ≥ 0 and < 1',
    );
  }
  if (input.maxOccupancy !== undefined) {
    requireInput(
      isFiniteNumber(input.maxOccupancy) && input.maxOccupancy > 0 && input.maxOccupancy <= 1,
      'maxOccupancy',
      'must be > 0 and ≤ 1',
    );
  }
  if (input.patienceSeconds !== undefined) {
    requireInput(
      isFiniteNumber(input.patienceSeconds) && input.patienceSeconds > 0 && input.patienceSeconds <= MAX_PATIENCE_SECONDS,
      'patienceSeconds',
      `must be > 0 and ≤ ${MAX_PATIENCE_SECONDS} (for endless patience leave it out: Erlang C)`,
    );
  }
  if (input.maxAgents !== undefined) {
    requireInput(Number.isInteger(input.maxAgents) && input.maxAgents > 0, 'maxAgents', 'must be a positive integer');
  }
}

function impossible(field: string, limit: number, why: string): WfmInputError {
  return new WfmInputError('wfm.impossible_target', field, `${why} needs more than ${limit} agents`);
}

/**
 * Required agents for one queue-interval, Erlang C by default, Erlang A with `patienceSeconds`.
 * Zero calls need zero agents. An unreachable target (more than `maxAgents`) throws
 * `wfm.impossible_target` instead of searching forever.
 */
export function computeStaffing(input: StaffingInput): StaffingResult {
  validateStaffingInput(input);
  const shrinkage = input.shrinkage ?? STAFFING_DEFAULTS.shrinkage;
  const maxOccupancy = input.maxOccupancy ?? STAFFING_DEFAULTS.maxOccupancy;
  const maxAgents = input.maxAgents ?? DEFAULT_MAX_AGENTS;
  const traffic = trafficErlangs(input.calls, input.intervalMinutes, input.ahtSeconds);

  if (input.calls === 0) {
    return {
      rawAgents: 0,
      agents: 0,
      serviceLevel: 1,
      asaSeconds: 0,
      occupancy: 0,
      waitProbability: 0,
      ...(input.patienceSeconds === undefined ? {} : { abandonRate: 0 }),
      trafficErlangs: 0,
    };
  }

  const found =
    input.patienceSeconds === undefined
      ? requiredAgentsErlangC(input, traffic, maxOccupancy, maxAgents)
      : requiredAgentsErlangA(input, input.patienceSeconds, traffic, maxOccupancy, maxAgents);
  return {
    rawAgents: found.agents,
    agents: applyShrinkage(found.agents, shrinkage),
    serviceLevel: found.metrics.serviceLevel,
    asaSeconds: found.metrics.asaSeconds,
    occupancy: found.metrics.occupancy,
    waitProbability: found.metrics.waitProbability,
    ...(found.metrics.abandonRate === undefined ? {} : { abandonRate: found.metrics.abandonRate }),
    trafficErlangs: traffic,
  };
}

interface Requirement {
  agents: number;
  metrics: QueueMetrics & { abandonRate?: number };
}

function requiredAgentsErlangC(
  input: StaffingInput,
  traffic: number,
  maxOccupancy: number,
  maxAgents: number,
): Requirement {
  const volume = [input.calls, input.ahtSeconds];
  const seconds = [input.intervalMinutes, 60];
  // A stable queue needs n > A, and the cap needs A / n ≤ max occupancy; both exactly.
  const stable = exactFloorOfQuotient(volume, seconds) + 1;
  const withinCap = exactCeilOfQuotient(volume, [...seconds, maxOccupancy]);
  if (stable > maxAgents) throw impossible('calls', maxAgents, `${traffic.toFixed(1)} Erlangs of traffic`);
  if (withinCap > maxAgents) throw impossible('maxOccupancy', maxAgents, `a ${maxOccupancy} occupancy cap`);
  const start = Math.max(stable, withinCap);

  let blocking = 1;
  for (let n = 1; n <= maxAgents; n++) {
    blocking = nextErlangB(blocking, n, traffic);
    if (n < start) continue;
    const metrics = erlangCMetricsFromB(blocking, n, traffic, input.ahtSeconds, input.slSeconds);
    if (metrics.serviceLevel >= input.slTarget) return { agents: n, metrics };
  }
  throw impossible('slTarget', maxAgents, `a ${input.slTarget} service level in ${input.slSeconds} s`);
}

/**
 * Erlang A search. With impatient callers n ≤ A can meet the target, so the search starts low:
 * at the first n that is not ruled out by SL ≤ P(answered) ≤ carried load / A ≤ n / A.
 */
function requiredAgentsErlangA(
  input: StaffingInput,
  patienceSeconds: number,
  traffic: number,
  maxOccupancy: number,
  maxAgents: number,
): Requirement {
  const start = Math.max(1, Math.floor(input.slTarget * traffic));
  if (start > maxAgents) throw impossible('calls', maxAgents, `${traffic.toFixed(1)} Erlangs of traffic`);
  for (let n = start; n <= maxAgents; n++) {
    const metrics = erlangAMetrics(n, traffic, input.ahtSeconds, patienceSeconds, input.slSeconds);
    if (metrics.serviceLevel >= input.slTarget && metrics.occupancy <= maxOccupancy) return { agents: n, metrics };
  }
  throw impossible('slTarget', maxAgents, `a ${input.slTarget} service level in ${input.slSeconds} s`);
}
