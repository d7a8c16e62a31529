import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Card, Dropdown, Flex, Space, Table, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { AudioOutlined, DownOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  AGENT_STATUSES,
  CHOOSABLE_REASONS,
  SUPERVISE_MODES,
  allUsers,
  live,
  type AgentStatus,
  type Floor,
  type FloorAgent,
  type FloorQueue,
  type LiveMessage,
  type StateChange,
  type SuperviseMode,
} from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { errorText, testIdProps } from '../../lib/format.ts';
import { ChannelIcon, STATUS_COLORS, SocketTag, channelText, reasonText, statusText } from '../../live/labels.tsx';
import { formatClock, formatDuration, toMs, useNow } from '../../live/time.ts';
import { useLiveSocket } from '../../live/useLiveSocket.ts';

/** After a burst of floor news, one re-read; and a slow re-read anyway for the estimates. */
const REFETCH_DEBOUNCE_MS = 300;
const REFETCH_EVERY_MS = 10_000;

function Since({ at, testId }: { at: number | string | null; testId?: string }) {
  const now = useNow(1_000);
  if (at === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <span data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatDuration(now - toMs(at))}
    </span>
  );
}

const STATUS_ORDER: Record<AgentStatus, number> = { reserved: 0, busy: 1, wrap_up: 2, ready: 3, not_ready: 4, offline: 5 };

/**
 * The supervisor's live view: queues (waiting, longest wait, staffing, estimated wait) and agents
 * (state, reason, time in state, current contacts), kept live by the floor socket, with a forced
 * state change per agent for those who may steer the floor.
 */
export function FloorPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { message, modal } = App.useApp();
  const [floor, setFloor] = useState<Floor | null>(null);
  const [loading, setLoading] = useState(true);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [forcing, setForcing] = useState<string | null>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const seq = useRef(0);
  const control = can('floor.control');

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const next = await live.floor();
      if (mine !== seq.current) return;
      setFloor(next);
      setUpdatedAt(Date.now());
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setLoading(false);
    }
  }, [message]);

  const scheduleLoad = useCallback(() => {
    clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void load(), REFETCH_DEBOUNCE_MS);
  }, [load]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), REFETCH_EVERY_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(debounce.current);
    };
  }, [load]);

  useEffect(() => {
    if (!can('users.read')) return;
    allUsers().then(
      (users) => setNames(new Map(users.map((user) => [user.id, user.displayName]))),
      () => undefined,
    );
  }, [can]);

  // A state change shows at once; everything else (and a newly signed-in agent) comes with the re-read.
  const onMessage = (m: LiveMessage) => {
    if (m.type === 'agent_state') {
      const since = new Date(m.since).toISOString();
      setFloor((prev) =>
        prev && {
          ...prev,
          agents: prev.agents.map((agent) =>
            agent.agentId === m.agentId ? { ...agent, status: m.status, presence: m.presence, reason: m.reason, since } : agent,
          ),
        },
      );
    }
    if (m.type !== 'hello') scheduleLoad();
  };
  const socket = useLiveSocket(onMessage);
  // News may have been missed while the socket was away: re-read once it is back.
  useEffect(() => {
    if (socket === 'open') scheduleLoad();
  }, [socket, scheduleLoad]);

  const force = async (agent: FloorAgent, change: StateChange) => {
    setForcing(agent.agentId);
    try {
      const { state } = await live.forceAgentState(agent.agentId, change);
      const label = statusText(state.presence, state.reason);
      message.success(t('floor.forced', { name: names.get(agent.agentId) ?? agent.agentId.slice(0, 8), state: label }));
      scheduleLoad();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setForcing(null);
    }
  };

  /** Monitor, whisper or barge into the agent's live voice call (a control event with simulated voice). */
  const supervise = async (interactionId: string, mode: SuperviseMode) => {
    setForcing(interactionId);
    try {
      await live.supervise(interactionId, mode);
      message.success(t('supervise.done', { mode: t(`supervise.${mode}`) }));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setForcing(null);
    }
  };

  const forceMenu = (agent: FloorAgent): MenuProps => ({
    items: [
      { key: 'ready', label: <span data-testid="floor-force-ready">{t('floor.forceReady')}</span>, disabled: agent.presence === 'ready' },
      {
        key: 'not_ready',
        label: <span data-testid="floor-force-not-ready">{t('floor.forceNotReady')}</span>,
        children: CHOOSABLE_REASONS.map((reason) => ({
          key: `not_ready:${reason}`,
          disabled: agent.presence === 'not_ready' && agent.reason === reason,
          label: <span data-testid={`floor-force-not_ready-${reason}`}>{reasonText(reason)}</span>,
        })),
      },
      { type: 'divider' },
      { key: 'offline', danger: true, disabled: agent.presence === 'offline', label: <span data-testid="floor-force-offline">{t('floor.forceOffline')}</span> },
    ],
    onClick: ({ key }) => {
      if (key === 'ready') void force(agent, { presence: 'ready' });
      else if (key.startsWith('not_ready:')) void force(agent, { presence: 'not_ready', reason: key.slice('not_ready:'.length) as (typeof CHOOSABLE_REASONS)[number] });
      else if (key === 'offline') {
        modal.confirm({
          title: t('floor.forceOffline'),
          content: t('floor.forceOfflineConfirm', { name: names.get(agent.agentId) ?? agent.agentId.slice(0, 8) }),
          okText: t('common.confirm'),
          cancelText: t('common.cancel'),
          okButtonProps: { ...testIdProps('floor-force-offline-confirm'), danger: true },
          onOk: () => force(agent, { presence: 'offline' }),
        });
      }
    },
  });

  const agents = useMemo(
    () =>
      [...(floor?.agents ?? [])].sort(
        (a, b) =>
          STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
          (names.get(a.agentId) ?? a.agentId).localeCompare(names.get(b.agentId) ?? b.agentId, 'zh-CN'),
      ),
    [floor, names],
  );
  const counts = useMemo(() => {
    const byStatus = new Map<AgentStatus, number>();
    for (const agent of floor?.agents ?? []) byStatus.set(agent.status, (byStatus.get(agent.status) ?? 0) + 1);
    return byStatus;
  }, [floor]);

  return (
    <Flex vertical gap={16} data-testid="page-floor">
      <Card
        size="small"
        title={
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('floor.title')}
          </Typography.Title>
        }
        extra={
          <Space size={8}>
            {updatedAt && <Typography.Text type="secondary">{t('floor.updatedAt', { time: formatClock(updatedAt) })}</Typography.Text>}
            <SocketTag status={socket} testId="floor-connection" />
            <Button icon={<ReloadOutlined />} onClick={() => void load()} aria-label={t('common.refresh')} />
          </Space>
        }
      >
        <Space size={[8, 8]} wrap data-testid="floor-summary">
          {AGENT_STATUSES.filter((status) => counts.get(status)).map((status) => (
            <Tag key={status} color={STATUS_COLORS[status]} data-status={status}>
              {t(`agentStatus.${status}`)} {counts.get(status)}
            </Tag>
          ))}
        </Space>
      </Card>

      <Card size="small" title={t('floor.queues')}>
        <Table<FloorQueue>
          rowKey="id"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={floor?.queues ?? []}
          data-testid="floor-queues"
          scroll={{ x: 820 }}
          columns={[
            {
              title: t('floor.queue'),
              key: 'name',
              render: (_: unknown, queue) => (
                <Space size={6}>
                  <ChannelIcon channel={queue.channel} />
                  <span>{queue.name}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {queue.code}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('floor.channel'), dataIndex: 'channel', width: 110, render: (channel: string) => channelText(channel) },
            {
              title: t('floor.waiting'),
              key: 'waiting',
              width: 100,
              align: 'right',
              render: (_: unknown, queue) => {
                const waiting = queue.status?.waiting ?? 0;
                return (
                  <Typography.Text strong={waiting > 0} type={waiting > 0 ? 'danger' : undefined} data-testid="floor-queue-waiting">
                    {waiting}
                  </Typography.Text>
                );
              },
            },
            { title: t('floor.longestWait'), key: 'longest', width: 120, align: 'right', render: (_: unknown, queue) => <Since at={queue.status?.oldestEnqueuedAt ?? null} /> },
            { title: t('floor.staffed'), key: 'staffed', width: 100, align: 'right', render: (_: unknown, queue) => queue.status?.staffedAgents ?? 0 },
            { title: t('floor.available'), key: 'available', width: 100, align: 'right', render: (_: unknown, queue) => queue.status?.availableAgents ?? 0 },
            {
              title: t('floor.ewt'),
              key: 'ewt',
              width: 110,
              align: 'right',
              render: (_: unknown, queue) =>
                queue.status?.estimatedWaitMs == null ? <Typography.Text type="secondary">—</Typography.Text> : formatDuration(queue.status.estimatedWaitMs),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('floor.agents')}>
        <Table<FloorAgent>
          rowKey="agentId"
          size="small"
          loading={loading}
          pagination={false}
          dataSource={agents}
          data-testid="floor-agents"
          locale={{ emptyText: t('floor.noAgents') }}
          scroll={{ x: 900 }}
          columns={[
            {
              title: t('floor.agent'),
              key: 'name',
              render: (_: unknown, agent) => (
                <Space size={6}>
                  <span data-testid="floor-agent-name">{names.get(agent.agentId) ?? agent.agentId.slice(0, 8)}</span>
                  {!agent.connected && agent.presence !== 'offline' && <Tag color="red">{t('floor.disconnected')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('floor.status'),
              key: 'status',
              width: 120,
              filters: AGENT_STATUSES.map((status) => ({ text: t(`agentStatus.${status}`), value: status })),
              onFilter: (value, agent) => agent.status === value,
              render: (_: unknown, agent) => (
                <Tag color={STATUS_COLORS[agent.status]} data-testid="floor-agent-status" data-status={agent.status}>
                  {t(`agentStatus.${agent.status}`)}
                </Tag>
              ),
            },
            {
              title: t('floor.reason'),
              key: 'reason',
              width: 110,
              render: (_: unknown, agent) => (agent.presence === 'not_ready' && agent.reason ? reasonText(agent.reason) : ''),
            },
            { title: t('floor.timeInState'), key: 'since', width: 110, align: 'right', render: (_: unknown, agent) => <Since at={agent.since} /> },
            {
              title: t('floor.current'),
              key: 'work',
              render: (_: unknown, agent) => (
                <Space size={[4, 4]} wrap>
                  {agent.work.map((item) => (
                    <Tag key={item.interactionId} color={STATUS_COLORS[item.phase]} title={item.interactionId}>
                      <Space size={4}>
                        <ChannelIcon channel={item.channel} />
                        {t(`agentStatus.${item.phase}`)}
                        <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                          {item.interactionId.slice(0, 8)}
                        </Typography.Text>
                      </Space>
                    </Tag>
                  ))}
                </Space>
              ),
            },
            ...(control
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 200,
                    render: (_: unknown, agent: FloorAgent) => {
                      const call = agent.work.find((item) => item.channel === 'voice' && item.phase === 'busy');
                      return (
                        <Space size={4}>
                          <Dropdown trigger={['click']} menu={forceMenu(agent)}>
                            <Button size="small" loading={forcing === agent.agentId} data-testid="floor-force">
                              <Space size={4}>
                                {t('floor.force')}
                                <DownOutlined style={{ fontSize: 10 }} />
                              </Space>
                            </Button>
                          </Dropdown>
                          {call && (
                            <Dropdown
                              trigger={['click']}
                              menu={{
                                items: SUPERVISE_MODES.map((mode) => ({
                                  key: mode,
                                  danger: mode === 'barge',
                                  label: <span data-testid={`floor-supervise-${mode}`}>{t(`supervise.${mode}`)}</span>,
                                })),
                                onClick: ({ key }) => void supervise(call.interactionId, key as SuperviseMode),
                              }}
                            >
                              <Button size="small" icon={<AudioOutlined />} loading={forcing === call.interactionId} data-testid="floor-supervise">
                                {t('supervise.action')}
                              </Button>
                            </Dropdown>
                          )}
                        </Space>
                      );
                    },
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Flex>
  );
}
