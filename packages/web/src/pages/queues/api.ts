/**
 * The routing set-up endpoints: business lines and queues (GET /api/queues, POST, PATCH), with
 * the queue settings the router uses. Skills come from the existing `api.skills()`.
 */
import { request, type List } from '../../api/client.ts';

export const QUEUE_CHANNELS = ['voice', 'chat'] as const;
export type QueueChannel = (typeof QUEUE_CHANNELS)[number];
export const ROUTING_STRATEGIES = ['longest_idle', 'most_skilled', 'round_robin', 'least_occupied'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];
export const LIMIT_ACTIONS = ['callback', 'voicemail', 'queue'] as const;
export type LimitActionType = (typeof LIMIT_ACTIONS)[number];

export type LimitAction = { type: 'callback' } | { type: 'voicemail' } | { type: 'queue'; queueId: string };

export interface QueueSettings {
  /** Fixed once the queue exists: waiting interactions belong to a channel. */
  channel: QueueChannel | 'email' | 'messaging';
  /** `skill` is a skill id (GET /api/skills). */
  skills: { skill: string; minLevel: number }[];
  priority: number;
  serviceLevel: { percent: number; seconds: number };
  strategy: RoutingStrategy;
  widening: { afterSeconds: number; levelReduction: number }[];
  overflow: { afterSeconds: number; queueId: string } | null;
  limits: { maxLength: number | null; maxWaitSeconds: number | null; action: LimitAction } | null;
  ringTimeoutSeconds: number;
  maxWrapUpSeconds: number;
  expectedHandleSeconds: number;
}

export interface QueueConfig extends QueueSettings {
  id: string;
  code: string;
  name: string;
  tenantId: string;
  businessLineId: string;
}

export interface BusinessLine {
  id: string;
  code: string;
  name: string;
}

export interface QueueCreate {
  code: string;
  name: string;
  businessLineId: string;
  settings: Partial<QueueSettings>;
}

export interface QueueUpdate {
  name?: string;
  businessLineId?: string;
  settings?: Partial<QueueSettings>;
}

export const queuesApi = {
  queues: () => request<List<QueueConfig>>('GET', '/queues'),
  businessLines: () => request<List<BusinessLine>>('GET', '/business-lines'),
  create: (input: QueueCreate) => request<QueueConfig>('POST', '/queues', input),
  update: (id: string, input: QueueUpdate) => request<QueueConfig>('PATCH', `/queues/${id}`, input),
};
