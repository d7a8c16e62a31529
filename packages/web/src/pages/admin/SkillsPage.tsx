import { useState } from 'react';
import { Button, Form, Input, Modal, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { skillCreate } from '@seatline/shared';
import { api, type Skill } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { testIdProps } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { maxLength, required, zodRule, validate } from '../../lib/validation.ts';

interface FormValues {
  code: string;
  name: string;
}

export function SkillsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('skills.manage');
  const { data, loading, reload } = useLoad(() => api.skills());
  const [editing, setEditing] = useState<Skill | 'new' | null>(null);
  const { saving, submit } = useSubmit();
  const [form] = Form.useForm<FormValues>();

  const open = (skill: Skill | 'new') => {
    setEditing(skill);
    form.resetFields();
    form.setFieldsValue(skill === 'new' ? { code: '', name: '' } : { code: skill.code, name: skill.name });
  };

  const save = async () => {
    const values = await validate(form);
    if (!values) return;
    if (!editing) return;
    const saved = editing === 'new'
      ? await submit(() => api.createSkill({ code: values.code.trim(), name: values.name.trim() }), t('common.created'))
      : await submit(() => api.updateSkill(editing.id, { name: values.name.trim() }), t('common.saved'));
    if (!saved) return;
    setEditing(null);
    await reload();
  };

  return (
    <PageCard
      testId="page-skills"
      title={t('skills.title')}
      extra={<ListToolbar onReload={() => void reload()} create={manage && { label: t('skills.create'), testId: 'skill-create', onClick: () => open('new') }} />}
    >
      <Table<Skill>
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('skills.code'), dataIndex: 'code', render: (code: string) => <code>{code}</code> },
          { title: t('skills.name'), dataIndex: 'name' },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 100,
                  render: (_: unknown, skill: Skill) => (
                    <Button type="link" onClick={() => open(skill)}>
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        okButtonProps={testIdProps('skill-save')}
        open={editing !== null}
        title={editing === 'new' ? t('skills.create') : t('skills.edit')}
        onOk={save}
        onCancel={() => setEditing(null)}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form form={form} name="skill" layout="vertical" requiredMark="optional">
          <Form.Item
            name="code"
            label={t('skills.code')}
            required
            tooltip={editing === 'new' ? t('validation.skillCode') : undefined}
            rules={editing === 'new' ? [required(t('skills.code')), zodRule(skillCreate.shape.code, 'validation.skillCode')] : []}
          >
            <Input disabled={editing !== 'new'} placeholder="repair.water" />
          </Form.Item>
          <Form.Item name="name" label={t('skills.name')} rules={[required(t('skills.name')), maxLength(t('skills.name'), 100)]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
