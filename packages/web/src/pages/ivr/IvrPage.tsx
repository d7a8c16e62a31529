import { Button, Space, Table, Tag, Typography } from 'antd';
import { ReloadOutlined, SoundOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { PageCard } from '../../components/PageCard.tsx';
import { useLoad } from '../../lib/useLoad.ts';
import { ivrApi, type Hotline } from './api.ts';
import { HotlineDetail } from './HotlineDetail.tsx';

/** /ivr: the tenant's hotlines; /ivr?hotline=<id>: one hotline's flow editor. */
export function IvrPage() {
  const [params, setParams] = useSearchParams();
  const hotlineId = params.get('hotline');
  if (hotlineId) return <HotlineDetail key={hotlineId} id={hotlineId} onBack={() => setParams({})} />;
  return <HotlineList onOpen={(id) => setParams({ hotline: id })} />;
}

function HotlineList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const { data, loading, reload } = useLoad(() => ivrApi.hotlines());
  return (
    <PageCard
      testId="page-ivr"
      title={t('ivr.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Table<Hotline>
        data-testid="ivr-hotlines"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        onRow={(hotline) => ({ onDoubleClick: () => onOpen(hotline.id) })}
        columns={[
          {
            title: t('ivr.number'),
            dataIndex: 'number',
            render: (number: string, hotline) => (
              <Typography.Link strong onClick={() => onOpen(hotline.id)} data-testid={`ivr-open-${number}`}>
                {number}
              </Typography.Link>
            ),
          },
          { title: t('ivr.name'), dataIndex: 'name' },
          {
            title: t('ivr.activeVersion'),
            dataIndex: 'activeVersion',
            render: (version: number) => <Tag color="blue">v{version}</Tag>,
          },
          {
            title: t('ivr.calendar'),
            key: 'calendar',
            render: (_: unknown, hotline) => hotline.config.calendarId ?? <Typography.Text type="secondary">{t('ivr.alwaysOpen')}</Typography.Text>,
          },
          {
            title: t('ivr.outOfHours'),
            key: 'outOfHours',
            render: (_: unknown, hotline) => {
              const rule = hotline.config.outOfHours;
              const queue = rule.action !== 'message' && rule.queueId ? ` → ${rule.queueId}` : '';
              return `${t(`ivr.outOfHoursAction.${rule.action}`, { defaultValue: rule.action })}${queue}`;
            },
          },
          {
            title: t('ivr.emergency.title'),
            key: 'emergency',
            render: (_: unknown, hotline) =>
              hotline.config.emergency.enabled ? (
                <Tag color="red" icon={<SoundOutlined />} data-testid={`ivr-emergency-on-${hotline.number}`}>
                  {t('ivr.emergency.on')}
                </Tag>
              ) : (
                <Tag>{t('ivr.emergency.off')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_: unknown, hotline) => (
              <Space size={0}>
                <Button type="link" onClick={() => onOpen(hotline.id)}>
                  {t('ivr.open')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </PageCard>
  );
}
