import { Button, Card, Dropdown, Flex, Popconfirm, Space, Tag, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { CheckCircleOutlined, CoffeeOutlined, DownOutlined, LogoutOutlined, LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { CHOOSABLE_REASONS, type AgentStateView, type NotReadyReason } from '../../api/client.ts';
import { STATUS_COLORS, SocketTag, reasonText, statusText } from '../../live/labels.tsx';
import { formatDuration, toMs, useNow } from '../../live/time.ts';
import { testIdProps } from '../../lib/format.ts';
import type { SocketStatus } from '../../live/useLiveSocket.ts';

/** Time in state, ticking every second on its own so the rest of the desk does not re-render. */
function TimeInState({ since }: { since: string }) {
  const now = useNow(1_000);
  return (
    <span data-testid="desk-state-timer" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatDuration(now - toMs(since))}
    </span>
  );
}

interface Props {
  agent: AgentStateView | null;
  socket: SocketStatus;
  /** True once the server greeted this desktop (the agent is on the floor). */
  online: boolean;
  busy: boolean;
  onReady(): void;
  onNotReady(reason: NotReadyReason): void;
  onSignOut(): void;
  onSignIn(): void;
}

/** The agent's state, time in state, and the ready / not ready (with reason) / sign-out controls. */
export function StateBar({ agent, socket, online, busy, onReady, onNotReady, onSignOut, onSignIn }: Props) {
  const { t } = useTranslation();
  const status = agent?.status ?? 'offline';
  const signedOut = agent?.presence === 'offline';
  const canChange = online && Boolean(agent) && !signedOut && !busy;

  const reasons: MenuProps['items'] = CHOOSABLE_REASONS.map((reason) => ({
    key: reason,
    disabled: agent?.presence === 'not_ready' && agent.reason === reason,
    label: <span data-testid={`desk-reason-${reason}`}>{reasonText(reason)}</span>,
  }));

  return (
    <Card size="small" data-testid="desk-state-bar">
      <Flex align="center" justify="space-between" wrap gap={12}>
        <Space size={12} wrap>
          <Tag
            color={STATUS_COLORS[status]}
            data-testid="desk-state"
            data-status={status}
            data-reason={agent?.reason ?? ''}
            style={{ fontSize: 16, lineHeight: '30px', paddingInline: 12, marginInlineEnd: 0 }}
          >
            <Space size={10}>
              <strong>{agent ? statusText(status, agent.reason) : t('live.connecting')}</strong>
              {agent && <TimeInState since={agent.since} />}
            </Space>
          </Tag>
          <Typography.Text type="secondary">{t('desk.timeInState')}</Typography.Text>
          <SocketTag status={socket} testId="desk-connection" />
        </Space>
        <Space size={8} wrap>
          {signedOut ? (
            <Button type="primary" icon={<LoginOutlined />} onClick={onSignIn} data-testid="desk-sign-in">
              {t('desk.signIn')}
            </Button>
          ) : (
            <>
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                disabled={!canChange || agent?.presence === 'ready'}
                onClick={onReady}
                data-testid="desk-ready"
                style={agent?.presence === 'ready' ? undefined : { background: '#389e0d' }}
              >
                {t('desk.ready')}
              </Button>
              <Dropdown
                trigger={['click']}
                disabled={!canChange}
                menu={{ items: reasons, onClick: ({ key }) => onNotReady(key as NotReadyReason) }}
              >
                <Button icon={<CoffeeOutlined />} data-testid="desk-not-ready">
                  <Space size={4}>
                    {t('desk.notReady')}
                    <DownOutlined style={{ fontSize: 10 }} />
                  </Space>
                </Button>
              </Dropdown>
              <Popconfirm
                title={t('desk.signOutConfirm')}
                onConfirm={onSignOut}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                okButtonProps={testIdProps('desk-sign-out-confirm')}
                disabled={!canChange}
              >
                <Button icon={<LogoutOutlined />} disabled={!canChange} data-testid="desk-sign-out">
                  {t('desk.signOut')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      </Flex>
    </Card>
  );
}
