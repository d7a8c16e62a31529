import { useState } from 'react';
import { Button, Card, Flex, Select, Space, Tag, Typography } from 'antd';
import { PauseCircleOutlined, PhoneOutlined, PlayCircleOutlined, SwapOutlined, UsergroupAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Interaction, Queue, WorkPhase } from '../../api/client.ts';
import { formatDuration, toMs, useNow } from '../../live/time.ts';

function TalkTime({ from, to }: { from: string; to: string | null }) {
  const now = useNow(1_000);
  return (
    <span data-testid="call-timer" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {formatDuration((to ? toMs(to) : now) - toMs(from))}
    </span>
  );
}

interface Props {
  detail: Interaction;
  phase: WorkPhase;
  /** Queues the call can go to; null hides the transfer control (the user may not list queues). */
  queues: Queue[] | null;
  /** Colleagues who can be brought into the call; null hides the conference control (no user list). */
  colleagues: { id: string; name: string }[] | null;
  pending: string | null;
  onHold(): void;
  onResume(): void;
  onHangup(): void;
  onTransfer(queueId: string): void;
  onConference(agentId: string): void;
}

/** Call control for a (simulated) voice call: hold / resume, transfer to a queue, conference a colleague, hang up. */
export function VoiceControls({ detail, phase, queues, colleagues, pending, onHold, onResume, onHangup, onTransfer, onConference }: Props) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<string | undefined>(undefined);
  const [colleague, setColleague] = useState<string | undefined>(undefined);
  const live = phase === 'busy' && detail.status === 'connected';
  const targets = (queues ?? []).filter((queue) => queue.channel === 'voice' && queue.id !== detail.queueId);

  return (
    <Card
      size="small"
      data-testid="call-controls"
      title={
        <Space size={6}>
          <PhoneOutlined />
          {t('desk.call')}
        </Space>
      }
      extra={
        <Space size={8}>
          {live ? (
            <Tag color={detail.onHold ? 'orange' : 'red'} data-testid="call-status" data-hold={detail.onHold ? 'yes' : 'no'}>
              {detail.onHold ? t('desk.onHold') : t('desk.connected')}
            </Tag>
          ) : (
            <Tag data-testid="call-status">{t('desk.callEnded')}</Tag>
          )}
          {detail.answeredAt && (
            <Typography.Text type="secondary">
              {t('desk.talkTime')} <TalkTime from={detail.answeredAt} to={live ? null : detail.endedAt} />
            </Typography.Text>
          )}
        </Space>
      }
    >
      {live ? (
        <Flex vertical gap={12}>
          <Space size={8} wrap>
            {detail.onHold ? (
              <Button icon={<PlayCircleOutlined />} loading={pending === 'resume'} disabled={Boolean(pending)} onClick={onResume} data-testid="call-resume">
                {t('desk.resume')}
              </Button>
            ) : (
              <Button icon={<PauseCircleOutlined />} loading={pending === 'hold'} disabled={Boolean(pending)} onClick={onHold} data-testid="call-hold">
                {t('desk.hold')}
              </Button>
            )}
            <Button
              danger
              type="primary"
              icon={<PhoneOutlined rotate={225} />}
              loading={pending === 'hangup'}
              disabled={Boolean(pending)}
              onClick={onHangup}
              data-testid="call-hangup"
            >
              {t('desk.hangup')}
            </Button>
          </Space>
          {queues && (
            <Space.Compact style={{ maxWidth: 420 }}>
              <Select
                value={target}
                onChange={setTarget}
                placeholder={t('desk.transferTo')}
                style={{ flex: 1, minWidth: 200 }}
                data-testid="call-transfer-queue"
                options={targets.map((queue) => ({ value: queue.id, label: queue.name }))}
              />
              <Button
                icon={<SwapOutlined />}
                disabled={!target || Boolean(pending)}
                loading={pending === 'transfer'}
                onClick={() => target && onTransfer(target)}
                data-testid="call-transfer"
              >
                {t('desk.transfer')}
              </Button>
            </Space.Compact>
          )}
          {colleagues && colleagues.length > 0 && (
            <Space.Compact style={{ maxWidth: 420 }}>
              <Select
                value={colleague}
                onChange={setColleague}
                placeholder={t('desk.conferenceWith')}
                style={{ flex: 1, minWidth: 200 }}
                showSearch={{ optionFilterProp: 'label' }}
                data-testid="call-conference-agent"
                options={colleagues.map((c) => ({ value: c.id, label: c.name }))}
              />
              <Button
                icon={<UsergroupAddOutlined />}
                disabled={!colleague || Boolean(pending)}
                loading={pending === 'conference'}
                onClick={() => colleague && onConference(colleague)}
                data-testid="call-conference"
              >
                {t('desk.conference')}
              </Button>
            </Space.Compact>
          )}
          {detail.holdSeconds > 0 && (
            <Typography.Text type="secondary">{t('desk.heldSeconds', { seconds: detail.holdSeconds })}</Typography.Text>
          )}
        </Flex>
      ) : (
        <Typography.Text type="secondary">
          {detail.transferred ? t('desk.transferred', { queue: queues?.find((q) => q.id === detail.queueId)?.name ?? '' }) : t('desk.callEnded')}
        </Typography.Text>
      )}
    </Card>
  );
}
