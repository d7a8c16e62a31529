import { useMemo, useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import { CrownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { allUsers, api, type Site, type Team, type User } from '../../api/client.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { useSubmit } from '../../lib/useSubmit.ts';
import { testIdProps } from '../../lib/format.ts';
import { useLoad } from '../../lib/useLoad.ts';
import { maxLength, required, validate } from '../../lib/validation.ts';

interface FormValues {
  name: string;
  siteId?: string | null;
  leaderId?: string | null;
}

const MAX_TAGS = 6;

export function TeamsPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manage = can('teams.manage');
  const readUsers = can('users.read');
  const readSites = can('sites.read');
  const { data, loading, reload } = useLoad(async () => {
    const [teams, users, sites] = await Promise.all([
      api.teams(),
      readUsers ? allUsers() : Promise.resolve([] as User[]),
      readSites ? api.sites().then((list) => list.items) : Promise.resolve([] as Site[]),
    ]);
    return { teams: teams.items, users, sites };
  });
  const [editing, setEditing] = useState<Team | 'new' | null>(null);
  const [membersOf, setMembersOf] = useState<Team | null>(null);
  const [memberIds, setMemberIds] = useState<string[]>([]);
  const { saving, submit } = useSubmit();
  const [form] = Form.useForm<FormValues>();

  const userById = useMemo(() => new Map((data?.users ?? []).map((user) => [user.id, user])), [data]);
  const siteById = useMemo(() => new Map((data?.sites ?? []).map((site) => [site.id, site])), [data]);
  const userOptions = useMemo(
    () =>
      (data?.users ?? []).map((user) => ({
        value: user.id,
        label: `${user.displayName} (${user.username})`,
        disabled: user.status !== 'active',
      })),
    [data],
  );
  const siteOptions = useMemo(() => (data?.sites ?? []).map((site) => ({ value: site.id, label: site.name })), [data]);
  const userName = (id: string) => userById.get(id)?.displayName ?? id.slice(0, 8);

  const open = (team: Team | 'new') => {
    setEditing(team);
    form.resetFields();
    form.setFieldsValue(
      team === 'new' ? { name: '', siteId: null, leaderId: null } : { name: team.name, siteId: team.siteId, leaderId: team.leaderId },
    );
  };

  const save = async () => {
    const values = await validate(form);
    if (!values) return;
    if (!editing) return;
    const input = { name: values.name.trim(), siteId: values.siteId ?? null, leaderId: values.leaderId ?? null };
    const saved = editing === 'new'
      ? await submit(() => api.createTeam(input), t('common.created'))
      : await submit(() => api.updateTeam(editing.id, input), t('common.saved'));
    if (!saved) return;
    setEditing(null);
    await reload();
  };

  const saveMembers = async () => {
    if (!membersOf) return;
    if (!(await submit(() => api.setTeamMembers(membersOf.id, memberIds), t('teams.membersSaved')))) return;
    setMembersOf(null);
    await reload();
  };

  return (
    <PageCard
      testId="page-teams"
      title={t('teams.title')}
      extra={<ListToolbar onReload={() => void reload()} create={manage && { label: t('teams.create'), testId: 'team-create', onClick: () => open('new') }} />}
    >
      <Table<Team>
        rowKey="id"
        loading={loading}
        dataSource={data?.teams ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        columns={[
          { title: t('teams.name'), dataIndex: 'name' },
          {
            title: t('teams.site'),
            dataIndex: 'siteId',
            render: (siteId: string | null) => (siteId ? (siteById.get(siteId)?.name ?? '') : ''),
          },
          {
            title: t('teams.leader'),
            dataIndex: 'leaderId',
            render: (leaderId: string | null) =>
              leaderId ? (
                <Space size={4}>
                  <CrownOutlined style={{ color: '#faad14' }} />
                  {userName(leaderId)}
                </Space>
              ) : (
                ''
              ),
          },
          {
            title: t('teams.members'),
            dataIndex: 'memberIds',
            render: (ids: string[]) => (
              <Space size={[4, 4]} wrap>
                <Tag>{t('teams.memberCount', { count: ids.length })}</Tag>
                {readUsers && ids.slice(0, MAX_TAGS).map((id) => <Tag key={id}>{userName(id)}</Tag>)}
                {readUsers && ids.length > MAX_TAGS && (
                  <Tooltip title={ids.slice(MAX_TAGS).map(userName).join('、')}>
                    <Tag>+{ids.length - MAX_TAGS}</Tag>
                  </Tooltip>
                )}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 180,
                  render: (_: unknown, team: Team) => (
                    <Space size={0}>
                      <Button type="link" onClick={() => open(team)}>
                        {t('common.edit')}
                      </Button>
                      <Button
                        type="link"
                        onClick={() => {
                          setMembersOf(team);
                          setMemberIds(team.memberIds);
                        }}
                      >
                        {t('teams.editMembers')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        okButtonProps={testIdProps('team-save')}
        open={editing !== null}
        title={editing === 'new' ? t('teams.create') : t('teams.edit')}
        onOk={save}
        onCancel={() => setEditing(null)}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form form={form} name="team" layout="vertical" requiredMark="optional">
          <Form.Item name="name" label={t('teams.name')} rules={[required(t('teams.name')), maxLength(t('teams.name'), 100)]}>
            <Input />
          </Form.Item>
          <Form.Item name="siteId" label={t('teams.site')}>
            <Select allowClear options={siteOptions} placeholder={t('common.none')} />
          </Form.Item>
          <Form.Item name="leaderId" label={t('teams.leader')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={userOptions} placeholder={t('common.none')} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        okButtonProps={testIdProps('team-members-save')}
        open={membersOf !== null}
        title={`${t('teams.editMembers')} · ${membersOf?.name ?? ''}`}
        onOk={saveMembers}
        onCancel={() => setMembersOf(null)}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        width={640}
      >
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          value={memberIds}
          onChange={setMemberIds}
          options={userOptions}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('teams.pickUsers')}
          maxCount={500}
        />
      </Modal>
    </PageCard>
  );
}
