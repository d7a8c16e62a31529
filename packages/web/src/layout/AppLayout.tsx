import { useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { App, Avatar, Button, Dropdown, Flex, Layout, Menu, Select, Space, Tag, Typography, theme } from 'antd';
import type { MenuProps } from 'antd';
import {
  DownOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  PhoneOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@seatline/shared';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { NAV, type NavEntry } from '../nav.tsx';
import { ChangePasswordModal } from '../components/ChangePasswordModal.tsx';
import { errorText } from '../lib/format.ts';

const { Header, Sider, Content, Footer } = Layout;

function activeEntry(pathname: string): NavEntry | undefined {
  return [...NAV]
    .sort((a, b) => b.path.length - a.path.length)
    .find((entry) => (entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`)));
}

export function LanguageSwitch() {
  const { t } = useTranslation();
  const { locale, setLocale } = useAuth();
  const { message } = App.useApp();
  const items: MenuProps['items'] = (['zh-CN', 'en'] as const).map((lng) => ({
    key: lng,
    label: <span data-testid={`lang-${lng}`}>{t(`lang.${lng}`)}</span>,
  }));
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        selectable: true,
        selectedKeys: [locale],
        onClick: ({ key }) => {
          setLocale(key as Locale).catch((error: unknown) => message.error(errorText(error)));
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} data-testid="lang-switch" aria-label={t('header.language')}>
        {t(`lang.${locale}`)}
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { can, logout, switchTenant } = useAuth();
  const { message } = App.useApp();
  const location = useLocation();
  const navigate = useNavigate();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [passwordOpen, setPasswordOpen] = useState(false);
  const [switching, setSwitching] = useState(false);

  const visible = NAV.filter((entry) => can(entry.permission));
  const active = activeEntry(location.pathname);

  useEffect(() => {
    const page = active ? t(`nav.${active.key}`) : '';
    document.title = page ? `${page} · ${t('app.short')}` : t('app.short');
  }, [active, t]);

  const menuItems = useMemo<MenuProps['items']>(() => {
    const toItem = (entry: NavEntry) => ({
      key: entry.key,
      icon: entry.icon,
      label: (
        <Link to={entry.path} data-testid={`nav-${entry.key}`}>
          {t(`nav.${entry.key}`)}
        </Link>
      ),
    });
    const main = visible.filter((entry) => entry.group === 'main').map(toItem);
    const admin = visible.filter((entry) => entry.group === 'admin').map(toItem);
    const wfm = visible.filter((entry) => entry.group === 'wfm').map(toItem);
    const planning = wfm.length > 0 ? [{ type: 'group' as const, key: 'wfm', label: collapsed ? null : t('nav.wfm'), children: wfm }] : [];
    return admin.length > 0
      ? [...main, ...planning, { type: 'group' as const, key: 'admin', label: collapsed ? null : t('nav.admin'), children: admin }]
      : [...main, ...planning];
  }, [visible, t, collapsed]);

  const onSwitchTenant = async (tenantId: string) => {
    setSwitching(true);
    try {
      const next = await switchTenant(tenantId);
      message.success(t('header.tenantSwitched', { name: next.tenant.name }));
    } catch (error) {
      message.error(errorText(error));
    } finally {
      setSwitching(false);
    }
  };

  const onLogout = async () => {
    try {
      await logout();
    } catch {
      // the session is gone either way
    }
    navigate('/login', { replace: true, state: null });
  };

  const userItems: MenuProps['items'] = [
    {
      key: 'password',
      icon: <KeyOutlined />,
      label: <span data-testid="change-password">{t('header.changePassword')}</span>,
    },
    { type: 'divider' },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('header.logout')}</span>,
    },
  ];

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        trigger={null}
        breakpoint="lg"
        width={220}
        theme="light"
        style={{ borderInlineEnd: `1px solid ${token.colorBorderSecondary}` }}
        data-testid="sider"
      >
        <Flex align="center" gap={8} style={{ height: 64, paddingInline: collapsed ? 24 : 20, overflow: 'hidden' }}>
          <PhoneOutlined style={{ fontSize: 22, color: token.colorPrimary }} />
          {!collapsed && (
            <Typography.Text strong style={{ fontSize: 17, whiteSpace: 'nowrap' }}>
              {t('app.name')}
            </Typography.Text>
          )}
        </Flex>
        <Menu
          mode="inline"
          selectedKeys={active ? [active.key] : []}
          items={menuItems}
          style={{ borderInlineEnd: 'none' }}
          data-testid="nav"
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: token.colorBgContainer,
            paddingInline: 16,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
          }}
        >
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            aria-label={t('header.collapse')}
          />
          <Space size="middle" wrap={false}>
            <Space size={6}>
              <Typography.Text type="secondary">{t('header.tenant')}</Typography.Text>
              {me.tenants.length > 1 ? (
                <Select
                  data-testid="tenant-switcher"
                  value={me.tenant.id}
                  loading={switching}
                  disabled={switching}
                  onChange={onSwitchTenant}
                  popupMatchSelectWidth={false}
                  style={{ minWidth: 200 }}
                  options={me.tenants.map((tenant) => ({
                    value: tenant.id,
                    label: (
                      <Space size={6}>
                        <span>{tenant.name}</span>
                        <Tag color={tenant.kind === 'operator' ? 'gold' : 'blue'} style={{ marginInlineEnd: 0 }}>
                          {t(`tenantKind.${tenant.kind}`)}
                        </Tag>
                      </Space>
                    ),
                  }))}
                />
              ) : (
                <Space size={6} data-testid="tenant-current">
                  <Typography.Text strong>{me.tenant.name}</Typography.Text>
                  <Tag color={me.tenant.kind === 'operator' ? 'gold' : 'blue'} style={{ marginInlineEnd: 0 }}>
                    {t(`tenantKind.${me.tenant.kind}`)}
                  </Tag>
                </Space>
              )}
            </Space>
            <LanguageSwitch />
            <Dropdown
              trigger={['click']}
              menu={{
                items: userItems,
                onClick: ({ key }) => {
                  if (key === 'password') setPasswordOpen(true);
                  if (key === 'logout') void onLogout();
                },
              }}
            >
              <Button type="text" data-testid="user-menu" style={{ height: 40 }}>
                <Space size={8}>
                  <Avatar size="small" style={{ backgroundColor: token.colorPrimary }}>
                    {me.displayName.slice(0, 1).toUpperCase()}
                  </Avatar>
                  <span>{me.displayName}</span>
                  <DownOutlined style={{ fontSize: 10 }} />
                </Space>
              </Button>
            </Dropdown>
          </Space>
        </Header>
        <Content style={{ margin: 24 }}>
          <Outlet key={me.tenant.id} />
        </Content>
        <Footer style={{ textAlign: 'center', color: token.colorTextTertiary, paddingBlock: 12 }}>{t('app.footer')}</Footer>
      </Layout>
      <ChangePasswordModal open={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </Layout>
  );
}
