import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { slugSchema } from '@seatline/shared';
import { api, type Tenant } from '../../api/client.ts';
import { useAuth, useMe } from '../../auth/AuthContext.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { errorText, formatDateTime, testIdProps } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { maxLength, required, zodRule, validate } from '../../lib/validation.ts';

interface FormValues {
  slug: string;
  name: string;
}

export function TenantsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { can } = useAuth();
  const manage = can('tenants.manage');
  const canCreate = manage && me.tenant.kind === 'operator';
  const { data, loading, reload } = useLoad(() => api.tenants());
  const [editing, setEditing] = useState<Tenant | 'new' | null>(null);
  const { saving, submit } = useSubmit();
  const [form] = Form.useForm<FormValues>();

  const open = (tenant: Tenant | 'new') => {
    setEditing(tenant);
    form.setFieldsValue(tenant === 'new' ? { slug: '', name: '' } : { slug: tenant.slug, name: tenant.name });
  };

  const save = async () => {
    const values = await validate(form);
    if (!values || !editing) return;
    const saved = editing === 'new'
      ? await submit(() => api.createTenant({ slug: values.slug, name: values.name.trim() }), t('common.created'))
      : await submit(() => api.updateTenant(editing.id, { name: values.name.trim() }), t('common.saved'));
    if (!saved) return;
    setEditing(null);
    await reload();
  };

  const setStatus = async (tenant: Tenant, status: Tenant['status']) => {
    try {
      await api.updateTenant(tenant.id, { status });
      message.success(t('common.saved'));
      await reload();
    } catch (error) {
      message.error(errorText(error));
    }
  };

  return (
    <PageCard
      testId="page-tenants"
      title={t('tenants.title')}
      extra={<ListToolbar onReload={() => void reload()} create={canCreate && { label: t('tenants.create'), testId: 'tenant-create', onClick: () => open('new') }} />}
    >
      {manage && !canCreate && <Alert type="info" showIcon title={t('tenants.operatorOnly')} style={{ marginBottom: 16 }} />}
      <Table<Tenant>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          {
            title: t('tenants.name'),
            dataIndex: 'name',
            render: (name: string, tenant) => (
              <Space>
                {name}
                {tenant.id === me.tenant.id && <Tag color="green">{t('tenants.current')}</Tag>}
              </Space>
            ),
          },
          { title: t('tenants.slug'), dataIndex: 'slug', render: (slug: string) => <code>{slug}</code> },
          {
            title: t('tenants.kind'),
            dataIndex: 'kind',
            render: (kind: Tenant['kind']) => <Tag color={kind === 'operator' ? 'gold' : 'blue'}>{t(`tenantKind.${kind}`)}</Tag>,
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (status: Tenant['status']) => <Tag color={status === 'active' ? 'success' : 'default'}>{t(`status.${status}`)}</Tag>,
          },
          { title: t('tenants.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at) },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, tenant: Tenant) => (
                    <Space size={0}>
                      <Button type="link" onClick={() => open(tenant)}>
                        {t('common.edit')}
                      </Button>
                      {tenant.id !== me.tenant.id &&
                        (tenant.status === 'active' ? (
                          <Popconfirm
                            title={t('tenants.suspendConfirm', { name: tenant.name })}
                            okText={t('common.confirm')}
                            cancelText={t('common.cancel')}
                            onConfirm={() => setStatus(tenant, 'suspended')}
                          >
                            <Button type="link" danger>
                              {t('tenants.suspend')}
                            </Button>
                          </Popconfirm>
                        ) : (
                          <Button type="link" onClick={() => void setStatus(tenant, 'active')}>
                            {t('tenants.activate')}
                          </Button>
                        ))}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        okButtonProps={testIdProps('tenant-save')}
        open={editing !== null}
        title={editing === 'new' ? t('tenants.create') : t('tenants.edit')}
        onOk={save}
        onCancel={() => setEditing(null)}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form form={form} name="tenant" layout="vertical" requiredMark="optional">
          <Form.Item
            name="slug"
            label={t('tenants.slug')}
            required
            tooltip={editing === 'new' ? t('validation.slug') : undefined}
            rules={editing === 'new' ? [required(t('tenants.slug')), zodRule(slugSchema, 'validation.slug')] : []}
          >
            <Input disabled={editing !== 'new'} placeholder="acme-hotline" />
          </Form.Item>
          <Form.Item name="name" label={t('tenants.name')} rules={[required(t('tenants.name')), maxLength(t('tenants.name'), 100)]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
