/**
 * Drivers that walk a whole call through the interpreter without telephony: with a scripted list
 * of key presses (tests, the flow editor's "try it") or with branch probabilities (the simulator's
 * callers). Lookups go to a synchronous port the caller passes. Time advances by a simple model
 * of speech and key presses, so the simulator gets a plausible time spent in the IVR.
 */
import type { RandomSource } from '../platform/random.ts';
import { next, start, type CallContext, type HotlineContext, type IvrAction, type IvrInput, type IvrState, type RenderedPrompt } from './interpreter.ts';
import { DTMF_KEYS, type IvrFlow, type IvrLanguage, type LookupKind } from './schemas.ts';

export interface LookupRequest {
  nodeId: string;
  lookup: LookupKind;
  input: string;
  language: IvrLanguage;
}

export interface LookupAnswer {
  found: boolean;
  values?: Readonly<Record<string, string>>;
}

/** Self-service lookups (customer by caller number, ticket status by number) as the walkers see them. */
export type LookupPort = (request: LookupRequest) => LookupAnswer;

export interface IvrTiming {
  /** Text-to-speech rate per language, in characters per second. */
  charsPerSecond: Record<IvrLanguage, number>;
  /** Length assumed for a recorded prompt (its real length is unknown here). */
  audioPromptSeconds: number;
  /** From the end of the prompts to the first key. */
  firstKeySeconds: number;
  /** Between further keys of a multi-digit entry. */
  nextKeySeconds: number;
  lookupSeconds: number;
}

export const DEFAULT_IVR_TIMING: IvrTiming = {
  charsPerSecond: { 'zh-CN': 4, en: 14 },
  audioPromptSeconds: 5,
  firstKeySeconds: 2,
  nextKeySeconds: 0.5,
  lookupSeconds: 1,
};

export interface WalkOptions {
  call?: Partial<CallContext>;
  startMs?: number;
  hotline?: HotlineContext | null;
  /** Without a port, scripted walks find nothing and probabilistic walks draw `lookupFound`. */
  lookup?: LookupPort;
  timing?: Partial<IvrTiming>;
}

export interface WalkResult {
  /** The final state, or the waiting one when a script ran out. */
  state: IvrState;
  /** Every action the interpreter asked for, in order; the last one ends the IVR when `completed`. */
  actions: IvrAction[];
  completed: boolean;
  /** From the call's arrival until the last action's prompts have played. */
  durationMs: number;
}

/**
 * A script entry answers one digit-gathering action: the keys pressed ("1", "123456#"),
 * 'timeout' for silence, or 'hangup'.
 */
export type ScriptedInput = string;

export function walkScripted(flow: IvrFlow, script: readonly ScriptedInput[], options: WalkOptions = {}): WalkResult {
  let position = 0;
  return drive(flow, options, () => {
    const entry = script[position];
    position += 1;
    if (entry === undefined) return null;
    if (entry === 'timeout') return { type: 'timeout' };
    if (entry === 'hangup') return { type: 'caller_hangup' };
    return { type: 'digits', digits: entry };
  }, () => ({ found: false }));
}

export interface CallerProbabilities {
  /**
   * Per menu node id: relative weights of the keys a caller presses, plus 'timeout' (silence) and
   * 'invalid' (a key the menu does not offer). A menu not listed gets its options uniformly.
   */
  menus?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** Per collect node id: the chance of a valid entry (otherwise silence); default 0.9. */
  collectSuccess?: Readonly<Record<string, number>>;
  /** Per lookup node id, when no port is given: the chance of a match; default 0.5. */
  lookupFound?: Readonly<Record<string, number>>;
  /** The chance the caller hangs up at each digit-gathering action (abandon in the IVR); default 0. */
  hangupPerAction?: number;
}

export const DEFAULT_COLLECT_SUCCESS = 0.9;
export const DEFAULT_LOOKUP_FOUND = 0.5;

/** One simulated caller's walk; the same seed gives the same walk. */
export function walkWithProbabilities(flow: IvrFlow, rng: RandomSource, probabilities: CallerProbabilities = {}, options: WalkOptions = {}): WalkResult {
  const hangupChance = probability(probabilities.hangupPerAction ?? 0, 'hangupPerAction');
  return drive(
    flow,
    options,
    (action) => {
      if (rng.next() < hangupChance) return { type: 'caller_hangup' };
      const node = flow.nodes[action.nodeId];
      if (node?.type === 'menu') return menuChoice(rng, node.options.map((option) => option.digit), probabilities.menus?.[action.nodeId]);
      const success = probability(probabilities.collectSuccess?.[action.nodeId] ?? DEFAULT_COLLECT_SUCCESS, `collectSuccess.${action.nodeId}`);
      if (rng.next() >= success) return { type: 'timeout' };
      const length = action.minDigits + Math.floor(rng.next() * (action.maxDigits - action.minDigits + 1));
      const digits = Array.from({ length }, () => String(Math.floor(rng.next() * 10))).join('');
      return { type: 'digits', digits: action.terminator !== null && length < action.maxDigits ? digits + action.terminator : digits };
    },
    (request) => ({ found: rng.next() < probability(probabilities.lookupFound?.[request.nodeId] ?? DEFAULT_LOOKUP_FOUND, `lookupFound.${request.nodeId}`) }),
  );
}

type DigitsAction = Extract<IvrAction, { type: 'collect_digits' }>;

function drive(
  flow: IvrFlow,
  options: WalkOptions,
  answerDigits: (action: DigitsAction) => IvrInput | null,
  defaultLookup: LookupPort,
): WalkResult {
  const timing = { ...DEFAULT_IVR_TIMING, ...options.timing };
  const call: CallContext = { callId: 'walk', callerNumber: '13800000000', ...options.call };
  const startMs = options.startMs ?? 0;
  const lookup = options.lookup ?? defaultLookup;
  let now = startMs;
  let state = start(flow, call, now, options.hotline ?? null);
  const actions: IvrAction[] = [state.action];
  while (!state.outcome) {
    const action = state.action;
    let input: IvrInput | null;
    if (action.type === 'lookup') {
      const answer = lookup({ nodeId: action.nodeId, lookup: action.lookup, input: action.input, language: action.language });
      input = { type: 'lookup_result', found: answer.found, values: answer.values };
    } else if (action.type === 'collect_digits') {
      input = answerDigits(action);
    } else {
      throw new Error(`interpreter waits on a final action "${action.type}" without an outcome`);
    }
    if (input === null) return { state, actions, completed: false, durationMs: now - startMs };
    now += elapsedMs(action, input, timing);
    state = next(state, input, now);
    actions.push(state.action);
  }
  const finalPrompts = 'prompts' in state.action ? state.action.prompts : [];
  return { state, actions, completed: true, durationMs: now + promptsMs(finalPrompts, timing) - startMs };
}

function menuChoice(rng: RandomSource, offered: string[], weights: Readonly<Record<string, number>> | undefined): IvrInput {
  const entries = Object.entries(weights ?? {});
  for (const [key, weight] of entries) {
    if (!(Number.isFinite(weight) && weight >= 0)) throw new RangeError(`the weight of "${key}" must be a finite number of at least 0, got ${weight}`);
  }
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let key: string;
  if (total === 0) {
    key = offered[Math.floor(rng.next() * offered.length)]!;
  } else {
    let draw = rng.next() * total;
    key = entries.find(([, weight]) => (draw -= weight) < 0)?.[0] ?? entries[entries.length - 1]![0];
  }
  if (key === 'timeout') return { type: 'timeout' };
  if (key === 'invalid') {
    const unused = DTMF_KEYS.filter((candidate) => !offered.includes(candidate));
    const wrong = unused[Math.floor(rng.next() * unused.length)];
    return wrong === undefined ? { type: 'timeout' } : { type: 'digits', digits: wrong };
  }
  return { type: 'digits', digits: key };
}

function elapsedMs(action: IvrAction, input: IvrInput, timing: IvrTiming): number {
  const prompts = 'prompts' in action ? promptsMs(action.prompts, timing) : 0;
  switch (input.type) {
    case 'digits':
      return prompts + 1000 * (timing.firstKeySeconds + timing.nextKeySeconds * Math.max(0, input.digits.length - 1));
    case 'timeout':
      return prompts + 1000 * (action.type === 'collect_digits' ? action.timeoutSeconds : timing.lookupSeconds);
    case 'lookup_result':
      return prompts + 1000 * timing.lookupSeconds;
    case 'caller_hangup':
      // Callers who give up mostly do so while listening.
      return prompts / 2;
  }
}

function promptsMs(prompts: readonly RenderedPrompt[], timing: IvrTiming): number {
  return prompts.reduce(
    (sum, prompt) => sum + 1000 * (prompt.audioFileId !== null ? timing.audioPromptSeconds : [...prompt.text].length / timing.charsPerSecond[prompt.language]),
    0,
  );
}

function probability(value: number, name: string): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
  return value;
}
