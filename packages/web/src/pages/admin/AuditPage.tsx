import { useCallback, useEffect, useState } from 'react';
import { App, AutoComplete, Button, DatePicker, Flex, Form, Select, Space, Table, Tag, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { allUsers, api, type AuditEntry, type AuditQuery, type User } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText, formatDateTime } from '../../lib/format.ts';
import { zhCN } from '../../i18n/zh-CN.ts';

/** Every audit action the UI has a label for, e.g. `auth.login_failed`. */
const KNOWN_ACTIONS: string[] = Object.entries(zhCN.auditAction).flatMap(([group, actions]) =>
  Object.keys(actions).map((name) => `${group}.${name}`),
);

interface Filters {
  action?: string;
  actorId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toQuery(filters: Filters): AuditQuery {
  const [from, to] = filters.range ?? [null, null];
  return {
    action: filters.action?.trim() || undefined,
    actorId: filters.actorId || undefined,
    from: from ? from.startOf('day').toISOString() : undefined,
    to: to ? to.endOf('day').toISOString() : undefined,
  };
}

function actionColor(action: string): string | undefined {
  if (action.includes('fail') || action.includes('locked') || action.includes('denied')) return 'red';
  if (action.startsWith('auth.')) return 'blue';
  if (action.includes('role') || action.includes('permission')) return 'purple';
  if (action.includes('unmask') || action.includes('export')) return 'orange';
  return undefined;
}

/** The append-only audit log, newest first, with keyset ("load more") pagination. */
export function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAuth();
  const [form] = Form.useForm<Filters>();
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [query, setQuery] = useState<AuditQuery>({});
  const [loading, setLoading] = useState(true);
  const [users, setUsers] = useState<User[]>([]);

  const load = useCallback(
    async (next: AuditQuery, after: string | null) => {
      setLoading(true);
      try {
        const page = await api.audit({ ...next, cursor: after });
        setEntries((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
        setQuery(next);
      } catch (error) {
        message.error(errorText(error));
      } finally {
        setLoading(false);
      }
    },
    [message],
  );

  useEffect(() => {
    void load({}, null);
    if (can('users.read')) allUsers().then(setUsers, () => undefined);
  }, [load, can]);

  return (
    <PageCard testId="page-audit" title={t('audit.title')}>
      <Form<Filters> form={form} layout="inline" onFinish={(values) => void load(toQuery(values), null)} style={{ marginBottom: 16, rowGap: 8 }}>
        <Form.Item name="action">
          <AutoComplete
            allowClear
            placeholder={t('audit.filterAction')}
            style={{ width: 240 }}
            data-testid="audit-action"
            options={KNOWN_ACTIONS.map((action) => ({ value: action, label: `${t(`auditAction.${action}`)} · ${action}` }))}
            showSearch={{
              filterOption: (input, option) =>
                String(option?.value ?? '').includes(input) || String(option?.label ?? '').includes(input),
            }}
          />
        </Form.Item>
        <Form.Item name="actorId">
          <Select
            allowClear
            placeholder={t('audit.filterActor')}
            style={{ width: 220 }}
            showSearch={{ optionFilterProp: 'label' }}
            options={users.map((user) => ({ value: user.id, label: `${user.displayName} (${user.username})` }))}
          />
        </Form.Item>
        <Form.Item name="range">
          <DatePicker.RangePicker allowEmpty={[true, true]} />
        </Form.Item>
        <Form.Item>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('audit.query')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                void load({}, null);
              }}
            >
              {t('common.reset')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={entries}
        data-testid="audit-table"
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{
          rowExpandable: (entry) => Object.keys(entry.details ?? {}).length > 0,
          expandedRowRender: (entry) => (
            <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap' }}>{JSON.stringify(entry.details, null, 2)}</pre>
          ),
        }}
        columns={[
          { title: t('audit.time'), dataIndex: 'at', width: 190, render: (at: string) => formatDateTime(at) },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            render: (name: string | null) => name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (action: string) => (
              <Space size={4}>
                <Tag color={actionColor(action)}>{t(`auditAction.${action}`, { defaultValue: action })}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {action}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('audit.target'),
            key: 'target',
            render: (_: unknown, entry: AuditEntry) =>
              entry.targetType ? (
                <span>
                  {entry.targetType}
                  {entry.targetId && (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {' '}
                      {entry.targetId.slice(0, 8)}
                    </Typography.Text>
                  )}
                </span>
              ) : null,
          },
          { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '' },
        ]}
      />
      <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">{t('common.loaded', { count: entries.length })}</Typography.Text>
        {cursor ? (
          <Button onClick={() => void load(query, cursor)} loading={loading} data-testid="audit-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          entries.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </Flex>
    </PageCard>
  );
}
