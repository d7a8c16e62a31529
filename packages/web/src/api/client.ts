/**
 * A small typed client for the Seatline API (same origin, cookie session `sl_session`).
 * Shapes come from @seatline/shared so the web app and the server agree at compile time.
 */
import {
  ERROR_MESSAGES,
  type AuditEntry,
  type ErrorCode,
  type Locale,
  type Me,
  type Permission,
  type Role,
  type Site,
  type Skill,
  type Team,
  type Tenant,
  type User,
} from '@seatline/shared';
import i18n, { currentLocale } from '../i18n/index.ts';

export type { AuditEntry, Locale, Me, Permission, Role, Site, Skill, Team, Tenant, User };

export interface List<T> {
  items: T[];
}
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface RoleMatrix {
  roles: { role: Role; permissions: Permission[] }[];
  permissions: Permission[];
}
export interface Health {
  status: 'ok';
  database: 'pglite' | 'postgres';
}

/** An API failure: `message` is already in the user's language (server-side i18n). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function localMessage(code: string): string | undefined {
  const entry = (ERROR_MESSAGES as Record<string, Record<Locale, string>>)[code];
  return entry?.[currentLocale()];
}

let unauthorizedHandler: (() => void) | null = null;
/** The auth provider registers what to do on a 401 (forget the user and show /login). */
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

type Query = Record<string, string | number | undefined | null>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLocale() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${withQuery(path, query)}`, {
      method,
      headers,
      credentials: 'include',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const err = (data ?? {}) as { code?: string; message?: string; details?: unknown };
    const code = typeof err.code === 'string' ? err.code : `http.${response.status}`;
    const message =
      (typeof err.message === 'string' && err.message) ||
      localMessage(code) ||
      localMessage(response.status === 403 ? 'auth.forbidden' : 'internal.error') ||
      `HTTP ${response.status}`;
    const error = new ApiError(response.status, code, message, err.details);
    if (response.status === 401 && path !== '/auth/login' && unauthorizedHandler) unauthorizedHandler();
    throw error;
  }
  return data as T;
}

export function isErrorCode(error: unknown, code: ErrorCode): boolean {
  return error instanceof ApiError && error.code === code;
}

export interface UserCreate {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  siteId?: string | null;
}
export interface UserUpdate {
  displayName?: string;
  status?: 'active' | 'disabled';
  roles?: Role[];
  siteId?: string | null;
}
export interface TeamInput {
  name?: string;
  siteId?: string | null;
  leaderId?: string | null;
}
export interface SiteInput {
  name?: string;
  timezone?: string;
  address?: string | null;
}
export interface AuditQuery {
  action?: string;
  actorId?: string;
  from?: string;
  to?: string;
  cursor?: string | null;
}

export const api = {
  health: () => request<Health>('GET', '/health'),

  login: (username: string, password: string) => request<Me>('POST', '/auth/login', { username, password }),
  logout: () => request<void>('POST', '/auth/logout'),
  me: () => request<Me>('GET', '/me'),
  setLocale: (locale: Locale) => request<Me>('PUT', '/me/locale', { locale }),
  setTenant: (tenantId: string) => request<Me>('PUT', '/me/tenant', { tenantId }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<void>('PUT', '/me/password', { currentPassword, newPassword }),

  tenants: () => request<List<Tenant>>('GET', '/tenants'),
  createTenant: (input: { slug: string; name: string }) => request<Tenant>('POST', '/tenants', input),
  updateTenant: (id: string, input: { name?: string; status?: 'active' | 'suspended' }) =>
    request<Tenant>('PATCH', `/tenants/${id}`, input),

  sites: () => request<List<Site>>('GET', '/sites'),
  createSite: (input: SiteInput) => request<Site>('POST', '/sites', input),
  updateSite: (id: string, input: SiteInput) => request<Site>('PATCH', `/sites/${id}`, input),

  teams: () => request<List<Team>>('GET', '/teams'),
  createTeam: (input: TeamInput) => request<Team>('POST', '/teams', input),
  updateTeam: (id: string, input: TeamInput) => request<Team>('PATCH', `/teams/${id}`, input),
  setTeamMembers: (id: string, userIds: string[]) => request<Team>('PUT', `/teams/${id}/members`, { userIds }),

  users: (query: { q?: string; cursor?: string | null } = {}) => request<Page<User>>('GET', '/users', undefined, query),
  createUser: (input: UserCreate) => request<User>('POST', '/users', input),
  updateUser: (id: string, input: UserUpdate) => request<User>('PATCH', `/users/${id}`, input),
  setUserSkills: (id: string, skills: { skillId: string; level: number }[]) =>
    request<User>('PUT', `/users/${id}/skills`, { skills }),
  resetUserPassword: (id: string, password: string) => request<void>('POST', `/users/${id}/password`, { password }),
  revokeUserSessions: (id: string) => request<void>('POST', `/users/${id}/sessions/revoke`),

  roles: () => request<RoleMatrix>('GET', '/roles'),

  skills: () => request<List<Skill>>('GET', '/skills'),
  createSkill: (input: { code: string; name: string }) => request<Skill>('POST', '/skills', input),
  updateSkill: (id: string, input: { name: string }) => request<Skill>('PATCH', `/skills/${id}`, input),

  audit: (query: AuditQuery) => request<Page<AuditEntry>>('GET', '/audit', undefined, { ...query }),
};

// ------------------------------------------------------------------ live contact handling

export const AGENT_STATUSES = ['offline', 'ready', 'not_ready', 'reserved', 'busy', 'wrap_up'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export type Presence = 'offline' | 'ready' | 'not_ready';
/** The reasons an agent may choose; the server also sets missed, rejected, login and disconnected. */
export const CHOOSABLE_REASONS = ['break', 'meal', 'meeting', 'training', 'coaching', 'outbound'] as const;
export type NotReadyReason = (typeof CHOOSABLE_REASONS)[number] | 'missed' | 'rejected' | 'login' | 'disconnected';
export type Channel = 'voice' | 'chat' | 'email' | 'messaging';
export type WorkPhase = 'reserved' | 'busy' | 'wrap_up';

export interface WorkItemView {
  interactionId: string;
  channel: Channel;
  phase: WorkPhase;
}
export interface AgentStateView {
  presence: Presence;
  reason: NotReadyReason | null;
  status: AgentStatus;
  /** ISO-8601: when status or reason last changed. */
  since: string;
  connected: boolean;
  work: WorkItemView[];
}
export type StateChange = { presence: 'ready' } | { presence: 'not_ready'; reason: NotReadyReason } | { presence: 'offline' };

/** How a supervisor joins a call: listening only, speaking to the agent only, or to both. */
export const SUPERVISE_MODES = ['monitor', 'whisper', 'barge'] as const;
export type SuperviseMode = (typeof SUPERVISE_MODES)[number];

export const DISPOSITIONS = ['resolved', 'work_order', 'callback', 'info', 'transferred', 'other'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export interface InteractionEvent {
  type: string;
  at: string;
  agentId: string | null;
  queueId: string | null;
  data: Record<string, unknown>;
}
export interface ChatMessage {
  sender: 'customer' | 'agent' | 'system';
  body: string;
  at: string;
  agentId: string | null;
}
export interface CustomerCard {
  id: string;
  name: string;
  vip: boolean;
  phones: string[];
  address: string | null;
}
export interface Interaction {
  id: string;
  channel: Channel;
  direction: 'inbound' | 'outbound';
  status: 'queued' | 'offered' | 'connected' | 'wrap_up' | 'ended';
  address: string | null;
  hotline: string | null;
  customerId: string | null;
  queueId: string | null;
  agentId: string | null;
  priority: number;
  ivrPath: string[];
  arrivedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  holdSeconds: number;
  onHold: boolean;
  transferred: boolean;
  disposition: string | null;
  notes: string | null;
  events: InteractionEvent[];
  messages: ChatMessage[];
  customer: CustomerCard | null;
}

export interface Queue {
  id: string;
  code: string;
  name: string;
  channel: Channel;
  priority?: number;
  serviceLevel?: { percent: number; seconds: number };
}
export interface QueueStatus {
  queueId: string;
  waiting: number;
  /** ms epoch of the longest-waiting contact, null when nobody waits. */
  oldestEnqueuedAt: number | null;
  staffedAgents: number;
  availableAgents: number;
  smoothedHandleSeconds: number;
  estimatedWaitMs: number | null;
}
export interface FloorQueue {
  id: string;
  code: string;
  name: string;
  channel: Channel;
  status: QueueStatus | null;
}
export interface FloorAgent extends AgentStateView {
  agentId: string;
}
export interface Floor {
  queues: FloorQueue[];
  agents: FloorAgent[];
}

/** What the server pushes over /api/ws. */
export type LiveMessage =
  | { type: 'hello'; userId: string; agentState: AgentStateView | null }
  | { type: 'agent_state'; agentId: string; status: AgentStatus; presence: Presence; reason: NotReadyReason | null; since: number }
  | { type: 'offer'; agentId: string; interactionId: string; queueId: string; ringDeadline: number }
  | { type: 'offer_cancelled'; agentId: string; interactionId: string; reason: string }
  | { type: 'connected'; agentId: string; interactionId: string }
  | { type: 'ended'; agentId: string | null; interactionId: string; endedBy: string }
  | { type: 'wrap_up_ended'; agentId: string; interactionId: string }
  | { type: 'chat'; agentId: string | null; interactionId: string; sender: 'customer' | 'agent' | 'system'; body: string; at: number }
  | { type: 'queue_changed'; queueId: string };

const post = (path: string, body?: unknown) => request<void>('POST', path, body);

export const live = {
  agentState: () => request<{ state: AgentStateView | null }>('GET', '/agent/state'),
  setAgentState: (change: StateChange) => request<{ state: AgentStateView }>('PUT', '/agent/state', change),
  interaction: (id: string) => request<Interaction>('GET', `/interactions/${id}`),
  accept: (id: string) => post(`/interactions/${id}/accept`),
  reject: (id: string) => post(`/interactions/${id}/reject`),
  hangup: (id: string) => post(`/interactions/${id}/hangup`),
  hold: (id: string) => post(`/interactions/${id}/hold`),
  resume: (id: string) => post(`/interactions/${id}/resume`),
  transfer: (id: string, queueId: string) => post(`/interactions/${id}/transfer`, { queueId }),
  wrapUp: (id: string, disposition: string, notes?: string) =>
    post(`/interactions/${id}/wrap-up`, { disposition, ...(notes ? { notes } : {}) }),
  sendMessage: (id: string, text: string) => post(`/interactions/${id}/messages`, { text }),
  conference: (id: string, agentId: string) => post(`/interactions/${id}/conference`, { agentId }),
  supervise: (id: string, mode: SuperviseMode) => post(`/interactions/${id}/supervise`, { mode }),
  queues: () => request<List<Queue>>('GET', '/queues'),
  floor: () => request<Floor>('GET', '/floor'),
  forceAgentState: (agentId: string, change: StateChange) => request<{ state: AgentStateView }>('PUT', `/agents/${agentId}/state`, change),
};

/** The live socket's address on the page's own origin (the cookie session authenticates it). */
export function liveSocketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/ws`;
}

/** Fetches a file from the API (cookie session); a failure raises the same localized ApiError as `request`. */
export async function fetchFile(path: string, query: Query): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(`/api${withQuery(path, query)}`, {
      credentials: 'include',
      headers: { 'Accept-Language': currentLocale() },
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!response.ok) {
    let err: { code?: string; message?: string; details?: unknown } = {};
    try {
      err = (await response.json()) as typeof err;
    } catch {
      // not JSON
    }
    const code = typeof err.code === 'string' ? err.code : `http.${response.status}`;
    if (response.status === 401 && unauthorizedHandler) unauthorizedHandler();
    throw new ApiError(response.status, code, err.message || localMessage(code) || `HTTP ${response.status}`, err.details);
  }
  return response.blob();
}

/** Hands a blob to the browser as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Every user of the active tenant, following cursors (bounded, for pickers and name lookups). */
export async function allUsers(maxPages = 20): Promise<User[]> {
  const users: User[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page: Page<User> = await api.users({ cursor });
    users.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return users;
}
