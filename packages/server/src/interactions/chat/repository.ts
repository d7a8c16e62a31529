/** The web chat's queries: where a tenant's widget chats go, who the agent is, the visitor's card. */
import { findTenant, findTenantUser } from '../../org/repository.ts';
import { findQueueByCode, listQueues } from '../../routing/repository.ts';
import type { Executor } from '../../platform/db/database.ts';
import { chatMessages } from '../schema.ts';

export interface ChatEntry {
  tenantId: string;
  tenantName: string;
  queueId: string;
}

/**
 * The tenant behind a widget's `tenant` slug and the chat queue its chats join: the one named by
 * `queue` (a chat queue's code), else `web_chat`, else the first chat queue. `unknown` for a missing
 * tenant, `unavailable` for a suspended tenant or one without a chat queue.
 */
export async function resolveChatEntry(ex: Executor, slug: string, queueCode: string | undefined): Promise<ChatEntry | 'unknown' | 'unavailable'> {
  const tenant = await findTenant(ex, slug);
  if (!tenant) return 'unknown';
  if (tenant.status !== 'active') return 'unavailable';
  const isChat = (q: { settings: { channel?: string } } | undefined) => q?.settings.channel === 'chat';
  if (queueCode) {
    const queue = await findQueueByCode(ex, tenant.id, queueCode);
    return queue && isChat(queue) ? { tenantId: tenant.id, tenantName: tenant.name, queueId: queue.id } : 'unavailable';
  }
  const chatQueues = (await listQueues(ex, tenant.id)).filter(isChat);
  const queue = chatQueues.find((q) => q.code === 'web_chat') ?? chatQueues[0];
  return queue ? { tenantId: tenant.id, tenantName: tenant.name, queueId: queue.id } : 'unavailable';
}

/** The name the customer sees for an agent. */
export async function agentDisplayName(ex: Executor, tenantId: string, agentId: string): Promise<string> {
  const found = await findTenantUser(ex, tenantId, agentId);
  return found?.user.displayName ?? '';
}

/** A system line at the head of the transcript with what the pre-chat form said (never the number: it is the address, masked by role). */
export async function insertSystemMessage(ex: Executor, tenantId: string, interactionId: string, body: string, at: Date): Promise<void> {
  await ex.insert(chatMessages).values({ tenantId, interactionId, sender: 'system', agentId: null, body, at });
}
