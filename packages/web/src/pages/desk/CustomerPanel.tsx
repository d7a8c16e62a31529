import { Card, Descriptions, Empty, Flex, Space, Tag, Timeline, Typography } from 'antd';
import { CrownOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Interaction, InteractionEvent } from '../../api/client.ts';
import { formatDateTime } from '../../lib/format.ts';
import { formatClock } from '../../live/time.ts';

/** The screen pop: the customer matched by caller number or chat identity, and where the contact came from. */
export function CustomerCard({ detail }: { detail: Interaction }) {
  const { t } = useTranslation();
  const customer = detail.customer;
  return (
    <Card
      size="small"
      data-testid="customer-card"
      title={
        <Space size={6}>
          <UserOutlined />
          {t('desk.customer')}
        </Space>
      }
    >
      <Flex align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Text strong style={{ fontSize: 18 }} data-testid="customer-name">
          {customer?.name ?? (detail.channel === 'voice' ? t('desk.unknownCaller') : t('desk.unknownVisitor'))}
        </Typography.Text>
        {customer?.vip && (
          <Tag color="gold" icon={<CrownOutlined />} data-testid="customer-vip">
            {t('desk.vip')}
          </Tag>
        )}
        {!customer && <Typography.Text type="secondary">{t('desk.noCustomer')}</Typography.Text>}
      </Flex>
      <Descriptions
        size="small"
        column={1}
        items={[
          ...(customer
            ? [
                { key: 'phones', label: t('desk.phones'), children: customer.phones.join('、') || '—' },
                { key: 'address', label: t('desk.address'), children: customer.address ?? '—' },
              ]
            : []),
          { key: 'caller', label: detail.channel === 'voice' ? t('desk.caller') : t('desk.contact'), children: detail.address ?? '—' },
          ...(detail.hotline ? [{ key: 'hotline', label: t('desk.hotline'), children: detail.hotline }] : []),
          ...(detail.ivrPath.length > 0 ? [{ key: 'ivr', label: t('desk.ivrPath'), children: detail.ivrPath.join(' › ') }] : []),
          { key: 'arrived', label: t('desk.arrivedAt'), children: formatDateTime(detail.arrivedAt) },
        ]}
      />
    </Card>
  );
}

type Translate = (key: string, fallback: string) => string;
interface Names {
  queueName: (id: string | null) => string | undefined;
  personName?: (id: string) => string | undefined;
}

/** A short note beside an event: the queue, who ended it, the disposition … */
function eventNote(event: InteractionEvent, names: Names, tr: Translate): string | undefined {
  const { queueName, personName } = names;
  const data = event.data ?? {};
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : undefined);
  const labelled = (group: string, key: string) => {
    const value = text(key);
    return value ? tr(`${group}.${value}`, value) : undefined;
  };
  switch (event.type) {
    case 'queued':
      return queueName(event.queueId);
    case 'transferred':
      return queueName(text('toQueueId') ?? null);
    case 'ended':
      return labelled('endedBy', 'by');
    case 'disposition':
      return labelled('disposition', 'disposition');
    case 'offer_cancelled':
      return labelled('offerCancelled', 'reason');
    case 'supervisor_joined':
      return labelled('supervise', 'mode');
    case 'conferenced':
      return text('with') ? personName?.(text('with')!) : undefined;
    case 'ivr_exited':
      return Array.isArray(data.path) ? (data.path as string[]).join(' › ') : undefined;
    default:
      return undefined;
  }
}

/** The contact's lifecycle so far, oldest first: arrived, IVR, queued, offered, answered, held … */
export function EventsTimeline({ detail, queueName, personName }: { detail: Interaction } & Names) {
  const { t } = useTranslation();
  const tr: Translate = (key, fallback) => t(key, { defaultValue: fallback });
  const events = [...detail.events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Card size="small" title={t('desk.timeline')} data-testid="desk-timeline">
      {events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.noEvents')} />
      ) : (
        <Timeline
          items={events.map((event, index) => {
            const note = eventNote(event, { queueName, personName }, tr);
            return {
              key: `${event.type}-${event.at}-${index}`,
              color: event.type === 'abandoned' || event.type === 'offer_cancelled' ? 'red' : event.type === 'answered' ? 'green' : 'blue',
              content: (
                <Space size={8} wrap>
                  <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatClock(event.at)}
                  </Typography.Text>
                  <span>{t(`interactionEvent.${event.type}`, { defaultValue: event.type })}</span>
                  {note && <Typography.Text type="secondary">{note}</Typography.Text>}
                </Space>
              ),
            };
          })}
        />
      )}
    </Card>
  );
}
