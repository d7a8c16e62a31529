import { useMemo, useState } from 'react';
import { Button, Form, Input, Modal, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, type Site } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { testIdProps } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { maxLength, required, validate } from '../../lib/validation.ts';

interface FormValues {
  name: string;
  timezone: string;
  address?: string;
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Singapore', 'UTC'];
  }
}

export function SitesPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('sites.manage');
  const { data, loading, reload } = useLoad(() => api.sites());
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const { saving, submit } = useSubmit();
  const [form] = Form.useForm<FormValues>();
  const zones = useMemo(() => timeZones().map((zone) => ({ value: zone, label: zone })), []);

  const open = (site: Site | 'new') => {
    setEditing(site);
    form.resetFields();
    form.setFieldsValue(
      site === 'new'
        ? { name: '', timezone: 'Asia/Shanghai', address: '' }
        : { name: site.name, timezone: site.timezone, address: site.address ?? '' },
    );
  };

  const save = async () => {
    const values = await validate(form);
    if (!values || !editing) return;
    const input = { name: values.name.trim(), timezone: values.timezone, address: values.address?.trim() || null };
    const saved = editing === 'new'
      ? await submit(() => api.createSite(input), t('common.created'))
      : await submit(() => api.updateSite(editing.id, input), t('common.saved'));
    if (!saved) return;
    setEditing(null);
    await reload();
  };

  return (
    <PageCard
      testId="page-sites"
      title={t('sites.title')}
      extra={<ListToolbar onReload={() => void reload()} create={manage && { label: t('sites.create'), testId: 'site-create', onClick: () => open('new') }} />}
    >
      <Table<Site>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('sites.name'), dataIndex: 'name' },
          { title: t('sites.timezone'), dataIndex: 'timezone' },
          { title: t('sites.address'), dataIndex: 'address', render: (address: string | null) => address ?? '' },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, site: Site) => (
                    <Button type="link" onClick={() => open(site)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        okButtonProps={testIdProps('site-save')}
        open={editing !== null}
        title={editing === 'new' ? t('sites.create') : t('sites.edit')}
        onOk={save}
        onCancel={() => setEditing(null)}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form form={form} name="site" layout="vertical" requiredMark="optional">
          <Form.Item name="name" label={t('sites.name')} rules={[required(t('sites.name')), maxLength(t('sites.name'), 100)]}>
            <Input />
          </Form.Item>
          <Form.Item name="timezone" label={t('sites.timezone')} rules={[required(t('sites.timezone'))]}>
            <Select showSearch options={zones} />
          </Form.Item>
          <Form.Item name="address" label={t('sites.address')} rules={[maxLength(t('sites.address'), 300)]}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
