import { Button, Card, Flex, Progress, Space, Tag, Typography, theme } from 'antd';
import { CheckOutlined, CloseOutlined, CrownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Interaction } from '../../api/client.ts';
import type { Offer } from './offers.ts';
import { ChannelIcon, channelText } from '../../live/labels.tsx';
import { useNow } from '../../live/time.ts';

interface Props {
  offer: Offer;
  detail: Interaction | undefined;
  queueName: string | undefined;
  busy: boolean;
  onAccept(): void;
  onReject(): void;
}

/** An incoming offer: who is calling (the screen pop starts here), the ring countdown, accept or reject. */
export function OfferCard({ offer, detail, queueName, busy, onAccept, onReject }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const now = useNow(250);
  const channel = detail?.channel ?? offer.channel ?? 'voice';
  const total = offer.ringDeadline ? Math.max(1, offer.ringDeadline - offer.receivedAt) : 0;
  const left = offer.ringDeadline ? Math.max(0, offer.ringDeadline - now) : 0;
  const seconds = Math.ceil(left / 1000);
  const customer = detail?.customer;

  return (
    <Card
      size="small"
      data-testid="offer-card"
      data-interaction={offer.interactionId}
      style={{ borderColor: token.colorWarning, boxShadow: `0 0 0 2px ${token.colorWarningBg}` }}
    >
      <Flex align="center" gap={20} wrap>
        {offer.ringDeadline ? (
          <Progress
            type="circle"
            size={64}
            percent={(left / total) * 100}
            status={seconds <= 5 ? 'exception' : 'active'}
            format={() => <span data-testid="offer-countdown">{seconds}s</span>}
          />
        ) : null}
        <Flex vertical gap={4} style={{ flex: 1, minWidth: 220 }}>
          <Space size={8} wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              <Space size={6}>
                <ChannelIcon channel={channel} />
                {channel === 'voice' ? t('desk.offerVoice') : t('desk.offerChat')}
              </Space>
            </Typography.Title>
            <Tag>{channelText(channel)}</Tag>
            {queueName && <Tag color="blue">{queueName}</Tag>}
          </Space>
          <Space size={8} wrap>
            <Typography.Text strong style={{ fontSize: 16 }} data-testid="offer-customer">
              {customer?.name ?? (channel === 'voice' ? t('desk.unknownCaller') : t('desk.unknownVisitor'))}
            </Typography.Text>
            {customer?.vip && (
              <Tag color="gold" icon={<CrownOutlined />}>
                {t('desk.vip')}
              </Tag>
            )}
            {detail?.address && <Typography.Text type="secondary">{detail.address}</Typography.Text>}
          </Space>
          {offer.ringDeadline ? (
            <Typography.Text type="secondary">{t('desk.ringLeft', { seconds })}</Typography.Text>
          ) : null}
        </Flex>
        <Space size={8}>
          <Button
            type="primary"
            size="large"
            icon={<CheckOutlined />}
            loading={busy}
            onClick={onAccept}
            data-testid="offer-accept"
            style={{ background: '#389e0d' }}
          >
            {channel === 'voice' ? t('desk.accept') : t('desk.acceptChat')}
          </Button>
          <Button size="large" danger icon={<CloseOutlined />} disabled={busy} onClick={onReject} data-testid="offer-reject">
            {t('desk.reject')}
          </Button>
        </Space>
      </Flex>
    </Card>
  );
}
