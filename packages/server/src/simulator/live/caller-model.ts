/**
 * The live demo's callers, as pure functions of a random source: when the next one dials (a
 * Poisson process whose rate follows an intraday profile compressed into a short cycle), which
 * keys they press (a walk of the hotline's real IVR flow with per-menu key probabilities), how long
 * they listen, wait and talk.
 */
import { walkWithProbabilities, type CallerProbabilities } from '../../ivr/walk.ts';
import type { IvrFlow } from '../../ivr/schemas.ts';
import { exponential, lognormal, type RandomSource } from '../../platform/random.ts';

/**
 * A day's shape squeezed into `cycleMs`: interval i of the shape lasts cycleMs / shape.length, and
 * the rate is scaled so the average over the cycle is `callsPerMinute`. The cycle is anchored at
 * `origin`, so a restarted demo carries on where the clock says.
 */
export class IntradayProfile {
  private readonly ratesPerMs: number[];
  readonly maxRatePerMs: number;

  constructor(
    shape: readonly number[],
    callsPerMinute: number,
    private readonly cycleMs: number,
    private readonly origin = 0,
  ) {
    if (shape.length === 0 || shape.some((value) => !(value >= 0))) throw new RangeError('the profile needs at least one interval, none negative');
    if (!(callsPerMinute >= 0)) throw new RangeError(`callsPerMinute must be at least 0, got ${callsPerMinute}`);
    if (!(cycleMs > 0)) throw new RangeError(`the cycle must be longer than 0 ms, got ${cycleMs}`);
    const mean = shape.reduce((sum, value) => sum + value, 0) / shape.length;
    this.ratesPerMs = shape.map((value) => (mean === 0 ? 0 : (callsPerMinute * value) / mean / 60_000));
    this.maxRatePerMs = Math.max(...this.ratesPerMs);
  }

  /** Expected calls per millisecond at `at`. */
  rateAt(at: number): number {
    const position = (((at - this.origin) % this.cycleMs) + this.cycleMs) % this.cycleMs;
    const index = Math.min(this.ratesPerMs.length - 1, Math.floor((position / this.cycleMs) * this.ratesPerMs.length));
    return this.ratesPerMs[index] ?? 0;
  }

  /**
   * The next arrival after `from`, by thinning: candidates at the peak rate, each kept with
   * probability rate ÷ peak. Null when the rate is zero everywhere.
   */
  nextArrival(rng: RandomSource, from: number): number | null {
    if (this.maxRatePerMs <= 0) return null;
    let at = from;
    for (;;) {
      at += exponential(rng, 1 / this.maxRatePerMs);
      if (rng.next() * this.maxRatePerMs < this.rateAt(at)) return at;
    }
  }
}

/** Relative weights of the keys pressed per menu node; 'timeout' is a caller who stays silent there. */
export type MenuWeights = Readonly<Record<string, Readonly<Record<string, number>>>>;

export interface CallerTiming {
  /** Multiplies every duration (tests run the demo's minutes in fractions of a second). */
  timeScale: number;
  patience: { meanSeconds: number; sdSeconds: number };
  talk: { meanSeconds: number; sdSeconds: number };
  /** Share of callers who give up while still in the menus. */
  ivrHangUpShare: number;
}

export const DEFAULT_CALLER_TIMING: CallerTiming = {
  timeScale: 1,
  patience: { meanSeconds: 90, sdSeconds: 60 },
  talk: { meanSeconds: 120, sdSeconds: 60 },
  ivrHangUpShare: 0.03,
};

export interface CallerPlan {
  /** Keys for each successive prompt that gathers digits; the caller stays silent after the last. */
  digits: string[];
  /** Time before each key press: listening to the prompt. */
  thinkMs: number;
  /** Time in the IVR before reaching a queue (or its end). */
  ivrMs: number;
  /** From dialling until the caller hangs up if nobody answers (IVR time included). */
  patienceMs: number;
  talkMs: number;
  /** Where the walk ended: 'route', 'hangup', 'voicemail' … */
  ending: string;
}

/**
 * Walks the real flow with the given key weights and turns the walk into what a simulated caller
 * does: the keys, in order, up to the first silence. Collect nodes get valid entries (digits of
 * the minimum length, with the terminator when the entry could be longer); lookups find nothing
 * here, which changes no key. Time in the IVR comes from the walker's model of speech and keys.
 */
export function planCaller(flow: IvrFlow, rng: RandomSource, menus: MenuWeights, timing: CallerTiming = DEFAULT_CALLER_TIMING): CallerPlan {
  const collectSuccess = Object.fromEntries(Object.entries(flow.nodes).filter(([, node]) => node.type === 'collect').map(([id]) => [id, 1]));
  const probabilities: CallerProbabilities = { menus, collectSuccess, hangupPerAction: 0 };
  const walk = walkWithProbabilities(flow, rng, probabilities, { lookup: () => ({ found: false }) });
  const digits: string[] = [];
  for (const step of walk.state.path) {
    if (step.type !== 'menu' && step.type !== 'collect') continue;
    const input = step.input;
    if (input === null || input === 'timeout' || input === 'invalid') break;
    if (step.type === 'menu') {
      digits.push(input);
    } else {
      const node = flow.nodes[step.nodeId];
      if (node?.type !== 'collect') break;
      const entry = Array.from({ length: node.minDigits }, () => String(Math.floor(rng.next() * 10))).join('');
      digits.push(node.terminator !== null && node.minDigits < node.maxDigits ? entry + node.terminator : entry);
    }
  }
  const scale = timing.timeScale;
  const thinkMs = Math.round(clamp(walk.durationMs / Math.max(1, digits.length), 500, 8_000) * scale);
  const ivrMs = thinkMs * digits.length;
  const queuePatienceMs = lognormal(rng, timing.patience.meanSeconds, timing.patience.sdSeconds) * 1000 * scale;
  const hangsUpInIvr = ivrMs > 0 && rng.next() < timing.ivrHangUpShare;
  const patienceMs = Math.round(hangsUpInIvr ? ivrMs * (0.2 + 0.7 * rng.next()) : ivrMs + queuePatienceMs);
  const talkMs = Math.round(lognormal(rng, timing.talk.meanSeconds, timing.talk.sdSeconds) * 1000 * scale);
  return { digits, thinkMs, ivrMs, patienceMs, talkMs, ending: walk.state.action.type };
}

/** A mainland mobile number, or now and then one of the hotline's known customers (so screen pops find someone). */
export function callerNumber(rng: RandomSource, known: readonly string[] = [], knownShare = 0.15): string {
  if (known.length > 0 && rng.next() < knownShare) return known[Math.floor(rng.next() * known.length)]!;
  const prefixes = ['130', '131', '135', '136', '138', '139', '150', '158', '186', '187'];
  const prefix = prefixes[Math.floor(rng.next() * prefixes.length)]!;
  return `+86${prefix}${String(Math.floor(rng.next() * 100_000_000)).padStart(8, '0')}`;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}
