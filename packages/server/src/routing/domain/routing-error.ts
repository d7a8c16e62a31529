/**
 * Stable error codes of the routing core. A refused request changes nothing, so the HTTP and
 * WebSocket layers can answer with the code and the client can retry or explain.
 */
export const ROUTING_ERROR_CODES = [
  'routing.invalid_transition',
  'routing.agent_unavailable',
  'routing.capacity_exceeded',
  'routing.agent_has_work',
  'routing.unknown_offer',
  'routing.offer_already_accepted',
  'routing.unknown_work',
  'routing.unknown_agent',
  'routing.unknown_queue',
  'routing.unknown_interaction',
  'routing.duplicate_interaction',
  'routing.interaction_not_waiting',
  'routing.tenant_mismatch',
  'routing.invalid_queue_config',
  'routing.queue_not_empty',
  'routing.not_empty',
] as const;

export type RoutingErrorCode = (typeof ROUTING_ERROR_CODES)[number];

export interface RoutingError {
  code: RoutingErrorCode;
  /** English detail for logs and developers; clients translate the code. */
  message: string;
}

export function routingError(code: RoutingErrorCode, message: string): RoutingError {
  return { code, message };
}
