import { describe, expect, it } from 'vitest';
import {
  buildFlowTree,
  defaultExit,
  deleteNode,
  formatPath,
  newNode,
  NODE_TYPES,
  nodeEdges,
  parseDigits,
  parseFlowText,
  problemsAt,
  problemsByNode,
  problemsFromDetails,
  referrersOf,
  renameNode,
  suggestNodeId,
  treeKeys,
  type FlowTreeItem,
  type IvrFlow,
} from './flow.ts';

/** A small version of the demo property hotline: a menu that loops back, shared transfers, a lookup. */
const flow: IvrFlow = {
  hotline: '4008001234',
  version: 3,
  entry: 'welcome',
  nodes: {
    welcome: { type: 'play', prompt: { text: { 'zh-CN': '您好' } }, next: 'main' },
    main: {
      type: 'menu',
      prompt: { text: { 'zh-CN': '报修请按1，投诉请按2' } },
      options: [
        { digit: '1', next: 'repair', label: '报修' },
        { digit: '2', next: 'to_complaint' },
        { digit: '*', next: 'main' },
      ],
      onNoInput: 'to_repair',
      onInvalid: 'to_repair',
    },
    repair: { type: 'lookup', lookup: 'customer_by_caller', onFound: 'to_repair', onNotFound: 'to_repair' },
    to_repair: { type: 'transfer', target: { kind: 'queue', queueId: 'repair' } },
    to_complaint: { type: 'transfer', target: { kind: 'queue', queueId: 'complaint' } },
    orphan: { type: 'play', prompt: { text: {} }, next: 'gone' },
    goodbye: { type: 'hangup' },
  },
};

const shape = (item: FlowTreeItem): unknown => [item.kind, item.nodeId, item.children.map(shape)];

describe('IVR flow tree', () => {
  it('lists edges in the order of the fields, with the server paths', () => {
    expect(nodeEdges('main', flow.nodes.main).map((e) => [e.slot.kind, e.target, formatPath(e.path)])).toEqual([
      ['option', 'repair', 'nodes.main.options[0].next'],
      ['option', 'to_complaint', 'nodes.main.options[1].next'],
      ['option', 'main', 'nodes.main.options[2].next'],
      ['noInput', 'to_repair', 'nodes.main.onNoInput'],
      ['invalid', 'to_repair', 'nodes.main.onInvalid'],
    ]);
    expect(nodeEdges('x', { type: 'transfer' })).toEqual([]);
    expect(nodeEdges('x', null)).toEqual([]);
    expect(nodeEdges('x', { type: 'menu', options: 'nope' })).toEqual([]);
  });

  it('walks from the entry: each node in full once, links where it is met again, missing targets marked', () => {
    const tree = buildFlowTree(flow);
    expect(tree.roots.map(shape)).toEqual([
      [
        'node',
        'welcome',
        [
          [
            'node',
            'main',
            [
              ['node', 'repair', [['node', 'to_repair', []], ['link', 'to_repair', []]]],
              ['node', 'to_complaint', []],
              ['link', 'main', []],
              ['link', 'to_repair', []],
              ['link', 'to_repair', []],
            ],
          ],
        ],
      ],
    ]);
    expect(tree.unreachable.map(shape)).toEqual([
      ['node', 'orphan', [['missing', 'gone', []]]],
      ['node', 'goodbye', []],
    ]);
    const keys = treeKeys([...tree.roots, ...tree.unreachable]);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('shows a missing entry and survives JSON that is not a flow', () => {
    expect(buildFlowTree({ ...flow, entry: 'nowhere' }).roots.map(shape)).toEqual([['missing', 'nowhere', []]]);
    expect(buildFlowTree(null)).toEqual({ roots: [{ key: 'missing:root:entry', kind: 'missing', nodeId: '', edge: null, children: [] }], unreachable: [] });
    expect(buildFlowTree({ entry: 'a', nodes: [] }).unreachable).toEqual([]);
  });
});

describe('IVR flow problems', () => {
  const details = {
    errors: [
      { code: 'ivr.unknown_queue', severity: 'error', path: ['nodes', 'to_complaint', 'target', 'queueId'], message: 'unknown queue "nope"' },
      { code: 'ivr.unknown_node', severity: 'error', path: ['entry'], message: 'node "x" does not exist' },
      { code: 'ivr.wrong_hotline', path: 'hotline', message: 'this flow is for 400' },
    ],
    warnings: [{ code: 'ivr.unreachable_node', severity: 'warning', path: ['nodes', 'orphan'], message: 'no path' }],
  };

  it('reads the server details, paths as lists or strings', () => {
    const problems = problemsFromDetails(details);
    expect(problems.map((p) => [p.code, p.severity, formatPath(p.path)])).toEqual([
      ['ivr.unknown_queue', 'error', 'nodes.to_complaint.target.queueId'],
      ['ivr.unknown_node', 'error', 'entry'],
      ['ivr.wrong_hotline', 'error', 'hotline'],
      ['ivr.unreachable_node', 'warning', 'nodes.orphan'],
    ]);
    expect(problemsFromDetails(undefined)).toEqual([]);
    expect(problemsFromDetails({ errors: 'x' })).toEqual([]);
  });

  it('groups problems by node and finds those under a field', () => {
    const problems = problemsFromDetails(details);
    const byNode = problemsByNode(problems);
    expect([...byNode.keys()]).toEqual(['to_complaint', 'orphan']);
    expect(byNode.get('to_complaint')?.errors).toHaveLength(1);
    expect(byNode.get('orphan')?.warnings).toHaveLength(1);
    expect(problemsAt(problems, ['nodes', 'to_complaint', 'target'])).toHaveLength(1);
    expect(problemsAt(problems, ['nodes', 'to_complaint', 'prompt'])).toHaveLength(0);
  });

  it('prints paths like the server', () => {
    expect(formatPath(['nodes', 'main', 'options', 2, 'digit'])).toBe('nodes.main.options[2].digit');
    expect(formatPath([])).toBe('');
  });
});

describe('IVR flow editing', () => {
  it('renames a node with every reference, keeping the order', () => {
    const renamed = renameNode(flow, 'main', 'main_menu');
    expect(Object.keys(renamed.nodes)).toEqual(['welcome', 'main_menu', 'repair', 'to_repair', 'to_complaint', 'orphan', 'goodbye']);
    expect(renamed.nodes.welcome).toMatchObject({ next: 'main_menu' });
    expect(renamed.nodes.main_menu).toMatchObject({ options: [{ next: 'repair' }, { next: 'to_complaint' }, { next: 'main_menu' }] });
    expect(renameNode(flow, 'welcome', 'hello').entry).toBe('hello');
    // Only target fields change: a transfer's queue named like the node stays.
    expect(renameNode(flow, 'repair', 'fix').nodes.to_repair).toEqual({ type: 'transfer', target: { kind: 'queue', queueId: 'repair' } });
    expect(flow.nodes.welcome).toMatchObject({ next: 'main' });
  });

  it('deletes a node and reports who pointed at it', () => {
    expect(referrersOf(flow, 'to_repair')).toEqual({ entry: false, nodes: ['main', 'repair'] });
    expect(referrersOf(flow, 'welcome')).toEqual({ entry: true, nodes: [] });
    const without = deleteNode(flow, 'to_complaint');
    expect('to_complaint' in without.nodes).toBe(false);
    expect(buildFlowTree(without).roots[0]?.children[0]?.children[1]).toMatchObject({ kind: 'missing', nodeId: 'to_complaint' });
  });

  it('makes new nodes of every type wired to an existing exit, with free ids', () => {
    expect(defaultExit(flow)).toBe('goodbye');
    expect(defaultExit({ ...flow, nodes: { a: { type: 'play', prompt: { text: {} }, next: 'a' } }, entry: 'a' })).toBe('a');
    expect(suggestNodeId(flow, 'menu')).toBe('menu_1');
    expect(suggestNodeId({ nodes: { menu_1: {}, menu_2: {} } }, 'menu')).toBe('menu_3');
    for (const type of NODE_TYPES) {
      const node = newNode(type, 'goodbye');
      expect(node.type).toBe(type);
      for (const edge of nodeEdges('n', node)) expect(edge.target).toBe('goodbye');
    }
  });

  it('parses the JSON tab', () => {
    expect(parseFlowText(JSON.stringify(flow)).flow).toEqual(flow);
    expect(parseFlowText('{"a":').error).toBeTruthy();
    expect(parseFlowText('[1]').error).toBe('not a JSON object');
  });

  it('reads test-call keys', () => {
    expect(parseDigits('1 4  20260042#')).toEqual(['1', '4', '20260042#']);
    expect(parseDigits('1,2，*')).toEqual(['1', '2', '*']);
    expect(parseDigits('')).toEqual([]);
    expect(parseDigits('1 a')).toBeNull();
    expect(parseDigits(Array.from({ length: 21 }, () => '1').join(' '))).toBeNull();
  });
});
