import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Flex, Spin } from 'antd';
import type { Permission } from '@seatline/shared';
import { useAuth } from '../auth/AuthContext.tsx';
import { ForbiddenPage } from '../pages/ForbiddenPage.tsx';

export function FullPageSpin() {
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Sends a visitor without a session to /login, remembering where they wanted to go. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, loggedOut } = useAuth();
  const location = useLocation();
  if (me === undefined) return <FullPageSpin />;
  if (me === null) {
    const from = location.pathname + location.search;
    return <Navigate to="/login" replace state={from === '/' || loggedOut ? undefined : { from }} />;
  }
  return <>{children}</>;
}

/** Client-side guard from `me.permissions`; the server refuses the same requests with 403. */
export function RequirePermission({ permission, children }: { permission?: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (!can(permission)) return <ForbiddenPage />;
  return <>{children}</>;
}
