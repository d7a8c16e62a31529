/**
 * The audit context's one write: append an entry inside the caller's transaction, so an audited
 * change and its audit entry commit or fail together.
 */
import type { Executor } from '../platform/db/database.ts';
import { auditLog } from './schema.ts';

export interface AuditEntryInput {
  tenantId: string | null;
  at: Date;
  actor: { userId: string; displayName: string } | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(executor: Executor, entry: AuditEntryInput): Promise<void> {
  await executor.insert(auditLog).values({
    tenantId: entry.tenantId,
    at: entry.at,
    actorId: entry.actor?.userId ?? null,
    actorName: entry.actor?.displayName ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}
