import type { Locale, Permission, Role, TenantSummary } from '@seatline/shared';

/** Who is calling: a logged-in user (session) or an integration (API token), in one active tenant. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  locale: Locale;
  tenant: TenantSummary;
  roles: Role[];
  permissions: Set<Permission>;
  sessionId: string | null;
  tokenId: string | null;
  ip: string;
}

/** Who may call a route: anyone, any authenticated caller, or holders of one permission. */
export type Access = 'public' | 'authenticated' | Permission;

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}
