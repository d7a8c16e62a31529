/**
 * The IVR endpoints (hotlines, flows, the emergency announcement) and test calls through the
 * simulated telephony. They use the shared `request` of the typed client.
 */
import { request, type List } from '../../api/client.ts';
import type { IvrFlow, Prompt } from './flow.ts';

export type OutOfHours =
  | { action: 'message'; prompt: Prompt }
  | { action: 'voicemail'; prompt: Prompt; queueId?: string; maxSeconds?: number }
  | { action: 'callback'; prompt: Prompt; queueId?: string };

export interface HotlineConfig {
  hotline: string;
  name: string;
  calendarId: string | null;
  defaultLanguage: 'zh-CN' | 'en';
  outOfHours: OutOfHours;
  emergency: { enabled: boolean; prompt: Prompt | null };
}

export interface Hotline {
  id: string;
  number: string;
  name: string;
  config: HotlineConfig;
  activeVersion: number;
}

export interface FlowVersion {
  version: number;
  createdAt: string;
  /** The user id of whoever saved it (null for seeded versions). */
  createdBy: string | null;
}

export interface HotlineDetail extends Hotline {
  /** The active flow; null only if its row is missing. */
  flow: IvrFlow | null;
  versions: FlowVersion[];
}

export interface FlowSaved {
  version: number;
  warnings: { code: string; severity: 'warning'; path: (string | number)[]; message: string }[];
}

export interface TestCall {
  hotline: string;
  caller?: string;
  digits: string[];
  patienceSeconds?: number;
}

/** What the IVR page needs of an interaction (GET /api/interactions/:id). */
export interface InteractionTrace {
  id: string;
  status: string;
  hotline: string | null;
  queueId: string | null;
  ivrPath: string[];
  arrivedAt: string;
  endedAt: string | null;
  events: { type: string; at: string; agentId: string | null; queueId: string | null; data: Record<string, unknown> }[];
}

export interface QueueOption {
  id: string;
  code: string;
  name: string;
  channel: string;
}

export const ivrApi = {
  hotlines: () => request<List<Hotline>>('GET', '/hotlines'),
  hotline: (id: string) => request<HotlineDetail>('GET', `/hotlines/${id}`),
  saveFlow: (id: string, flow: unknown) => request<FlowSaved>('PUT', `/hotlines/${id}/flow`, { flow }),
  setEmergency: (id: string, enabled: boolean, prompt?: Prompt) =>
    request<Hotline>('PUT', `/hotlines/${id}/emergency`, prompt ? { enabled, prompt } : { enabled }),
  queues: () => request<List<QueueOption>>('GET', '/queues'),
  testCall: (call: TestCall) => request<{ interactionId: string }>('POST', '/simulator/calls', call),
  interaction: (id: string) => request<InteractionTrace>('GET', `/interactions/${id}`),
};
