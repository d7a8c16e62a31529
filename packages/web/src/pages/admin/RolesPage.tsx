import { Table, Tag, Tooltip, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Permission, Role } from '@seatline/shared';
import { api } from '../../api/client.ts';
import { PageCard } from '../../components/PageCard.tsx';
import { permissionLabel, roleLabel } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';

interface Row {
  role: Role;
  permissions: Set<Permission>;
}

/** Read-only view of the permission matrix: one row per role, one column per permission. */
export function RolesPage() {
  const { t } = useTranslation();
  const { data, loading } = useLoad(() => api.roles());
  const rows: Row[] = (data?.roles ?? []).map((entry) => ({ role: entry.role, permissions: new Set(entry.permissions) }));
  const permissions = data?.permissions ?? [];

  return (
    <PageCard testId="page-roles" title={t('roles.title')}>
      <Typography.Paragraph type="secondary">{t('roles.intro')}</Typography.Paragraph>
      <Table<Row>
        rowKey="role"
        size="small"
        bordered
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="roles-matrix"
        columns={[
          {
            title: t('roles.role'),
            dataIndex: 'role',
            fixed: 'left',
            width: 200,
            render: (role: Role) => (
              <div>
                <div>{roleLabel(role)}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {role}
                </Typography.Text>
              </div>
            ),
          },
          {
            title: t('roles.count'),
            key: 'count',
            width: 80,
            align: 'center',
            render: (_: unknown, row: Row) => <Tag>{row.permissions.size}</Tag>,
          },
          ...permissions.map((permission) => ({
            key: permission,
            align: 'center' as const,
            width: 96,
            title: (
              <Tooltip title={permission}>
                <span style={{ whiteSpace: 'nowrap', fontSize: 12 }}>{permissionLabel(permission)}</span>
              </Tooltip>
            ),
            render: (_: unknown, row: Row) =>
              row.permissions.has(permission) ? <CheckOutlined style={{ color: '#52c41a' }} aria-label="✓" /> : null,
          })),
        ]}
      />
    </PageCard>
  );
}
