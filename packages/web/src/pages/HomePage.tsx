import { Link } from 'react-router-dom';
import { Card, Col, Descriptions, Empty, Flex, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../auth/AuthContext.tsx';
import { NAV } from '../nav.tsx';
import { permissionLabel, roleLabel } from '../lib/format.ts';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { can } = useAuth();
  const shortcuts = NAV.filter((entry) => entry.key !== 'home' && can(entry.permission));

  return (
    <Flex vertical gap={16} data-testid="home">
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="welcome">
          {t('home.welcome', { name: me.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('home.intro')}
        </Typography.Paragraph>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('home.activeTenant')} style={{ height: '100%' }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('tenants.name')}>
                <span data-testid="home-tenant">{me.tenant.name}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('tenants.slug')}>{me.tenant.slug}</Descriptions.Item>
              <Descriptions.Item label={t('home.tenantKind')}>
                <Tag color={me.tenant.kind === 'operator' ? 'gold' : 'blue'}>{t(`tenantKind.${me.tenant.kind}`)}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('home.username')}>{me.username}</Descriptions.Item>
              <Descriptions.Item label={t('home.tenantCount')}>{me.tenants.length}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('home.yourRoles')} style={{ height: '100%' }}>
            {me.roles.length === 0 ? (
              <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
            ) : (
              <Space size={[8, 8]} wrap data-testid="home-roles">
                {me.roles.map((role) => (
                  <Tag key={role} color="geekblue">
                    {roleLabel(role)}
                  </Tag>
                ))}
              </Space>
            )}
            <Typography.Title level={5}>{t('home.permissions')}</Typography.Title>
            {me.permissions.length === 0 ? (
              <Typography.Text type="secondary">{t('home.noPermissions')}</Typography.Text>
            ) : (
              <Space size={[6, 6]} wrap>
                {me.permissions.map((permission) => (
                  <Tag key={permission}>{permissionLabel(permission)}</Tag>
                ))}
              </Space>
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('home.quickLinks')}>
        {shortcuts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noPermissions')} />
        ) : (
          <Row gutter={[12, 12]}>
            {shortcuts.map((entry) => (
              <Col key={entry.key} xs={12} md={8} xl={6}>
                <Link to={entry.path}>
                  <Card hoverable size="small">
                    <Space>
                      {entry.icon}
                      {t(`nav.${entry.key}`)}
                    </Space>
                  </Card>
                </Link>
              </Col>
            ))}
          </Row>
        )}
      </Card>
    </Flex>
  );
}
