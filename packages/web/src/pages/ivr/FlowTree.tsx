import { useEffect, useMemo, useState } from 'react';
import { Badge, Empty, Flex, Tag, Tooltip, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { EnterOutlined, ExclamationCircleFilled, LoginOutlined, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { buildFlowTree, flowNodes, nodeType, promptPreview, treeKeys, type FlowTreeItem, type IvrLanguage, type NodeProblems } from './flow.ts';
import { edgeText, NODE_COLORS, nodeTypeText, problemText } from './labels.ts';

interface Props {
  flow: unknown;
  problems: Map<string, NodeProblems>;
  selected: string | null;
  onSelect: (nodeId: string) => void;
}

const UNREACHABLE_KEY = 'group:unreachable';

/** What a node does in one line: its prompt, or where it transfers. */
function summary(node: unknown, language: IvrLanguage): string {
  const type = nodeType(node);
  const record = (node ?? {}) as Record<string, unknown>;
  if (type === 'transfer') {
    const target = (record.target ?? {}) as Record<string, unknown>;
    const to = target.kind === 'agent' ? target.agentId : target.queueId;
    return `→ ${typeof to === 'string' && to ? to : '?'}`;
  }
  if ((type === 'voicemail' || type === 'callback') && typeof record.queueId === 'string') return `→ ${record.queueId}`;
  if (type === 'collect' && typeof record.variable === 'string') return `{${record.variable}} ${promptPreview(node, language)}`;
  return promptPreview(node, language);
}

/** The flow as a tree from its entry: each node where the walk first meets it, links where menus loop back. */
export function FlowTree({ flow, problems, selected, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const language: IvrLanguage = i18n.language === 'en' ? 'en' : 'zh-CN';
  const tree = useMemo(() => buildFlowTree(flow), [flow]);
  const nodes = flowNodes(flow);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());

  const allKeys = useMemo(() => [...treeKeys(tree.roots), ...treeKeys(tree.unreachable), UNREACHABLE_KEY], [tree]);
  const expandedKeys = allKeys.filter((key) => !collapsed.has(key));
  /** Row key → the node it shows or links to, and row key → its parent row. */
  const { keyToNode, parentOf } = useMemo(() => {
    const nodeOf = new Map<string, string>();
    const parents = new Map<string, string>();
    const index = (items: FlowTreeItem[], parent: string | null) =>
      items.forEach((item) => {
        if (item.kind !== 'missing') nodeOf.set(item.key, item.nodeId);
        if (parent) parents.set(item.key, parent);
        index(item.children, item.key);
      });
    index(tree.roots, null);
    index(tree.unreachable, UNREACHABLE_KEY);
    return { keyToNode: nodeOf, parentOf: parents };
  }, [tree]);

  // A node selected from elsewhere (the problem list, "open" in the form) is expanded to and scrolled into view.
  useEffect(() => {
    if (!selected) return;
    const ancestors: string[] = [];
    for (let key = parentOf.get(`node:${selected}`); key; key = parentOf.get(key)) ancestors.push(key);
    setCollapsed((current) => (ancestors.some((key) => current.has(key)) ? new Set([...current].filter((key) => !ancestors.includes(key))) : current));
    const frame = requestAnimationFrame(() =>
      document.querySelector(`[data-testid="ivr-node-${CSS.escape(selected)}"]`)?.scrollIntoView({ block: 'nearest' }),
    );
    return () => cancelAnimationFrame(frame);
  }, [selected, parentOf]);

  const edgeTag = (item: FlowTreeItem) =>
    item.edge ? (
      <Tag variant="outlined" style={{ marginInlineEnd: 0, color: '#666' }}>
        {edgeText(item.edge.slot)}
      </Tag>
    ) : null;

  const title = (item: FlowTreeItem) => {
    if (item.kind === 'missing') {
      return (
        <Flex gap={6} align="center" wrap data-testid={`ivr-missing-${item.nodeId || 'empty'}`}>
          {edgeTag(item)}
          <Typography.Text type="danger">
            <ExclamationCircleFilled />{' '}
            {item.nodeId ? t('ivr.tree.missing', { id: item.nodeId }) : item.edge ? t('ivr.tree.noTarget') : t('ivr.tree.noEntry')}
          </Typography.Text>
        </Flex>
      );
    }
    if (item.kind === 'link') {
      return (
        <Flex gap={6} align="center" wrap data-testid={`ivr-link-${item.nodeId}`}>
          {edgeTag(item)}
          <Typography.Link>
            <EnterOutlined /> {t('ivr.tree.link', { id: item.nodeId })}
          </Typography.Link>
        </Flex>
      );
    }
    const node = nodes[item.nodeId];
    const type = nodeType(node);
    const found = problems.get(item.nodeId);
    const state = found?.errors.length ? 'error' : found?.warnings.length ? 'warning' : undefined;
    const label = typeof (node as { label?: unknown })?.label === 'string' ? (node as { label: string }).label : '';
    const text = summary(node, language);
    return (
      <Flex
        gap={6}
        align="center"
        wrap
        data-testid={`ivr-node-${item.nodeId}`}
        data-problem={state}
        data-selected={selected === item.nodeId ? 'true' : undefined}
        style={{
          padding: '0 4px',
          borderRadius: 4,
          outline: state === 'error' ? '2px solid #ff4d4f' : state === 'warning' ? '1px dashed #faad14' : undefined,
          background: state === 'error' ? '#fff1f0' : undefined,
        }}
      >
        {edgeTag(item)}
        {item.edge === null && tree.roots[0] === item && (
          <Tooltip title={t('ivr.tree.entry')}>
            <LoginOutlined style={{ color: '#1668dc' }} />
          </Tooltip>
        )}
        <Tag color={NODE_COLORS[type] ?? 'default'} style={{ marginInlineEnd: 0 }}>
          {nodeTypeText(type)}
        </Tag>
        <Typography.Text strong code>
          {item.nodeId}
        </Typography.Text>
        {label && <Typography.Text>{label}</Typography.Text>}
        {text && (
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
            {text}
          </Typography.Text>
        )}
        {found && (found.errors.length > 0 || found.warnings.length > 0) && (
          <Tooltip title={[...found.errors, ...found.warnings].map(problemText).join('；')}>
            {found.errors.length > 0 ? (
              <Badge count={found.errors.length} size="small" />
            ) : (
              <WarningFilled style={{ color: '#faad14' }} />
            )}
          </Tooltip>
        )}
      </Flex>
    );
  };

  const toData = (item: FlowTreeItem): TreeDataNode => ({
    key: item.key,
    title: title(item),
    children: item.children.map(toData),
    isLeaf: item.children.length === 0,
  });

  const data: TreeDataNode[] = [
    ...tree.roots.map(toData),
    ...(tree.unreachable.length > 0
      ? [
          {
            key: UNREACHABLE_KEY,
            selectable: false,
            title: (
              <Typography.Text type="secondary" data-testid="ivr-unreachable">
                {t('ivr.tree.unreachable', { count: tree.unreachable.length })}
              </Typography.Text>
            ),
            children: tree.unreachable.map(toData),
          },
        ]
      : []),
  ];

  if (Object.keys(nodes).length === 0) return <Empty description={t('ivr.tree.empty')} />;

  return (
    <Tree
      data-testid="ivr-tree"
      showLine
      blockNode
      treeData={data}
      expandedKeys={expandedKeys}
      onExpand={(keys) => {
        const open = new Set(keys.map(String));
        setCollapsed(new Set(allKeys.filter((key) => !open.has(key))));
      }}
      selectedKeys={selected ? [`node:${selected}`] : []}
      onSelect={(_keys, info) => {
        const nodeId = keyToNode.get(String(info.node.key));
        if (nodeId !== undefined) onSelect(nodeId);
      }}
    />
  );
}
