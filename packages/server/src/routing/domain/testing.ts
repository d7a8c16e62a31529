/**
 * Small builders shared by the routing tests: a tenant's queues and agents with defaults filled by
 * the real schemas, and a router on a manual clock.
 */
import { ManualClock } from '../../platform/clock.ts';
import { parseAgentProfile, parseQueueConfig, type AgentProfileInput, type QueueConfigInput } from '../schemas.ts';
import type { AgentProfile, QueueConfig } from './queue-config.ts';
import { Router, type RoutingDecision, type RoutingResult } from './router.ts';

export const TENANT = 'tenant-1';

export function queue(input: Omit<QueueConfigInput, 'tenantId' | 'businessLineId'> & { tenantId?: string }): QueueConfig {
  return parseQueueConfig({ tenantId: TENANT, businessLineId: 'line-1', ...input });
}

export function agent(id: string, skills: Record<string, number>, extra: Omit<Partial<AgentProfileInput>, 'id' | 'skills'> = {}): AgentProfile {
  return parseAgentProfile({ id, tenantId: TENANT, skills, ...extra });
}

export function routerWith(queues: QueueConfig[], agents: AgentProfile[] = [], start = 0): { router: Router; clock: ManualClock } {
  const clock = new ManualClock(start);
  const router = new Router({ clock });
  accepted(router.setQueues(queues));
  for (const profile of agents) accepted(router.upsertAgent(profile));
  return { router, clock };
}

/** The decisions of a result that must not have been refused. */
export function accepted(result: RoutingResult): RoutingDecision[] {
  if (result.error) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.decisions;
}

export function goReady(router: Router, ...agentIds: string[]): RoutingDecision[] {
  return agentIds.flatMap((agentId) => [...accepted(router.agentEvent(agentId, { type: 'login' })), ...accepted(router.agentEvent(agentId, { type: 'set_ready' }))]);
}

/** The offers among the decisions, as "interaction→agent". */
export function offers(decisions: readonly RoutingDecision[]): string[] {
  return decisions.flatMap((decision) => (decision.type === 'offer' ? [`${decision.interactionId}→${decision.agentId}`] : []));
}
