import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale, Me, Permission } from '@seatline/shared';
import i18n, { currentLocale, rememberLocale } from '../i18n/index.ts';
import { api, ApiError, onUnauthorized } from '../api/client.ts';

interface AuthState {
  /** undefined while the first GET /api/me is in flight, null when logged out. */
  me: Me | null | undefined;
  /** True after the user logged out on purpose (then /login does not return to the last page). */
  loggedOut: boolean;
  locale: Locale;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
  setLocale(locale: Locale): Promise<void>;
  switchTenant(tenantId: string): Promise<Me>;
  can(permission: Permission | undefined): boolean;
}

const AuthContext = createContext<AuthState | null>(null);

async function applyLocale(locale: Locale): Promise<void> {
  rememberLocale(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [loggedOut, setLoggedOut] = useState(false);
  const [locale, setLocaleState] = useState<Locale>(currentLocale());

  useEffect(() => {
    const listener = () => setLocaleState(currentLocale());
    i18n.on('languageChanged', listener);
    return () => i18n.off('languageChanged', listener);
  }, []);

  /** A signed-in user's saved language wins over the one picked before login. */
  const accept = useCallback(async (next: Me) => {
    await applyLocale(next.locale);
    setLoggedOut(false);
    setMe(next);
  }, []);

  const refresh = useCallback(async () => {
    try {
      await accept(await api.me());
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setMe(null);
      else throw error;
    }
  }, [accept]);

  useEffect(() => {
    onUnauthorized(() => setMe(null));
    api
      .me()
      .then(accept)
      .catch(() => setMe(null));
    return () => onUnauthorized(null);
  }, [accept]);

  const login = useCallback(
    async (username: string, password: string) => {
      const next = await api.login(username, password);
      await accept(next);
      return next;
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setLoggedOut(true);
      setMe(null);
    }
  }, []);

  const setLocale = useCallback(
    async (next: Locale) => {
      await applyLocale(next);
      if (me) setMe(await api.setLocale(next));
    },
    [me],
  );

  const switchTenant = useCallback(async (tenantId: string) => {
    const next = await api.setTenant(tenantId);
    setMe(next);
    return next;
  }, []);

  const can = useCallback(
    (permission: Permission | undefined) => !permission || Boolean(me?.permissions.includes(permission)),
    [me],
  );

  const value = useMemo<AuthState>(
    () => ({ me, loggedOut, locale, login, logout, refresh, setLocale, switchTenant, can }),
    [me, loggedOut, locale, login, logout, refresh, setLocale, switchTenant, can],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a signed-in user');
  return me;
}
