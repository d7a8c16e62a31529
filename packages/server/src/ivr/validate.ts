/**
 * Save-time validation of IVR flows and hotline configurations. It returns every problem at once,
 * each with a stable code and the JSON path of the bad node or field, so the editor can mark them
 * all and the API can answer 400 with the list. Errors block saving; warnings do not.
 */
import type { z } from 'zod';
import {
  CALL_VARIABLE_PREFIX,
  DEFAULT_LANGUAGE,
  LOOKUP_VARIABLE_PREFIX,
  PLACEHOLDER_PATTERN,
  TERMINAL_NODE_TYPES,
  CALLER_INPUT_NODE_TYPES,
  hotlineConfigSchema,
  ivrFlowSchema,
  type Condition,
  type HotlineConfig,
  type IvrFlow,
  type IvrNode,
  type Prompt,
} from './schemas.ts';

export const IVR_PROBLEM_CODES = [
  /** The JSON does not have the shape of a flow (wrong type, missing or unknown field). */
  'ivr.invalid_shape',
  'ivr.unknown_node',
  /** A loop from which no transfer, voicemail, callback or hangup can be reached. */
  'ivr.cycle_without_exit',
  /** A loop through no menu or collect node: once gone round, it repeats forever. */
  'ivr.cycle_without_input',
  'ivr.unknown_queue',
  'ivr.unknown_agent',
  /** A prompt with neither text nor audio in the default language (zh-CN). */
  'ivr.missing_prompt',
  'ivr.duplicate_digit',
  'ivr.invalid_regex',
  /** Warning: no path from the entry reaches the node. */
  'ivr.unreachable_node',
  /** Warning: a condition or placeholder reads a variable that nothing in the flow sets. */
  'ivr.unknown_variable',
] as const;
export type IvrProblemCode = (typeof IVR_PROBLEM_CODES)[number];

export type JsonPath = Array<string | number>;

export interface IvrProblem {
  code: IvrProblemCode;
  severity: 'error' | 'warning';
  path: JsonPath;
  /** English detail for logs and developers; clients translate the code. */
  message: string;
}

export interface IvrValidation<T> {
  ok: boolean;
  /** The parsed value (defaults filled) when the shape was right, even if other errors remain. */
  value: T | null;
  errors: IvrProblem[];
  warnings: IvrProblem[];
}

export interface FlowValidationContext {
  knownQueueIds: Iterable<string>;
  /** Checked only when given: agent ids may live in another context the caller cannot list cheaply. */
  knownAgentIds?: Iterable<string>;
}

/** "nodes.main.options[2].next", for messages and logs. */
export function formatPath(path: JsonPath): string {
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}

export interface FlowEdge {
  target: string;
  path: JsonPath;
}

/** Where a node can go next, each with the JSON path of the field naming the target. */
export function nodeEdges(nodeId: string, node: IvrNode): FlowEdge[] {
  const at = (...keys: JsonPath): JsonPath => ['nodes', nodeId, ...keys];
  switch (node.type) {
    case 'play':
    case 'set':
      return [{ target: node.next, path: at('next') }];
    case 'menu':
      return [
        ...node.options.map((option, index) => ({ target: option.next, path: at('options', index, 'next') })),
        { target: node.onNoInput, path: at('onNoInput') },
        { target: node.onInvalid, path: at('onInvalid') },
      ];
    case 'collect':
      return [
        { target: node.next, path: at('next') },
        { target: node.onNoInput, path: at('onNoInput') },
        { target: node.onInvalid, path: at('onInvalid') },
      ];
    case 'branch':
      return [...node.rules.map((rule, index) => ({ target: rule.next, path: at('rules', index, 'next') })), { target: node.otherwise, path: at('otherwise') }];
    case 'lookup':
      return [
        { target: node.onFound, path: at('onFound') },
        { target: node.onNotFound, path: at('onNotFound') },
      ];
    case 'transfer':
    case 'voicemail':
    case 'callback':
    case 'hangup':
      return [];
  }
}

export function isTerminal(node: IvrNode): boolean {
  return (TERMINAL_NODE_TYPES as readonly string[]).includes(node.type);
}

export function validateFlow(input: unknown, context: FlowValidationContext): IvrValidation<IvrFlow> {
  const parsed = ivrFlowSchema.safeParse(input);
  if (!parsed.success) return shapeFailure(parsed.error);
  const flow = parsed.data;
  const problems = new ProblemList();
  checkReferences(flow, problems);
  checkLoops(flow, problems);
  checkNodes(flow, context, problems);
  checkVariables(flow, problems);
  return problems.result(flow);
}

export function validateHotlineConfig(input: unknown, context: Pick<FlowValidationContext, 'knownQueueIds'>): IvrValidation<HotlineConfig> {
  const parsed = hotlineConfigSchema.safeParse(input);
  if (!parsed.success) return shapeFailure(parsed.error);
  const config = parsed.data;
  const problems = new ProblemList();
  const knownQueues = new Set(context.knownQueueIds);
  checkPrompt(config.outOfHours.prompt, ['outOfHours', 'prompt'], problems);
  if (config.outOfHours.action !== 'message' && config.outOfHours.queueId !== undefined && !knownQueues.has(config.outOfHours.queueId)) {
    problems.error('ivr.unknown_queue', ['outOfHours', 'queueId'], `unknown queue "${config.outOfHours.queueId}"`);
  }
  // A switched-off announcement may be a draft; the switch itself needs a prompt to play.
  if (config.emergency.enabled || config.emergency.prompt !== null) {
    checkPrompt(config.emergency.prompt, ['emergency', 'prompt'], problems);
  }
  return problems.result(config);
}

// ---------------------------------------------------------------- checks

function checkReferences(flow: IvrFlow, problems: ProblemList): void {
  if (!(flow.entry in flow.nodes)) problems.error('ivr.unknown_node', ['entry'], `entry node "${flow.entry}" does not exist`);
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    for (const edge of nodeEdges(nodeId, node)) {
      if (!(edge.target in flow.nodes)) problems.error('ivr.unknown_node', edge.path, `node "${edge.target}" does not exist`);
    }
  }
  const reachable = reachableFrom(flow, flow.entry);
  for (const nodeId of Object.keys(flow.nodes)) {
    if (!reachable.has(nodeId)) problems.warning('ivr.unreachable_node', ['nodes', nodeId], `no path from the entry reaches "${nodeId}"`);
  }
}

/**
 * Strongly connected components find the loops. A loop none of whose nodes can reach a terminal
 * traps the caller; a loop without a menu or collect node runs without the caller ever changing
 * its course, so it never leaves once it has gone round. A menu's own retries are not edges, and
 * a retry loop through an "invalid input" prompt with a way out is fine.
 */
function checkLoops(flow: IvrFlow, problems: ProblemList): void {
  const canExit = nodesReachingTerminal(flow);
  for (const component of stronglyConnectedComponents(flow)) {
    const first = component[0]!;
    const isLoop = component.length > 1 || successors(flow, first).includes(first);
    if (!isLoop) continue;
    const members = component.map((id) => `"${id}"`).join(', ');
    if (!component.some((id) => canExit.has(id))) {
      problems.error('ivr.cycle_without_exit', ['nodes', first], `the loop through ${members} never reaches a transfer, voicemail, callback or hangup`);
    } else if (!component.some((id) => (CALLER_INPUT_NODE_TYPES as readonly string[]).includes(flow.nodes[id]!.type))) {
      problems.error('ivr.cycle_without_input', ['nodes', first], `the loop through ${members} waits for no key press, so it would repeat forever`);
    }
  }
}

function checkNodes(flow: IvrFlow, context: FlowValidationContext, problems: ProblemList): void {
  const knownQueues = new Set(context.knownQueueIds);
  const knownAgents = context.knownAgentIds ? new Set(context.knownAgentIds) : null;
  const checkQueue = (queueId: string | undefined, path: JsonPath) => {
    if (queueId !== undefined && !knownQueues.has(queueId)) problems.error('ivr.unknown_queue', path, `unknown queue "${queueId}"`);
  };
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    const at = (...keys: JsonPath): JsonPath => ['nodes', nodeId, ...keys];
    for (const { prompt, path } of promptsOf(nodeId, node)) checkPrompt(prompt, path, problems);
    switch (node.type) {
      case 'menu': {
        const firstIndex = new Map<string, number>();
        node.options.forEach((option, index) => {
          const earlier = firstIndex.get(option.digit);
          if (earlier === undefined) firstIndex.set(option.digit, index);
          else problems.error('ivr.duplicate_digit', at('options', index, 'digit'), `digit "${option.digit}" is already used by option ${earlier}`);
        });
        break;
      }
      case 'branch':
        node.rules.forEach((rule, ruleIndex) =>
          rule.conditions.forEach((condition, conditionIndex) => {
            if (condition.operator === 'regex' && !compiles(condition.pattern)) {
              problems.error('ivr.invalid_regex', at('rules', ruleIndex, 'conditions', conditionIndex, 'pattern'), `"${condition.pattern}" is not a valid regular expression`);
            }
          }),
        );
        break;
      case 'transfer':
        if (node.target.kind === 'queue') checkQueue(node.target.queueId, at('target', 'queueId'));
        else if (knownAgents && !knownAgents.has(node.target.agentId)) problems.error('ivr.unknown_agent', at('target', 'agentId'), `unknown agent "${node.target.agentId}"`);
        break;
      case 'voicemail':
      case 'callback':
        checkQueue(node.queueId, at('queueId'));
        break;
    }
  }
}

/** Warns about reads of variables that nothing sets, usually a typo of a collect node's variable. */
function checkVariables(flow: IvrFlow, problems: ProblemList): void {
  const collected = new Set<string>();
  const lookupPrefixes = new Set<string>();
  for (const node of Object.values(flow.nodes)) {
    if (node.type === 'collect') collected.add(node.variable);
    if (node.type === 'lookup') lookupPrefixes.add(LOOKUP_VARIABLE_PREFIX[node.lookup]);
  }
  const isKnown = (name: string) => name.startsWith(CALL_VARIABLE_PREFIX) || collected.has(name) || [...lookupPrefixes].some((prefix) => name.startsWith(prefix));
  const check = (name: string, path: JsonPath) => {
    if (!isKnown(name)) problems.warning('ivr.unknown_variable', path, `no node sets variable "${name}"`);
  };
  for (const [nodeId, node] of Object.entries(flow.nodes)) {
    for (const { prompt, path } of promptsOf(nodeId, node)) {
      for (const [language, text] of Object.entries(prompt.text)) {
        for (const name of placeholdersIn(text)) check(name, [...path, 'text', language]);
      }
    }
    if (node.type === 'branch') {
      node.rules.forEach((rule, ruleIndex) =>
        rule.conditions.forEach((condition: Condition, conditionIndex) => check(condition.variable, ['nodes', nodeId, 'rules', ruleIndex, 'conditions', conditionIndex, 'variable'])),
      );
    }
    if (node.type === 'lookup' && node.input !== undefined) check(node.input, ['nodes', nodeId, 'input']);
  }
}

function checkPrompt(prompt: Prompt | null, path: JsonPath, problems: ProblemList): void {
  if (!prompt || (prompt.text[DEFAULT_LANGUAGE] === undefined && prompt.audio[DEFAULT_LANGUAGE] === undefined)) {
    problems.error('ivr.missing_prompt', path, `a ${DEFAULT_LANGUAGE} text or audio prompt is required`);
  }
}

// ---------------------------------------------------------------- helpers

function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1]!);
}

/** Every prompt a node carries, required or optional, with its path. */
function promptsOf(nodeId: string, node: IvrNode): Array<{ prompt: Prompt; path: JsonPath }> {
  const found: Array<{ prompt: Prompt; path: JsonPath }> = [];
  const add = (key: string, prompt: Prompt | undefined) => {
    if (prompt) found.push({ prompt, path: ['nodes', nodeId, key] });
  };
  if ('prompt' in node) add('prompt', node.prompt);
  if ('noInputPrompt' in node) add('noInputPrompt', node.noInputPrompt);
  if ('invalidPrompt' in node) add('invalidPrompt', node.invalidPrompt);
  return found;
}

function successors(flow: IvrFlow, nodeId: string): string[] {
  const node = flow.nodes[nodeId];
  return node ? nodeEdges(nodeId, node).map((edge) => edge.target).filter((target) => target in flow.nodes) : [];
}

function reachableFrom(flow: IvrFlow, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = start in flow.nodes ? [start] : [];
  while (stack.length > 0) {
    const nodeId = stack.pop()!;
    if (seen.has(nodeId)) continue;
    seen.add(nodeId);
    stack.push(...successors(flow, nodeId));
  }
  return seen;
}

function nodesReachingTerminal(flow: IvrFlow): Set<string> {
  const predecessors = new Map<string, string[]>();
  for (const nodeId of Object.keys(flow.nodes)) {
    for (const target of successors(flow, nodeId)) predecessors.set(target, [...(predecessors.get(target) ?? []), nodeId]);
  }
  const reaching = new Set<string>();
  const stack = Object.keys(flow.nodes).filter((nodeId) => isTerminal(flow.nodes[nodeId]!));
  while (stack.length > 0) {
    const nodeId = stack.pop()!;
    if (reaching.has(nodeId)) continue;
    reaching.add(nodeId);
    stack.push(...(predecessors.get(nodeId) ?? []));
  }
  return reaching;
}

/** Tarjan's algorithm, iterative so a long chain of nodes cannot overflow the stack. */
function stronglyConnectedComponents(flow: IvrFlow): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of Object.keys(flow.nodes)) {
    if (index.has(root)) continue;
    const work: Array<{ nodeId: string; next: string[] }> = [];
    const visit = (nodeId: string) => {
      index.set(nodeId, counter);
      lowLink.set(nodeId, counter);
      counter += 1;
      stack.push(nodeId);
      onStack.add(nodeId);
      work.push({ nodeId, next: successors(flow, nodeId) });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const target = frame.next.shift();
      if (target !== undefined) {
        if (!index.has(target)) visit(target);
        else if (onStack.has(target)) lowLink.set(frame.nodeId, Math.min(lowLink.get(frame.nodeId)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) lowLink.set(parent.nodeId, Math.min(lowLink.get(parent.nodeId)!, lowLink.get(frame.nodeId)!));
      if (lowLink.get(frame.nodeId) === index.get(frame.nodeId)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.nodeId);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}

function shapeFailure<T>(error: z.ZodError): IvrValidation<T> {
  const errors = error.issues.map((issue) => ({
    code: 'ivr.invalid_shape' as const,
    severity: 'error' as const,
    path: issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key)),
    message: issue.message,
  }));
  return { ok: false, value: null, errors, warnings: [] };
}

class ProblemList {
  private readonly errors: IvrProblem[] = [];
  private readonly warnings: IvrProblem[] = [];

  error(code: IvrProblemCode, path: JsonPath, message: string): void {
    this.errors.push({ code, severity: 'error', path, message: `${formatPath(path)}: ${message}` });
  }

  warning(code: IvrProblemCode, path: JsonPath, message: string): void {
    this.warnings.push({ code, severity: 'warning', path, message: `${formatPath(path)}: ${message}` });
  }

  result<T>(value: T): IvrValidation<T> {
    return { ok: this.errors.length === 0, value, errors: this.errors, warnings: this.warnings };
  }
}
