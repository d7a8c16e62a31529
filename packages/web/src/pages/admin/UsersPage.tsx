import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  App,
  Badge,
  Button,
  Drawer,
  Dropdown,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { MenuProps } from 'antd';
import { DownOutlined, MinusCircleOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ROLES, userCreate, type Role } from '@seatline/shared';
import { api, type Site, type Skill, type User } from '../../api/client.ts';
import { useAuth, useMe } from '../../auth/AuthContext.tsx';
import { PageCard } from '../../components/PageCard.tsx';
import { errorText, formatDateTime, roleLabel, testIdProps } from '../../lib/format.ts';
import { maxLength, passwordPolicy, required, zodRule, validate } from '../../lib/validation.ts';

interface ProfileValues {
  username: string;
  displayName: string;
  password?: string;
  roles: Role[];
  siteId?: string | null;
}
interface SkillsValues {
  skills: { skillId?: string; level?: number }[];
}

export function UsersPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { can } = useAuth();
  const me = useMe();
  const manage = can('users.manage');
  // Mirrors the server: only those who administer tenants may make a tenant administrator.
  const grantable = (role: Role) => role !== 'tenant_admin' || can('tenants.manage');
  const revoke = can('sessions.revoke');
  const readSites = can('sites.read');
  const readSkills = can('skills.read');

  const [users, setUsers] = useState<User[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [q, setQ] = useState('');
  const [sites, setSites] = useState<Site[]>([]);
  const [skills, setSkills] = useState<Skill[]>([]);

  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [saving, setSaving] = useState(false);
  const [profileForm] = Form.useForm<ProfileValues>();
  const [skillsForm] = Form.useForm<SkillsValues>();
  const [passwordForm] = Form.useForm<{ password: string }>();

  const load = useCallback(
    async (query: string, after: string | null) => {
      setLoading(true);
      try {
        const page = await api.users({ q: query || undefined, cursor: after });
        setUsers((prev) => (after ? [...prev, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (error) {
        message.error(errorText(error));
      } finally {
        setLoading(false);
      }
    },
    [message],
  );

  useEffect(() => {
    void load('', null);
    if (readSites) api.sites().then((list) => setSites(list.items), () => undefined);
    if (readSkills) api.skills().then((list) => setSkills(list.items), () => undefined);
  }, [load, readSites, readSkills]);

  const siteById = useMemo(() => new Map(sites.map((site) => [site.id, site])), [sites]);
  const skillById = useMemo(() => new Map(skills.map((skill) => [skill.id, skill])), [skills]);
  const roleOptions = ROLES.map((role) => ({ value: role, label: roleLabel(role), disabled: !grantable(role) }));
  const siteOptions = sites.map((site) => ({ value: site.id, label: site.name }));
  const skillOptions = skills.map((skill) => ({ value: skill.id, label: `${skill.name} (${skill.code})` }));

  const replace = (user: User) => setUsers((prev) => prev.map((item) => (item.id === user.id ? user : item)));

  const open = (user: User | 'new') => {
    setEditing(user);
    profileForm.resetFields();
    skillsForm.resetFields();
    if (user === 'new') {
      profileForm.setFieldsValue({ username: '', displayName: '', password: '', roles: ['agent'], siteId: null });
    } else {
      profileForm.setFieldsValue({ username: user.username, displayName: user.displayName, roles: user.roles, siteId: user.siteId });
      skillsForm.setFieldsValue({ skills: user.skills.map((skill) => ({ ...skill })) });
    }
  };

  const saveProfile = async () => {
    const values = await validate(profileForm);
    if (!values) return;
    setSaving(true);
    try {
      if (editing === 'new') {
        const created = await api.createUser({
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          password: values.password ?? '',
          roles: values.roles,
          siteId: values.siteId ?? null,
        });
        setUsers((prev) => [created, ...prev]);
        message.success(t('common.created'));
        setEditing(null);
      } else if (editing) {
        const updated = await api.updateUser(editing.id, {
          displayName: values.displayName.trim(),
          roles: values.roles,
          siteId: values.siteId ?? null,
        });
        replace(updated);
        setEditing(updated);
        message.success(t('common.saved'));
      }
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const saveSkills = async () => {
    if (!editing || editing === 'new') return;
    const values = await validate(skillsForm);
    if (!values) return;
    const list = (values.skills ?? []).map((row) => ({ skillId: row.skillId ?? '', level: row.level ?? 1 }));
    setSaving(true);
    try {
      const updated = await api.setUserSkills(editing.id, list);
      replace(updated ?? { ...editing, skills: list });
      message.success(t('users.skillsSaved'));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const setStatus = (user: User, status: User['status']) => {
    const run = async () => {
      try {
        replace(await api.updateUser(user.id, { status }));
        message.success(t('common.saved'));
      } catch (error) {
        message.error(errorText(error));
      }
    };
    if (status === 'disabled') {
      modal.confirm({
        title: t('users.disableConfirm', { name: user.displayName }),
        okText: t('common.confirm'),
        cancelText: t('common.cancel'),
        okButtonProps: { danger: true },
        onOk: run,
      });
    } else void run();
  };

  const revokeSessions = (user: User) => {
    modal.confirm({
      title: t('users.revokeConfirm', { name: user.displayName }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.revokeUserSessions(user.id);
          message.success(t('users.revoked'));
        } catch (error) {
          message.error(errorText(error));
        }
      },
    });
  };

  const resetPassword = async () => {
    if (!resetting) return;
    const values = await validate(passwordForm);
    if (!values) return;
    setSaving(true);
    try {
      await api.resetUserPassword(resetting.id, values.password);
      message.success(t('users.passwordReset'));
      setResetting(null);
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  const moreItems = (user: User): MenuProps['items'] => [
    ...(manage ? [{ key: 'password', label: t('users.resetPassword') }] : []),
    ...(revoke ? [{ key: 'revoke', label: t('users.revokeSessions') }] : []),
    ...(manage && user.id !== me.id
      ? [
          user.status === 'active'
            ? { key: 'disable', label: t('users.disable'), danger: true }
            : { key: 'enable', label: t('users.enable') },
        ]
      : []),
  ];

  const onMore = (user: User, key: string) => {
    if (key === 'password') {
      passwordForm.resetFields();
      setResetting(user);
    }
    if (key === 'revoke') revokeSessions(user);
    if (key === 'disable') setStatus(user, 'disabled');
    if (key === 'enable') setStatus(user, 'active');
  };

  const editingUser = editing && editing !== 'new' ? editing : null;

  const profileFormNode = (
    <Form form={profileForm} name="user" layout="vertical" requiredMark="optional" data-testid="user-form">
      <Form.Item
        name="username"
        label={t('users.username')}
        required
        tooltip={editing === 'new' ? t('validation.username') : undefined}
        rules={editing === 'new' ? [required(t('users.username')), zodRule(userCreate.shape.username, 'validation.username')] : []}
      >
        <Input disabled={editing !== 'new'} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[required(t('users.displayName')), maxLength(t('users.displayName'), 100)]}
      >
        <Input disabled={!manage} />
      </Form.Item>
      {editing === 'new' && (
        <Form.Item
          name="password"
          label={t('users.password')}
          tooltip={t('validation.password')}
          rules={[required(t('users.password')), passwordPolicy(() => profileForm.getFieldValue('username') as string)]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item
        name="roles"
        label={t('users.roles')}
        rules={[{ required: true, type: 'array', min: 1, message: t('validation.rolesRequired') }]}
      >
        <Select
          mode="multiple"
          options={roleOptions}
          disabled={!manage || editingUser?.id === me.id}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="user-roles"
        />
      </Form.Item>
      <Form.Item name="siteId" label={t('users.site')}>
        <Select allowClear options={siteOptions} disabled={!manage} placeholder={t('common.none')} />
      </Form.Item>
      {manage && (
        <Button type="primary" onClick={() => void saveProfile()} loading={saving} data-testid="user-save">
          {t('common.save')}
        </Button>
      )}
    </Form>
  );

  const skillsFormNode = (
    <Form form={skillsForm} name="userSkills" layout="vertical" data-testid="user-skills-form">
      <Form.List name="skills">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Flex key={field.key} gap={8} align="baseline">
                <Form.Item
                  name={[field.name, 'skillId']}
                  style={{ flex: 1 }}
                  rules={[
                    { required: true, message: t('validation.required', { field: t('users.skill') }) },
                    ({ getFieldValue }) => ({
                      validator: async (_rule, value) => {
                        const all = (getFieldValue('skills') as SkillsValues['skills']).filter((row) => row?.skillId === value);
                        if (value && all.length > 1) throw new Error(t('validation.duplicateSkill'));
                      },
                    }),
                  ]}
                >
                  <Select options={skillOptions} placeholder={t('users.skill')} disabled={!manage} showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'level']}
                  rules={[
                    { required: true, message: t('validation.level') },
                    { type: 'integer', min: 1, max: 10, message: t('validation.level') },
                  ]}
                >
                  <InputNumber min={1} max={10} precision={0} placeholder={t('users.skillLevel')} disabled={!manage} style={{ width: 120 }} />
                </Form.Item>
                {manage && <MinusCircleOutlined onClick={() => remove(field.name)} />}
              </Flex>
            ))}
            {manage && (
              <Form.Item>
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ level: 5 })} disabled={fields.length >= 100}>
                  {t('users.addSkill')}
                </Button>
              </Form.Item>
            )}
          </>
        )}
      </Form.List>
      {manage && (
        <Button type="primary" onClick={() => void saveSkills()} loading={saving} data-testid="user-skills-save">
          {t('common.save')}
        </Button>
      )}
    </Form>
  );

  return (
    <PageCard
      testId="page-users"
      title={t('users.title')}
      extra={
        <>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            style={{ width: 260 }}
            value={q}
            onChange={(event) => setQ(event.target.value)}
            onSearch={(value) => void load(value.trim(), null)}
            data-testid="users-search"
          />
          <Button icon={<ReloadOutlined />} onClick={() => void load(q.trim(), null)}>
            {t('common.refresh')}
          </Button>
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="user-create">
              {t('users.create')}
            </Button>
          )}
        </>
      }
    >
      <Table<User>
        rowKey="id"
        loading={loading}
        dataSource={users}
        data-testid="users-table"
        scroll={{ x: 1240 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false, showTotal: (total) => t('common.loaded', { count: total }) }}
        columns={[
          {
            title: t('users.username'),
            dataIndex: 'username',
            fixed: 'left',
            width: 210,
            render: (username: string) => <code style={{ whiteSpace: 'nowrap' }}>{username}</code>,
          },
          { title: t('users.displayName'), dataIndex: 'displayName', width: 150, render: (name: string) => <span style={{ whiteSpace: 'nowrap' }}>{name}</span> },
          {
            title: t('users.roles'),
            dataIndex: 'roles',
            width: 180,
            render: (roles: Role[]) => (
              <Space size={[4, 4]} wrap>
                {roles.map((role) => (
                  <Tag key={role} color="geekblue">
                    {roleLabel(role)}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('users.site'),
            dataIndex: 'siteId',
            width: 130,
            render: (siteId: string | null) => (siteId ? (siteById.get(siteId)?.name ?? '') : ''),
          },
          {
            title: t('users.skills'),
            dataIndex: 'skills',
            width: 240,
            render: (list: User['skills']) => (
              <Space size={[4, 4]} wrap>
                {list.map((skill) => (
                  <Tag key={skill.skillId} title={skillById.get(skill.skillId)?.name} style={{ display: 'inline-flex', gap: 4 }}>
                    <span style={{ maxWidth: 140, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                      {skillById.get(skill.skillId)?.name ?? skill.skillId.slice(0, 8)}
                    </span>
                    <span>· {skill.level}</span>
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 100,
            render: (status: User['status']) => (
              <Badge status={status === 'active' ? 'success' : 'default'} text={t(`status.${status}`)} />
            ),
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAt',
            width: 170,
            render: (at: string | null) => (at ? formatDateTime(at) : <Typography.Text type="secondary">{t('users.never')}</Typography.Text>),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            width: 160,
            render: (_: unknown, user: User) => {
              const items = moreItems(user);
              return (
                <Space size={0}>
                  <Button type="link" onClick={() => open(user)}>
                    {manage ? t('common.edit') : t('common.details')}
                  </Button>
                  {items && items.length > 0 && (
                    <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => onMore(user, key) }}>
                      <Button type="link">
                        {t('users.more')} <DownOutlined />
                      </Button>
                    </Dropdown>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <Flex justify="center" style={{ marginTop: 16 }}>
        {cursor ? (
          <Button onClick={() => void load(q.trim(), cursor)} loading={loading} data-testid="users-load-more">
            {t('common.loadMore')}
          </Button>
        ) : (
          users.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
        )}
      </Flex>

      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        size={520}
        title={editing === 'new' ? t('users.create') : `${manage ? t('users.edit') : t('common.details')} · ${editingUser?.displayName ?? ''}`}
        forceRender
      >
        {editing === 'new' ? (
          profileFormNode
        ) : (
          <Tabs
            items={[
              { key: 'profile', label: t('users.profile'), children: profileFormNode, forceRender: true },
              ...(readSkills ? [{ key: 'skills', label: t('users.skills'), children: skillsFormNode, forceRender: true }] : []),
            ]}
          />
        )}
      </Drawer>

      <Modal
        okButtonProps={testIdProps('reset-password-save')}
        open={resetting !== null}
        title={`${t('users.resetPassword')} · ${resetting?.displayName ?? ''}`}
        onOk={resetPassword}
        onCancel={() => setResetting(null)}
        confirmLoading={saving}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        forceRender
      >
        <Form form={passwordForm} name="resetPassword" layout="vertical">
          <Form.Item
            name="password"
            label={t('users.newPassword')}
            tooltip={t('validation.password')}
            rules={[required(t('users.newPassword')), passwordPolicy(() => resetting?.username)]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </PageCard>
  );
}
