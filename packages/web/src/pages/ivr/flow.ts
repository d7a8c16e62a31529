/**
 * The IVR flow as the editor sees it: the JSON shape of packages/server/src/ivr/schemas.ts (the web
 * app cannot import the server), and pure helpers to walk, edit and annotate it.
 *
 * The flow in the editor may be anything the raw JSON tab produced, so every helper tolerates
 * missing or mistyped fields: the server validates at save time and reports problems by JSON path.
 */

export const IVR_LANGUAGES = ['zh-CN', 'en'] as const;
export type IvrLanguage = (typeof IVR_LANGUAGES)[number];
export const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'] as const;
export type DtmfKey = (typeof DTMF_KEYS)[number];
export const LOOKUP_KINDS = ['customer_by_caller', 'ticket_status'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];
export const CONDITION_OPERATORS = ['eq', 'neq', 'in', 'regex', 'exists'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export const NODE_TYPES = ['play', 'menu', 'collect', 'branch', 'lookup', 'set', 'transfer', 'voicemail', 'callback', 'hangup'] as const;
export type IvrNodeType = (typeof NODE_TYPES)[number];
export const TERMINAL_TYPES: readonly IvrNodeType[] = ['transfer', 'voicemail', 'callback', 'hangup'];

/** Same rule as the server's `nodeIdSchema`. */
export const NODE_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** Same rule as the server's `variableNameSchema`. */
export const VARIABLE_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,39}(\.[A-Za-z0-9_]{1,40}){0,3}$/;

export interface Prompt {
  text: Partial<Record<IvrLanguage, string>>;
  audio?: Partial<Record<IvrLanguage, string>>;
}

export interface MenuOption {
  digit: DtmfKey;
  next: string;
  label?: string;
}

export type Condition =
  | { operator: 'eq' | 'neq'; variable: string; value: string }
  | { operator: 'in'; variable: string; values: string[] }
  | { operator: 'regex'; variable: string; pattern: string }
  | { operator: 'exists'; variable: string };

export interface BranchRule {
  conditions: Condition[];
  next: string;
  label?: string;
}

interface NodeBase {
  label?: string;
}
export interface PlayNode extends NodeBase {
  type: 'play';
  prompt: Prompt;
  next: string;
}
export interface MenuNode extends NodeBase {
  type: 'menu';
  prompt: Prompt;
  options: MenuOption[];
  retries?: number;
  timeoutSeconds?: number;
  noInputPrompt?: Prompt;
  invalidPrompt?: Prompt;
  onNoInput: string;
  onInvalid: string;
}
export interface CollectNode extends NodeBase {
  type: 'collect';
  prompt: Prompt;
  variable: string;
  minDigits?: number;
  maxDigits: number;
  terminator?: '#' | '*' | null;
  timeoutSeconds?: number;
  retries?: number;
  noInputPrompt?: Prompt;
  invalidPrompt?: Prompt;
  next: string;
  onNoInput: string;
  onInvalid: string;
}
export interface BranchNode extends NodeBase {
  type: 'branch';
  rules: BranchRule[];
  otherwise: string;
}
export interface LookupNode extends NodeBase {
  type: 'lookup';
  lookup: LookupKind;
  input?: string;
  onFound: string;
  onNotFound: string;
}
export interface SetNode extends NodeBase {
  type: 'set';
  skills?: { skill: string; minLevel?: number }[];
  priority?: number;
  language?: IvrLanguage;
  attributes?: Record<string, string>;
  next: string;
}
export type TransferTarget = { kind: 'queue'; queueId: string } | { kind: 'agent'; agentId: string };
export interface TransferNode extends NodeBase {
  type: 'transfer';
  prompt?: Prompt;
  target: TransferTarget;
}
export interface VoicemailNode extends NodeBase {
  type: 'voicemail';
  prompt?: Prompt;
  queueId?: string;
  maxSeconds?: number;
}
export interface CallbackNode extends NodeBase {
  type: 'callback';
  prompt?: Prompt;
  queueId?: string;
}
export interface HangupNode extends NodeBase {
  type: 'hangup';
  prompt?: Prompt;
}

export type IvrNode = PlayNode | MenuNode | CollectNode | BranchNode | LookupNode | SetNode | TransferNode | VoicemailNode | CallbackNode | HangupNode;

export interface IvrFlow {
  hotline: string;
  version: number;
  name?: string;
  entry: string;
  nodes: Record<string, IvrNode>;
}

export type JsonPath = (string | number)[];

/** One problem of the server's flow validation (`details.errors` / `warnings` of `ivr.invalid_flow`). */
export interface FlowProblem {
  code: string;
  severity: 'error' | 'warning';
  path: JsonPath;
  message: string;
}

// ------------------------------------------------------------------ edges

/** How a node reaches another: the field (or option / rule) that names the target. */
export type EdgeSlot =
  | { kind: 'next' }
  | { kind: 'option'; index: number; digit: string; label?: string }
  | { kind: 'noInput' }
  | { kind: 'invalid' }
  | { kind: 'rule'; index: number; label?: string }
  | { kind: 'otherwise' }
  | { kind: 'found' }
  | { kind: 'notFound' };

export interface FlowEdge {
  slot: EdgeSlot;
  target: string;
  /** JSON path of the field naming the target, as the server reports it. */
  path: JsonPath;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const asString = (value: unknown): string => (typeof value === 'string' ? value : '');
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Where a node can go next, in the order the editor lists them (mirrors the server's `nodeEdges`). */
export function nodeEdges(nodeId: string, node: unknown): FlowEdge[] {
  if (!isRecord(node)) return [];
  const at = (...keys: JsonPath): JsonPath => ['nodes', nodeId, ...keys];
  const field = (key: string, slot: EdgeSlot): FlowEdge[] => (key in node ? [{ slot, target: asString(node[key]), path: at(key) }] : []);
  switch (node.type) {
    case 'play':
    case 'set':
      return field('next', { kind: 'next' });
    case 'menu':
      return [
        ...asArray(node.options).map((option, index): FlowEdge => {
          const o = isRecord(option) ? option : {};
          return {
            slot: { kind: 'option', index, digit: asString(o.digit), label: typeof o.label === 'string' ? o.label : undefined },
            target: asString(o.next),
            path: at('options', index, 'next'),
          };
        }),
        ...field('onNoInput', { kind: 'noInput' }),
        ...field('onInvalid', { kind: 'invalid' }),
      ];
    case 'collect':
      return [...field('next', { kind: 'next' }), ...field('onNoInput', { kind: 'noInput' }), ...field('onInvalid', { kind: 'invalid' })];
    case 'branch':
      return [
        ...asArray(node.rules).map((rule, index): FlowEdge => {
          const r = isRecord(rule) ? rule : {};
          return {
            slot: { kind: 'rule', index, label: typeof r.label === 'string' ? r.label : undefined },
            target: asString(r.next),
            path: at('rules', index, 'next'),
          };
        }),
        ...field('otherwise', { kind: 'otherwise' }),
      ];
    case 'lookup':
      return [...field('onFound', { kind: 'found' }), ...field('onNotFound', { kind: 'notFound' })];
    default:
      return [];
  }
}

export function flowNodes(flow: unknown): Record<string, unknown> {
  return isRecord(flow) && isRecord(flow.nodes) ? flow.nodes : {};
}

export function nodeType(node: unknown): string {
  return isRecord(node) ? asString(node.type) : '';
}

export function isKnownType(type: string): type is IvrNodeType {
  return (NODE_TYPES as readonly string[]).includes(type);
}

// ------------------------------------------------------------------ the tree

/**
 * One row of the tree: a node shown in full where the walk from the entry first meets it, a link
 * where it is met again (menus loop back, several options share a transfer), or a reference to a
 * node that does not exist.
 */
export interface FlowTreeItem {
  key: string;
  kind: 'node' | 'link' | 'missing';
  nodeId: string;
  /** How the parent reaches this row (null for roots). */
  edge: FlowEdge | null;
  children: FlowTreeItem[];
}

export interface FlowTree {
  /** The walk from the entry (one root), or a single `missing` row when the entry does not exist. */
  roots: FlowTreeItem[];
  /** Nodes no path from the entry reaches, each with what hangs below it. */
  unreachable: FlowTreeItem[];
}

export function buildFlowTree(flow: unknown): FlowTree {
  const nodes = flowNodes(flow);
  const entry = isRecord(flow) ? asString(flow.entry) : '';
  const seen = new Set<string>();

  const walk = (nodeId: string, edge: FlowEdge | null, parentKey: string): FlowTreeItem => {
    if (!(nodeId in nodes)) return { key: `missing:${parentKey}:${edge ? formatPath(edge.path) : 'entry'}`, kind: 'missing', nodeId, edge, children: [] };
    if (seen.has(nodeId)) return { key: `link:${parentKey}:${edge ? formatPath(edge.path) : nodeId}`, kind: 'link', nodeId, edge, children: [] };
    seen.add(nodeId);
    const key = `node:${nodeId}`;
    return { key, kind: 'node', nodeId, edge, children: nodeEdges(nodeId, nodes[nodeId]).map((child) => walk(child.target, child, nodeId)) };
  };

  const roots = [walk(entry, null, 'root')];
  const unreachable: FlowTreeItem[] = [];
  for (const nodeId of Object.keys(nodes)) if (!seen.has(nodeId)) unreachable.push(walk(nodeId, null, 'unreachable'));
  return { roots, unreachable };
}

/** Every key of the tree, to expand it all. */
export function treeKeys(items: FlowTreeItem[]): string[] {
  return items.flatMap((item) => [item.key, ...treeKeys(item.children)]);
}

// ------------------------------------------------------------------ problems

/** "nodes.main.options[2].next", as the server prints paths. */
export function formatPath(path: JsonPath | string): string {
  if (typeof path === 'string') return path;
  return path.map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? key : `.${key}`)).join('');
}

/** Reads `details` of an `ivr.invalid_flow` answer; the path may come as a list or (rarely) a dotted string. */
export function problemsFromDetails(details: unknown): FlowProblem[] {
  if (!isRecord(details)) return [];
  const read = (list: unknown, severity: 'error' | 'warning'): FlowProblem[] =>
    asArray(list)
      .filter(isRecord)
      .map((p) => ({
        code: asString(p.code) || 'ivr.invalid_shape',
        severity: p.severity === 'warning' || p.severity === 'error' ? p.severity : severity,
        path: Array.isArray(p.path)
          ? p.path.filter((k): k is string | number => typeof k === 'string' || typeof k === 'number')
          : typeof p.path === 'string' && p.path
            ? p.path.split('.')
            : [],
        message: asString(p.message),
      }));
  return [...read(details.errors, 'error'), ...read(details.warnings, 'warning')];
}

/** The node a problem is about (`nodes.<id>…`), or null for flow-level problems (entry, hotline, …). */
export function problemNode(problem: FlowProblem): string | null {
  return problem.path[0] === 'nodes' && typeof problem.path[1] === 'string' ? problem.path[1] : null;
}

export interface NodeProblems {
  errors: FlowProblem[];
  warnings: FlowProblem[];
}

export function problemsByNode(problems: FlowProblem[]): Map<string, NodeProblems> {
  const out = new Map<string, NodeProblems>();
  for (const problem of problems) {
    const nodeId = problemNode(problem);
    if (nodeId === null) continue;
    const entry = out.get(nodeId) ?? { errors: [], warnings: [] };
    (problem.severity === 'error' ? entry.errors : entry.warnings).push(problem);
    out.set(nodeId, entry);
  }
  return out;
}

/** The problems whose path lies at or under `prefix` (e.g. a node's `options[1]`). */
export function problemsAt(problems: FlowProblem[], prefix: JsonPath): FlowProblem[] {
  return problems.filter((problem) => prefix.every((key, index) => problem.path[index] === key));
}

// ------------------------------------------------------------------ editing

const emptyPrompt = (): Prompt => ({ text: {}, audio: {} });

/** A new node of `type` whose exits all go to `exit` (an existing node, often a hang-up), so the flow stays connected. */
export function newNode(type: IvrNodeType, exit: string): IvrNode {
  switch (type) {
    case 'play':
      return { type, prompt: emptyPrompt(), next: exit };
    case 'menu':
      return { type, prompt: emptyPrompt(), options: [{ digit: '1', next: exit }], retries: 2, timeoutSeconds: 5, onNoInput: exit, onInvalid: exit };
    case 'collect':
      return { type, prompt: emptyPrompt(), variable: 'digits', minDigits: 1, maxDigits: 12, terminator: '#', timeoutSeconds: 10, retries: 2, next: exit, onNoInput: exit, onInvalid: exit };
    case 'branch':
      return { type, rules: [{ conditions: [{ operator: 'exists', variable: 'customer.id' }], next: exit }], otherwise: exit };
    case 'lookup':
      return { type, lookup: 'customer_by_caller', onFound: exit, onNotFound: exit };
    case 'set':
      return { type, priority: 0, next: exit };
    case 'transfer':
      return { type, target: { kind: 'queue', queueId: '' } };
    case 'voicemail':
      return { type, maxSeconds: 120 };
    case 'callback':
      return { type };
    case 'hangup':
      return { type };
  }
}

/** `menu_2`, `menu_3`, … : the first free id for a new node of `type`. */
export function suggestNodeId(flow: unknown, type: string): string {
  const nodes = flowNodes(flow);
  for (let n = 1; ; n++) {
    const id = `${type}_${n}`;
    if (!(id in nodes)) return id;
  }
}

/** A good default exit for new nodes: the first hang-up, else the entry. */
export function defaultExit(flow: unknown): string {
  const nodes = flowNodes(flow);
  const hangup = Object.keys(nodes).find((id) => nodeType(nodes[id]) === 'hangup');
  return hangup ?? (isRecord(flow) ? asString(flow.entry) : '');
}

/** The node with every target field passed through `map` (options' and rules' `next` too). */
export function mapTargets(node: unknown, map: (target: string) => string): unknown {
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = { ...node };
  for (const key of ['next', 'onNoInput', 'onInvalid', 'otherwise', 'onFound', 'onNotFound']) {
    if (typeof out[key] === 'string' && nodeEdges('x', node).some((edge) => edge.path[2] === key)) out[key] = map(out[key] as string);
  }
  if (node.type === 'menu' && Array.isArray(node.options)) {
    out.options = node.options.map((option) => (isRecord(option) && typeof option.next === 'string' ? { ...option, next: map(option.next) } : option));
  }
  if (node.type === 'branch' && Array.isArray(node.rules)) {
    out.rules = node.rules.map((rule) => (isRecord(rule) && typeof rule.next === 'string' ? { ...rule, next: map(rule.next) } : rule));
  }
  return out;
}

/** The nodes with a field pointing at `nodeId` (and whether the entry does). */
export function referrersOf(flow: unknown, nodeId: string): { entry: boolean; nodes: string[] } {
  const nodes = flowNodes(flow);
  return {
    entry: isRecord(flow) && flow.entry === nodeId,
    nodes: Object.keys(nodes).filter((id) => nodeEdges(id, nodes[id]).some((edge) => edge.target === nodeId)),
  };
}

export function addNode(flow: IvrFlow, nodeId: string, node: IvrNode): IvrFlow {
  return { ...flow, nodes: { ...flowNodes(flow), [nodeId]: node } as IvrFlow['nodes'] };
}

export function replaceNode(flow: IvrFlow, nodeId: string, node: IvrNode): IvrFlow {
  return { ...flow, nodes: { ...flowNodes(flow), [nodeId]: node } as IvrFlow['nodes'] };
}

/** Removes the node; references to it stay (the tree shows them as missing, the server refuses them). */
export function deleteNode(flow: IvrFlow, nodeId: string): IvrFlow {
  const { [nodeId]: _removed, ...rest } = flowNodes(flow);
  return { ...flow, nodes: rest as IvrFlow['nodes'] };
}

/** Renames a node in place (keeping the node order) and every reference to it, the entry included. */
export function renameNode(flow: IvrFlow, from: string, to: string): IvrFlow {
  if (from === to) return flow;
  const map = (target: string) => (target === from ? to : target);
  const nodes = Object.fromEntries(Object.entries(flowNodes(flow)).map(([id, node]) => [id === from ? to : id, mapTargets(node, map)]));
  return { ...flow, entry: map(flow.entry), nodes: nodes as IvrFlow['nodes'] };
}

/** A node's prompt text in `language` (falling back to Chinese), for previews. */
export function promptPreview(node: unknown, language: IvrLanguage): string {
  if (!isRecord(node) || !isRecord(node.prompt) || !isRecord(node.prompt.text)) return '';
  const text = node.prompt.text as Record<string, unknown>;
  return asString(text[language]) || asString(text['zh-CN']);
}

/** True when the prompt carries neither text nor audio in any language: an optional prompt is then dropped. */
export function isEmptyPrompt(prompt: Prompt | undefined | null): boolean {
  if (!prompt) return true;
  const has = (record: Partial<Record<string, string>> | undefined) => Object.values(record ?? {}).some((value) => typeof value === 'string' && value.trim() !== '');
  return !has(prompt.text) && !has(prompt.audio);
}

/** Parses the raw JSON tab's text; a syntax error or a non-object gives the message to show. */
export function parseFlowText(text: string): { flow: IvrFlow; error: null } | { flow: null; error: string } {
  try {
    const value: unknown = JSON.parse(text);
    if (!isRecord(value)) return { flow: null, error: 'not a JSON object' };
    return { flow: value as unknown as IvrFlow, error: null };
  } catch (error) {
    return { flow: null, error: error instanceof Error ? error.message : String(error) };
  }
}

export function flowText(flow: unknown): string {
  return JSON.stringify(flow, null, 2);
}

/** "1 4 20260042#" → ['1', '4', '20260042#']: a test caller's keys for each successive menu or collect; null if invalid. */
export function parseDigits(text: string): string[] | null {
  const groups = text.split(/[\s,，]+/).filter(Boolean);
  if (groups.length > 20 || groups.some((group) => !/^[0-9*#]{1,32}$/.test(group))) return null;
  return groups;
}
