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
import { navFor, type NavKey } from './nav.tsx';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { Flex, Spin } from 'antd';

/** Pages load on first visit, so the login page and the shell stay small. */
function page(load: () => Promise<ComponentType>) {
  const Page = lazy(async () => ({ default: await load() }));
  return (
    <Suspense
      fallback={
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      }
    >
      <Page />
    </Suspense>
  );
}

const PAGES: [NavKey, ReactNode][] = [
  ['desk', page(() => import('./pages/desk/DeskPage.tsx').then((m) => m.DeskPage))],
  ['floor', page(() => import('./pages/floor/FloorPage.tsx').then((m) => m.FloorPage))],
  ['export', page(() => import('./pages/ExportPage.tsx').then((m) => m.ExportPage))],
  ['tenants', page(() => import('./pages/admin/TenantsPage.tsx').then((m) => m.TenantsPage))],
  ['sites', page(() => import('./pages/admin/SitesPage.tsx').then((m) => m.SitesPage))],
  ['teams', page(() => import('./pages/admin/TeamsPage.tsx').then((m) => m.TeamsPage))],
  ['users', page(() => import('./pages/admin/UsersPage.tsx').then((m) => m.UsersPage))],
  ['roles', page(() => import('./pages/admin/RolesPage.tsx').then((m) => m.RolesPage))],
  ['skills', page(() => import('./pages/admin/SkillsPage.tsx').then((m) => m.SkillsPage))],
  ['ivr', page(() => import('./pages/ivr/IvrPage.tsx').then((m) => m.IvrPage))],
  ['queues', page(() => import('./pages/queues/QueuesPage.tsx').then((m) => m.QueuesPage))],
  ['audit', page(() => import('./pages/admin/AuditPage.tsx').then((m) => m.AuditPage))],
  ['wfm-history', page(() => import('./pages/wfm/HistoryPage.tsx').then((m) => m.HistoryPage))],
  ['wfm-forecasts', page(() => import('./pages/wfm/ForecastsPage.tsx').then((m) => m.ForecastsPage))],
  ['wfm-staffing', page(() => import('./pages/wfm/StaffingPage.tsx').then((m) => m.StaffingPage))],
  ['wfm-schedules', page(() => import('./pages/wfm/SchedulesPage.tsx').then((m) => m.SchedulesPage))],
  ['wfm-my-schedule', page(() => import('./pages/wfm/MySchedulePage.tsx').then((m) => m.MySchedulePage))],
  ['wfm-adherence', page(() => import('./pages/wfm/AdherencePage.tsx').then((m) => m.AdherencePage))],
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
              {PAGES.map(([key, page]) => {
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
