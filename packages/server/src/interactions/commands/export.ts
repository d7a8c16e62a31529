/** Exports interaction records with every lifecycle timestamp; masking follows the caller's permission, and every export is audited. */
import { recordAudit } from '../../audit/commands.ts';
import { listUsernames } from '../../org/repository.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalid } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { listQueues } from '../../routing/repository.ts';
import { type ExportRow, presentExportRow } from '../presenters.ts';
import { listInteractionsArrivedBetween } from '../repository.ts';

/** A year of a busy line is the most one request exports; larger ranges go in several steps. */
const MAX_RANGE_MS = 366 * 24 * 3_600_000;

export async function exportInteractions(ctx: AppContext, actor: Actor, range: { from: Date; to: Date }, format: 'csv' | 'json'): Promise<ExportRow[]> {
  if (range.to <= range.from) throw invalid({ field: 'to', reason: 'before_from' });
  if (range.to.getTime() - range.from.getTime() > MAX_RANGE_MS) throw invalid({ field: 'to', reason: 'range_too_long' });
  const db = ctx.database.db;
  const tenantId = actor.tenant.id;
  const [rows, queueRows] = await Promise.all([listInteractionsArrivedBetween(db, tenantId, range.from, range.to), listQueues(db, tenantId)]);
  const agentIds = [...new Set(rows.map((r) => r.agentId).filter((id): id is string => Boolean(id)))];
  const names = { queues: new Map(queueRows.map((q) => [q.id, q.code])), agents: await listUsernames(db, agentIds) };
  const unmasked = actor.permissions.has('pii.unmask');
  await recordAudit(db, {
    tenantId,
    at: new Date(ctx.clock.now()),
    actor: { userId: actor.userId, displayName: actor.displayName },
    action: 'interactions.exported',
    ip: actor.ip,
    details: { from: range.from.toISOString(), to: range.to.toISOString(), format, rows: rows.length, unmasked },
  });
  return rows.map((row) => presentExportRow(row, names, unmasked));
}
