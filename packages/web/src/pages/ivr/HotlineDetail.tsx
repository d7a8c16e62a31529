import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Dropdown, Empty, Flex, Input, Popconfirm, Row, Space, Spin, Table, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, PlusOutlined, ReloadOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { allUsers, ApiError, isErrorCode, type User } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText, formatDateTime } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { ivrApi, type Hotline, type QueueOption } from './api.ts';
import { EmergencyBanner, EmergencyControl } from './Emergency.tsx';
import {
  NODE_TYPES,
  addNode,
  defaultExit,
  deleteNode,
  flowNodes,
  flowText,
  newNode,
  parseFlowText,
  problemsByNode,
  problemsFromDetails,
  renameNode,
  suggestNodeId,
  type FlowProblem,
  type IvrFlow,
} from './flow.ts';
import { FlowTree } from './FlowTree.tsx';
import { nodeTypeText } from './labels.ts';
import { NodeForm } from './NodeForm.tsx';
import { ProblemList } from './ProblemList.tsx';
import { TestCallButton } from './TestCall.tsx';

type TabKey = 'tree' | 'json' | 'versions';

/** One hotline: its flow in a tree editor and as raw JSON, its versions, the emergency switch and test calls. */
export function HotlineDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const editable = can('ivr.manage');
  const { data, loading, reload, setData } = useLoad(() => ivrApi.hotline(id), [id]);
  const queues = useLoad<QueueOption[] | null>(async () => (can('queues.read') ? (await ivrApi.queues()).items : null));
  const users = useLoad<User[]>(async () => (can('users.read') ? allUsers() : []));

  const [flow, setFlow] = useState<IvrFlow | null>(null);
  const [jsonText, setJsonText] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [problems, setProblems] = useState<FlowProblem[]>([]);
  const [failed, setFailed] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState<TabKey>('tree');
  const [saving, setSaving] = useState(false);

  // A newly loaded (or newly saved) version replaces the working copy; the emergency switch does not.
  const loadedFlow = data?.flow;
  useEffect(() => {
    if (loadedFlow === undefined) return;
    setFlow(loadedFlow);
    setJsonText(loadedFlow ? flowText(loadedFlow) : '');
    setJsonError(null);
    setSelected((current) => (current && loadedFlow && current in loadedFlow.nodes ? current : (loadedFlow?.entry ?? null)));
  }, [loadedFlow]);

  const dirty = Boolean(data && (jsonError !== null || JSON.stringify(flow) !== JSON.stringify(data.flow)));
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const byNode = useMemo(() => problemsByNode(problems), [problems]);
  const userName = useMemo(() => {
    const map = new Map((users.data ?? []).map((user) => [user.id, user.displayName]));
    return (userId: string | null) => (userId ? (map.get(userId) ?? userId.slice(0, 8)) : t('ivr.versions.system'));
  }, [users.data, t]);

  /** An edit from the tree editor: the JSON tab follows. */
  const edit = (next: IvrFlow) => {
    setFlow(next);
    setJsonText(flowText(next));
    setJsonError(null);
  };

  const editJson = (text: string) => {
    setJsonText(text);
    const parsed = parseFlowText(text);
    if (parsed.flow) {
      setFlow(parsed.flow);
      setJsonError(null);
    } else {
      setJsonError(parsed.error);
    }
  };

  const pick = (nodeId: string) => {
    setSelected(nodeId);
    setTab('tree');
  };

  const save = async () => {
    if (!flow) return;
    if (jsonError !== null) {
      message.error(t('ivr.json.fixSyntax'));
      return;
    }
    setSaving(true);
    try {
      const saved = await ivrApi.saveFlow(id, flow);
      setProblems(saved.warnings.map((w) => ({ ...w, severity: 'warning' as const })));
      setFailed(false);
      message.success(
        saved.warnings.length > 0
          ? t('ivr.savedWithWarnings', { version: saved.version, count: saved.warnings.length })
          : t('ivr.saved', { version: saved.version }),
      );
      await reload();
    } catch (error) {
      if (isErrorCode(error, 'ivr.invalid_flow') && error instanceof ApiError) {
        const found = problemsFromDetails(error.details);
        setProblems(found);
        setFailed(true);
        const first = found.find((p) => p.severity === 'error' && p.path[0] === 'nodes' && typeof p.path[1] === 'string');
        if (first && tab === 'tree') setSelected(first.path[1] as string);
      }
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const discard = () => {
    if (!data) return;
    setFlow(data.flow);
    setJsonText(data.flow ? flowText(data.flow) : '');
    setJsonError(null);
    setProblems([]);
    setFailed(false);
  };

  const addOf = (type: (typeof NODE_TYPES)[number]) => {
    if (!flow) return;
    const nodeId = suggestNodeId(flow, type);
    edit(addNode(flow, nodeId, newNode(type, defaultExit(flow))));
    setSelected(nodeId);
    setTab('tree');
  };

  if (!data) {
    return (
      <PageCard testId="page-ivr" title={t('ivr.title')} extra={<Button icon={<ArrowLeftOutlined />} onClick={onBack}>{t('ivr.back')}</Button>}>
        {loading ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : (
          <Empty description={t('ivr.notFound')} />
        )}
      </PageCard>
    );
  }

  const hotlineChanged = (hotline: Hotline) => setData({ ...data, ...hotline });
  const nodeCount = Object.keys(flowNodes(flow)).length;

  const treeTab = flow ? (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={13}>
        <Card
          size="small"
          title={t('ivr.tree.title', { count: nodeCount })}
          extra={
            editable && (
              <Dropdown
                trigger={['click']}
                menu={{
                  items: NODE_TYPES.map((type) => ({ key: type, label: <span data-testid={`ivr-add-${type}`}>{nodeTypeText(type)}</span> })),
                  onClick: ({ key }) => addOf(key as (typeof NODE_TYPES)[number]),
                }}
              >
                <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid="ivr-add-node">
                  {t('ivr.tree.addNode')}
                </Button>
              </Dropdown>
            )
          }
        >
          <FlowTree flow={flow} problems={byNode} selected={selected} onSelect={setSelected} />
        </Card>
      </Col>
      <Col xs={24} xl={11}>
        <Card size="small" title={t('ivr.form.title')} style={{ position: 'sticky', top: 16 }}>
          {selected && selected in flowNodes(flow) ? (
            <NodeForm
              key={selected}
              flow={flow}
              nodeId={selected}
              problems={problems}
              queues={queues.data ?? null}
              editable={editable}
              onChange={edit}
              onSelect={setSelected}
              onRename={(from, to) => {
                edit(renameNode(flow, from, to));
                setSelected(to);
              }}
              onDelete={(nodeId) => {
                edit(deleteNode(flow, nodeId));
                setSelected(flow.entry === nodeId ? null : flow.entry);
              }}
              onSetEntry={(nodeId) => edit({ ...flow, entry: nodeId })}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ivr.form.empty')} />
          )}
        </Card>
      </Col>
    </Row>
  ) : (
    <Empty description={t('ivr.noFlow')} />
  );

  const jsonTab = (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('ivr.json.hint')}</Typography.Text>
      {jsonError !== null && <Alert type="error" showIcon data-testid="ivr-json-error" title={t('ivr.json.syntaxError', { message: jsonError })} />}
      <Input.TextArea
        data-testid="ivr-json"
        value={jsonText}
        readOnly={!editable}
        spellCheck={false}
        autoSize={{ minRows: 16, maxRows: 40 }}
        style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 12 }}
        onChange={(e) => editJson(e.target.value)}
      />
    </Flex>
  );

  const versionsTab = (
    <Table
      data-testid="ivr-versions"
      rowKey="version"
      size="small"
      dataSource={[...data.versions].sort((a, b) => b.version - a.version)}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      columns={[
        {
          title: t('ivr.versions.version'),
          dataIndex: 'version',
          render: (version: number) => (
            <Space>
              <span>v{version}</span>
              {version === data.activeVersion && <Tag color="green">{t('ivr.versions.active')}</Tag>}
            </Space>
          ),
        },
        { title: t('ivr.versions.createdAt'), dataIndex: 'createdAt', render: (iso: string) => formatDateTime(iso) },
        { title: t('ivr.versions.createdBy'), dataIndex: 'createdBy', render: (userId: string | null) => userName(userId) },
      ]}
    />
  );

  return (
    <PageCard
      testId="page-ivr"
      title={
        <Space wrap>
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={onBack} aria-label={t('ivr.back')} data-testid="ivr-back" />
          <span data-testid="ivr-hotline-title">
            {data.number} · {data.name}
          </span>
          <Tag color="blue" data-testid="ivr-version" data-version={data.activeVersion}>
            {t('ivr.version', { version: data.activeVersion })}
          </Tag>
          {dirty && (
            <Tag color="orange" data-testid="ivr-dirty">
              {t('ivr.unsaved')}
            </Tag>
          )}
        </Space>
      }
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()} disabled={dirty} title={dirty ? t('ivr.reloadDirty') : undefined}>
            {t('common.refresh')}
          </Button>
          {can('floor.control') && <TestCallButton hotline={data} />}
          {editable && (
            <>
              <Popconfirm title={t('ivr.discardConfirm')} okText={t('ivr.discard')} cancelText={t('common.cancel')} onConfirm={discard} disabled={!dirty}>
                <Button icon={<UndoOutlined />} disabled={!dirty} data-testid="ivr-discard">
                  {t('ivr.discard')}
                </Button>
              </Popconfirm>
              <Button type="primary" icon={<SaveOutlined />} loading={saving} disabled={!flow} onClick={() => void save()} data-testid="ivr-save">
                {t('ivr.save')}
              </Button>
            </>
          )}
        </>
      }
    >
      <EmergencyBanner hotline={data} />
      <Flex vertical gap={16}>
        <EmergencyControl hotline={data} allowed={can('ivr.emergency')} onChanged={hotlineChanged} />
        {!editable && <Alert type="info" showIcon title={t('ivr.readOnly')} />}
        <div>
          <ProblemList problems={problems} failed={failed} onPick={pick} />
          <Tabs
            activeKey={tab}
            onChange={(key) => setTab(key as TabKey)}
            items={[
              { key: 'tree', label: <span data-testid="ivr-tab-tree">{t('ivr.tabs.tree')}</span>, children: treeTab },
              { key: 'json', label: <span data-testid="ivr-tab-json">{t('ivr.tabs.json')}</span>, children: jsonTab },
              { key: 'versions', label: <span data-testid="ivr-tab-versions">{t('ivr.tabs.versions', { count: data.versions.length })}</span>, children: versionsTab },
            ]}
          />
        </div>
      </Flex>
    </PageCard>
  );
}
