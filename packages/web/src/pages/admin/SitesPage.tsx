import { useMemo, useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Table } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, type Site } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText, testIdProps } from '../../lib/format.ts';
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
  const { message } = App.useApp();
  const { can } = useAuth();
  const manage = can('sites.manage');
  const { data, loading, reload } = useLoad(() => api.sites());
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
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
    if (!values) return;
    const input = { name: values.name.trim(), timezone: values.timezone, address: values.address?.trim() || null };
    setSaving(true);
    try {
      if (editing === 'new') await api.createSite(input);
      else if (editing) await api.updateSite(editing.id, input);
      message.success(editing === 'new' ? t('common.created') : t('common.saved'));
      setEditing(null);
      await reload();
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageCard
      testId="page-sites"
      title={t('sites.title')}
      extra={
        <>
          <Button icon={<ReloadOutlined />} onClick={() => void reload()}>
            {t('common.refresh')}
          </Button>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="site-create">
              {t('sites.create')}
            </Button>
          )}
        </>
      }
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
