/**
 * The IVR interpreter: a pure step machine over a flow. `start` answers a call with its first
 * action; `next` takes what happened (digits, a timeout, a lookup result, the caller hanging up)
 * and answers with the next action. It does no I/O: the caller plays prompts, gathers digits,
 * performs lookups through its own port and routes the call, then reports back.
 *
 * Prompts are not actions of their own: the play nodes passed on the way accumulate and travel
 * with the next action that waits or ends the IVR ("play these, then gather digits"), which is
 * how telephony platforms play-and-collect and lets a caller barge in with a key press.
 *
 * States are immutable plain data (JSON-serialisable), so the caller may keep them anywhere.
 * Every node entered counts as a step; after IVR_MAX_STEPS the call ends with reason
 * 'step_limit', so even a caller circling through menus forever cannot keep a line busy.
 */
import { isOpen } from './calendar.ts';
import {
  CALL_VARIABLE_PREFIX,
  DEFAULT_LANGUAGE,
  LOOKUP_VARIABLE_PREFIX,
  PLACEHOLDER_PATTERN,
  type BusinessCalendar,
  type Condition,
  type HotlineConfig,
  type IvrFlow,
  type IvrLanguage,
  type IvrNodeType,
  type IvrSkillRequirement,
  type LookupKind,
  type NodeOfType,
  type OutOfHours,
  type Prompt,
  type TransferTarget,
} from './schemas.ts';

export const IVR_MAX_STEPS = 200;

export interface CallContext {
  callId: string;
  /** As received; '' for a withheld number. */
  callerNumber: string;
  /** Extra facts about the caller known before the IVR (e.g. from the carrier), readable as `caller.<name>`. */
  attributes?: Readonly<Record<string, string>>;
}

export interface HotlineContext {
  config: HotlineConfig;
  /** The hotline's calendar; null when it is always open. */
  calendar: BusinessCalendar | null;
}

export interface RenderedPrompt {
  /** The node it belongs to, or 'emergency' / 'out_of_hours'. */
  source: string;
  language: IvrLanguage;
  /** Placeholders filled; '' when only audio exists. */
  text: string;
  audioFileId: string | null;
}

/** What the ACD needs to queue the call: merged from the `set` nodes passed. */
export interface RoutingAttributes {
  skills: IvrSkillRequirement[];
  priority: number;
  language: IvrLanguage;
  attributes: Record<string, string>;
}

/** Each action first plays its `prompts` in order, then does its own part. */
export type IvrAction =
  /** Gather up to `maxDigits` keys; answer with `digits` (terminator included or not) or `timeout`. */
  | {
      type: 'collect_digits';
      nodeId: string;
      prompts: RenderedPrompt[];
      minDigits: number;
      maxDigits: number;
      terminator: string | null;
      timeoutSeconds: number;
      /** 0 on the first try, then 1, 2… on re-prompts. */
      attempt: number;
    }
  /** Ask the lookup port; answer with `lookup_result` (or `timeout` if the port failed: treated as not found). */
  | { type: 'lookup'; nodeId: string; prompts: RenderedPrompt[]; lookup: LookupKind; input: string; language: IvrLanguage }
  | { type: 'route'; nodeId: string; prompts: RenderedPrompt[]; target: TransferTarget; routing: RoutingAttributes }
  | { type: 'voicemail'; nodeId: string | null; prompts: RenderedPrompt[]; queueId: string | null; maxSeconds: number; routing: RoutingAttributes }
  | { type: 'callback'; nodeId: string | null; prompts: RenderedPrompt[]; queueId: string | null; callbackNumber: string; routing: RoutingAttributes }
  | { type: 'hangup'; nodeId: string | null; prompts: RenderedPrompt[] }
  /** The caller has gone; nothing to do. */
  | { type: 'abandoned'; nodeId: string | null };

export type IvrInput =
  | { type: 'digits'; digits: string }
  | { type: 'timeout' }
  | { type: 'lookup_result'; found: boolean; values?: Readonly<Record<string, string>> }
  | { type: 'caller_hangup' };

export type IvrOutcomeKind = 'queue' | 'agent' | 'voicemail' | 'callback' | 'hangup' | 'abandoned';
/** 'flow_error' only happens with a flow that skipped validation (a node that does not exist). */
export type IvrExitReason = 'flow' | 'out_of_hours' | 'caller_hangup' | 'step_limit' | 'flow_error';

export interface IvrOutcome {
  kind: IvrOutcomeKind;
  reason: IvrExitReason;
  /** The node where the IVR ended; null when it ended before any node (out of hours). */
  nodeId: string | null;
}

/**
 * One node entered. `input` says what happened there: a menu's key or 'timeout'; a collect's
 * 'collected', 'invalid' or 'timeout' (never the digits: they may be account numbers); a
 * lookup's 'found' or 'not_found'; a branch's rule ('rule 1', or its label) or 'otherwise'.
 */
export interface IvrPathStep {
  nodeId: string;
  type: IvrNodeType;
  at: number;
  input: string | null;
}

export interface IvrState {
  flow: IvrFlow;
  callId: string;
  callerNumber: string;
  enteredAt: number;
  exitedAt: number | null;
  emergencyPromptPlayed: boolean;
  variables: Record<string, string>;
  routing: RoutingAttributes;
  path: IvrPathStep[];
  steps: number;
  /** The waiting node and how many failed tries it has had; null once ended. */
  awaiting: { nodeId: string; failures: number } | null;
  /** What the caller of the interpreter must do now. */
  action: IvrAction;
  outcome: IvrOutcome | null;
}

/** What the lead stores as "IVR entered/exited with the menu path". */
export interface IvrExitRecord {
  callId: string;
  hotline: string;
  flowVersion: number;
  enteredAt: number;
  exitedAt: number;
  outcome: IvrOutcome;
  path: IvrPathStep[];
  /** The menu choices in order, e.g. "main:1 > repair_menu:timeout > repair_menu:2". */
  menuPath: string;
  emergencyPromptPlayed: boolean;
  routing: RoutingAttributes;
  /** Caller facts, collected digits and lookup results, for the agent's screen pop; may hold account numbers, so store it as customer data. */
  variables: Record<string, string>;
}

export function start(flow: IvrFlow, call: CallContext, now: number, hotline: HotlineContext | null = null): IvrState {
  const variables: Record<string, string> = { [`${CALL_VARIABLE_PREFIX}number`]: call.callerNumber, [`${CALL_VARIABLE_PREFIX}hotline`]: flow.hotline };
  for (const [name, value] of Object.entries(call.attributes ?? {})) variables[`${CALL_VARIABLE_PREFIX}${name}`] = value;
  const emergency = hotline?.config.emergency;
  const emergencyPrompt = emergency?.enabled ? emergency.prompt : null;
  const state: IvrState = {
    flow,
    callId: call.callId,
    callerNumber: call.callerNumber,
    enteredAt: now,
    exitedAt: null,
    emergencyPromptPlayed: emergencyPrompt !== null,
    variables,
    routing: { skills: [], priority: 0, language: hotline?.config.defaultLanguage ?? DEFAULT_LANGUAGE, attributes: {} },
    path: [],
    steps: 0,
    awaiting: null,
    // A placeholder: `run` or `closed` below sets the first real action before anyone sees the state.
    action: { type: 'hangup', nodeId: null, prompts: [] },
    outcome: null,
  };
  // The announcement goes first, before any greeting or menu, and out of hours too: during an incident everyone must hear it.
  const prompts = emergencyPrompt ? [render(state, emergencyPrompt, 'emergency')] : [];
  if (hotline?.calendar && !isOpen(hotline.calendar, now)) return closed(state, hotline.config.outOfHours, prompts, now);
  return run(state, flow.entry, prompts, now, 0);
}

/** The state after `input`; the same state object when the input does not apply (digits during a lookup, anything after the end). */
export function next(state: IvrState, input: IvrInput, now: number): IvrState {
  if (state.outcome || !state.awaiting) return state;
  const { nodeId, failures } = state.awaiting;
  if (input.type === 'caller_hangup') return finish(state, { kind: 'abandoned', reason: 'caller_hangup', nodeId }, { type: 'abandoned', nodeId }, now);
  const node = state.flow.nodes[nodeId];
  switch (node?.type) {
    case 'menu':
      return input.type === 'lookup_result' ? state : answerMenu(state, nodeId, node, failures, input.type === 'digits' ? input.digits : '', now);
    case 'collect':
      return input.type === 'lookup_result' ? state : answerCollect(state, nodeId, node, failures, input.type === 'digits' ? input.digits : '', now);
    case 'lookup':
      if (input.type === 'digits') return state;
      return answerLookup(state, node, input.type === 'lookup_result' && input.found ? (input.values ?? {}) : null, now);
    default:
      return state;
  }
}

export function exitRecord(state: IvrState): IvrExitRecord | null {
  if (!state.outcome || state.exitedAt === null) return null;
  return {
    callId: state.callId,
    hotline: state.flow.hotline,
    flowVersion: state.flow.version,
    enteredAt: state.enteredAt,
    exitedAt: state.exitedAt,
    outcome: state.outcome,
    path: state.path,
    menuPath: state.path
      .filter((step) => step.type === 'menu' && step.input !== null)
      .map((step) => `${step.nodeId}:${step.input}`)
      .join(' > '),
    emergencyPromptPlayed: state.emergencyPromptPlayed,
    routing: state.routing,
    variables: state.variables,
  };
}

// ---------------------------------------------------------------- answers

function answerMenu(state: IvrState, nodeId: string, node: NodeOfType<'menu'>, failures: number, digits: string, now: number): IvrState {
  const key = digits.charAt(0);
  const answered = recordInput(state, key === '' ? 'timeout' : key);
  const option = node.options.find((candidate) => candidate.digit === key);
  if (option) return run(answered, option.next, [], now, 0);
  return retryOrGiveUp(answered, nodeId, node, failures, key === '', now);
}

function answerCollect(state: IvrState, nodeId: string, node: NodeOfType<'collect'>, failures: number, digits: string, now: number): IvrState {
  const entered = node.terminator !== null && digits.includes(node.terminator) ? digits.slice(0, digits.indexOf(node.terminator)) : digits;
  if (entered === '') return retryOrGiveUp(recordInput(state, 'timeout'), nodeId, node, failures, true, now);
  const valid = /^[0-9*#]+$/.test(entered) && entered.length >= node.minDigits && entered.length <= node.maxDigits;
  if (!valid) return retryOrGiveUp(recordInput(state, 'invalid'), nodeId, node, failures, false, now);
  const collected = recordInput(state, 'collected');
  return run({ ...collected, variables: { ...collected.variables, [node.variable]: entered } }, node.next, [], now, 0);
}

/** `values` null: not found (or the port failed). */
function answerLookup(state: IvrState, node: NodeOfType<'lookup'>, values: Readonly<Record<string, string>> | null, now: number): IvrState {
  const answered = recordInput(state, values ? 'found' : 'not_found');
  if (!values) return run(answered, node.onNotFound, [], now, 0);
  const variables = { ...answered.variables };
  const prefix = LOOKUP_VARIABLE_PREFIX[node.lookup];
  for (const [key, value] of Object.entries(values)) {
    // The port's answer becomes speakable text and branch input: keep names tame and values short.
    if (/^[A-Za-z0-9_]{1,40}$/.test(key)) variables[`${prefix}${key}`] = String(value).slice(0, 500);
  }
  return run({ ...answered, variables }, node.onFound, [], now, 0);
}

function retryOrGiveUp(
  state: IvrState,
  nodeId: string,
  node: NodeOfType<'menu'> | NodeOfType<'collect'>,
  failures: number,
  noInput: boolean,
  now: number,
): IvrState {
  if (failures + 1 > node.retries) return run(state, noInput ? node.onNoInput : node.onInvalid, [], now, 0);
  const retryPrompt = noInput ? node.noInputPrompt : node.invalidPrompt;
  return run(state, nodeId, retryPrompt ? [render(state, retryPrompt, nodeId)] : [], now, failures + 1);
}

// ---------------------------------------------------------------- walking the flow

/**
 * Enters `nodeId` and passes through play, set and branch nodes until a node that waits (menu,
 * collect, lookup) or ends the IVR. `failures` belongs to the first node: a re-prompted menu
 * enters itself again with its failure count.
 */
function run(initial: IvrState, nodeId: string, pendingPrompts: RenderedPrompt[], now: number, failures: number): IvrState {
  const prompts = [...pendingPrompts];
  let state = initial;
  let currentId = nodeId;
  let currentFailures = failures;
  for (;;) {
    if (state.steps >= IVR_MAX_STEPS) return finish(state, { kind: 'hangup', reason: 'step_limit', nodeId: currentId }, { type: 'hangup', nodeId: currentId, prompts }, now);
    const node = state.flow.nodes[currentId];
    if (!node) return finish(state, { kind: 'hangup', reason: 'flow_error', nodeId: currentId }, { type: 'hangup', nodeId: currentId, prompts }, now);
    state = { ...state, steps: state.steps + 1, path: [...state.path, { nodeId: currentId, type: node.type, at: now, input: null }] };
    const failuresHere = currentFailures;
    currentFailures = 0;
    switch (node.type) {
      case 'play':
        prompts.push(render(state, node.prompt, currentId));
        currentId = node.next;
        break;
      case 'set':
        state = { ...state, routing: applySet(state.routing, node) };
        currentId = node.next;
        break;
      case 'branch': {
        const index = node.rules.findIndex((rule) => rule.conditions.every((condition) => holds(condition, state.variables)));
        const rule = node.rules[index];
        state = recordInput(state, rule ? (rule.label ?? `rule ${index + 1}`) : 'otherwise');
        currentId = rule ? rule.next : node.otherwise;
        break;
      }
      case 'menu':
        return wait(state, currentId, failuresHere, {
          type: 'collect_digits',
          nodeId: currentId,
          prompts: [...prompts, render(state, node.prompt, currentId)],
          minDigits: 1,
          maxDigits: 1,
          terminator: null,
          timeoutSeconds: node.timeoutSeconds,
          attempt: failuresHere,
        });
      case 'collect':
        return wait(state, currentId, failuresHere, {
          type: 'collect_digits',
          nodeId: currentId,
          prompts: [...prompts, render(state, node.prompt, currentId)],
          minDigits: node.minDigits,
          maxDigits: node.maxDigits,
          terminator: node.terminator,
          timeoutSeconds: node.timeoutSeconds,
          attempt: failuresHere,
        });
      case 'lookup': {
        const input = node.lookup === 'customer_by_caller' ? state.callerNumber : state.variables[node.input ?? ''];
        // Nothing to look up with (withheld number, no ticket number): not found without asking the port.
        if (!input) {
          state = recordInput(state, 'not_found');
          currentId = node.onNotFound;
          break;
        }
        return wait(state, currentId, 0, { type: 'lookup', nodeId: currentId, prompts, lookup: node.lookup, input, language: state.routing.language });
      }
      case 'transfer': {
        const all = withOptional(prompts, state, node.prompt, currentId);
        return finish(state, { kind: node.target.kind, reason: 'flow', nodeId: currentId }, { type: 'route', nodeId: currentId, prompts: all, target: node.target, routing: state.routing }, now);
      }
      case 'voicemail': {
        const all = withOptional(prompts, state, node.prompt, currentId);
        const action: IvrAction = { type: 'voicemail', nodeId: currentId, prompts: all, queueId: node.queueId ?? null, maxSeconds: node.maxSeconds, routing: state.routing };
        return finish(state, { kind: 'voicemail', reason: 'flow', nodeId: currentId }, action, now);
      }
      case 'callback': {
        const all = withOptional(prompts, state, node.prompt, currentId);
        const action: IvrAction = { type: 'callback', nodeId: currentId, prompts: all, queueId: node.queueId ?? null, callbackNumber: state.callerNumber, routing: state.routing };
        return finish(state, { kind: 'callback', reason: 'flow', nodeId: currentId }, action, now);
      }
      case 'hangup':
        return finish(state, { kind: 'hangup', reason: 'flow', nodeId: currentId }, { type: 'hangup', nodeId: currentId, prompts: withOptional(prompts, state, node.prompt, currentId) }, now);
    }
  }
}

function closed(state: IvrState, outOfHours: OutOfHours, pendingPrompts: RenderedPrompt[], now: number): IvrState {
  const prompts = [...pendingPrompts, render(state, outOfHours.prompt, 'out_of_hours')];
  const outcome = (kind: IvrOutcomeKind): IvrOutcome => ({ kind, reason: 'out_of_hours', nodeId: null });
  switch (outOfHours.action) {
    case 'message':
      return finish(state, outcome('hangup'), { type: 'hangup', nodeId: null, prompts }, now);
    case 'voicemail':
      return finish(state, outcome('voicemail'), { type: 'voicemail', nodeId: null, prompts, queueId: outOfHours.queueId ?? null, maxSeconds: outOfHours.maxSeconds, routing: state.routing }, now);
    case 'callback':
      return finish(state, outcome('callback'), { type: 'callback', nodeId: null, prompts, queueId: outOfHours.queueId ?? null, callbackNumber: state.callerNumber, routing: state.routing }, now);
  }
}

function wait(state: IvrState, nodeId: string, failures: number, action: IvrAction): IvrState {
  return { ...state, awaiting: { nodeId, failures }, action };
}

function finish(state: IvrState, outcome: IvrOutcome, action: IvrAction, now: number): IvrState {
  return { ...state, awaiting: null, action, outcome, exitedAt: now };
}

/** Notes what happened at the node entered last. */
function recordInput(state: IvrState, input: string): IvrState {
  const last = state.path[state.path.length - 1];
  if (!last) return state;
  return { ...state, path: [...state.path.slice(0, -1), { ...last, input }] };
}

function applySet(routing: RoutingAttributes, node: NodeOfType<'set'>): RoutingAttributes {
  const skills = new Map(routing.skills.map((skill) => [skill.skill, skill]));
  for (const skill of node.skills ?? []) skills.set(skill.skill, skill);
  return {
    skills: [...skills.values()],
    priority: node.priority ?? routing.priority,
    language: node.language ?? routing.language,
    attributes: { ...routing.attributes, ...node.attributes },
  };
}

function holds(condition: Condition, variables: Readonly<Record<string, string>>): boolean {
  const value = variables[condition.variable];
  switch (condition.operator) {
    case 'eq':
      return value === condition.value;
    case 'neq':
      return value !== condition.value;
    case 'in':
      return value !== undefined && condition.values.includes(value);
    case 'regex':
      return value !== undefined && matches(condition.pattern, value);
    case 'exists':
      return value !== undefined && value !== '';
  }
}

function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    // Only an unvalidated flow gets here; a broken condition is simply false.
    return false;
  }
}

function withOptional(prompts: RenderedPrompt[], state: IvrState, prompt: Prompt | undefined, source: string): RenderedPrompt[] {
  return prompt ? [...prompts, render(state, prompt, source)] : prompts;
}

/** The prompt in the call's language, else in the default language, with `{variable}` placeholders filled. */
function render(state: IvrState, prompt: Prompt, source: string): RenderedPrompt {
  const wanted = state.routing.language;
  const language = prompt.text[wanted] !== undefined || prompt.audio[wanted] !== undefined ? wanted : DEFAULT_LANGUAGE;
  const text = (prompt.text[language] ?? '').replace(PLACEHOLDER_PATTERN, (_, name: string) => state.variables[name] ?? '');
  return { source, language, text, audioFileId: prompt.audio[language] ?? null };
}
