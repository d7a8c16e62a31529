import { useEffect } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { AuthProvider, useAuth } from './auth/AuthContext.tsx';
import { RequireAuth, RequirePermission } from './components/Guards.tsx';
import { AppLayout } from './layout/AppLayout.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { NotFoundPage } from './pages/ForbiddenPage.tsx';
import { TenantsPage } from './pages/admin/TenantsPage.tsx';
import { SitesPage } from './pages/admin/SitesPage.tsx';
import { TeamsPage } from './pages/admin/TeamsPage.tsx';
import { UsersPage } from './pages/admin/UsersPage.tsx';
import { RolesPage } from './pages/admin/RolesPage.tsx';
import { SkillsPage } from './pages/admin/SkillsPage.tsx';
import { AuditPage } from './pages/admin/AuditPage.tsx';
import { navFor, type NavKey } from './nav.tsx';
import type { ReactNode } from 'react';

const ADMIN_PAGES: [NavKey, ReactNode][] = [
  ['tenants', <TenantsPage />],
  ['sites', <SitesPage />],
  ['teams', <TeamsPage />],
  ['users', <UsersPage />],
  ['roles', <RolesPage />],
  ['skills', <SkillsPage />],
  ['audit', <AuditPage />],
];

function Themed({ children }: { children: ReactNode }) {
  const { locale } = useAuth();
  useEffect(() => {
    dayjs.locale(locale === 'en' ? 'en' : 'zh-cn');
  }, [locale]);
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUS : zhCN}
      theme={{ token: { colorPrimary: '#1668dc', borderRadius: 6 } }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <AuthProvider>
      <Themed>
        <BrowserRouter>
          <Routes>
            <Route path="/login" element={<LoginPage />} />
            <Route
              element={
                <RequireAuth>
                  <AppLayout />
                </RequireAuth>
              }
            >
              <Route index element={<HomePage />} />
              {ADMIN_PAGES.map(([key, page]) => {
                const entry = navFor(key);
                return (
                  <Route key={key} path={entry.path} element={<RequirePermission permission={entry.permission}>{page}</RequirePermission>} />
                );
              })}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Routes>
        </BrowserRouter>
      </Themed>
    </AuthProvider>
  );
}
