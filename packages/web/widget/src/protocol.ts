/**
 * The chat protocol as the widget sees it. The server's definition (with the inbound validation) is
 * packages/server/src/interactions/chat/protocol.ts; this file mirrors its frames for the browser.
 */
export type Language = 'zh-CN' | 'en';

export type ClientFrame =
  | { type: 'start'; name?: string; phone?: string; language?: Language }
  | { type: 'message'; text: string; id?: string }
  | { type: 'language'; language: Language }
  | { type: 'leave' };

export type EndedBy = 'customer' | 'agent' | 'system' | 'supervisor';

export type ServerFrame =
  | { type: 'hello'; tenant: string; language: Language }
  | { type: 'queued'; interactionId: string; position: number; estimatedWaitSeconds: number | null }
  | { type: 'agent_joined'; agentName: string }
  | { type: 'ack'; id: string | null; at: string; text: string }
  | { type: 'message'; from: 'agent' | 'system'; text: string; at: string }
  | { type: 'ended'; by: EndedBy }
  | { type: 'error'; code: string; message: string; id?: string };

/** Limits the server enforces; the widget applies them first so the customer is told before sending. */
export const MAX_MESSAGE_CHARS = 2000;
export const MAX_NAME_CHARS = 40;
