import { PERMISSIONS } from '@seatline/shared';
import type { TenantRow } from '../org/repository.ts';
import type { Actor } from '../platform/http/actor.ts';

/** The operator at the console: all permissions in one tenant, audited as "seatline CLI". */
export function systemActor(tenant: TenantRow): Actor {
  return {
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'seatline-cli',
    displayName: 'seatline CLI',
    locale: 'en',
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, kind: tenant.kind },
    roles: [],
    permissions: new Set(PERMISSIONS),
    sessionId: null,
    tokenId: null,
    ip: 'cli',
  };
}
