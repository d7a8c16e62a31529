/**
 * The web chat widget's protocol: JSON frames over one WebSocket, `GET /api/chat/ws?tenant=<slug>`.
 *
 * customer → server
 *   {type:'start', name?, phone?, language?}   the pre-chat form; queues the chat (once per socket)
 *   {type:'message', text, id?}                 a message; `id` (the client's) comes back in its ack or error
 *   {type:'language', language}                 later error messages in this language
 *   {type:'leave'}                              ends the chat (an abandon while still waiting)
 *
 * server → customer
 *   {type:'hello', tenant, language}                                  the socket is ready for `start`
 *   {type:'queued', interactionId, position, estimatedWaitSeconds}    after `start`, and whenever the place in line changes
 *   {type:'agent_joined', agentName}                                  an agent accepted the chat
 *   {type:'ack', id, at, text}                                        a customer message was stored, as `text` (sanitised)
 *   {type:'message', from:'agent'|'system', text, at}                 a message for the customer
 *   {type:'ended', by:'customer'|'agent'|'system'|'supervisor'}       the chat is over; the server closes the socket
 *   {type:'error', code, message, id?}                                a refusal with a stable code (packages/shared errors)
 *
 * Closing the socket is leaving: an abandon while queued, the end of the conversation when connected.
 */
import type { ErrorCode, Locale } from '@seatline/shared';
import { z } from 'zod';

export const chatLanguage = z.enum(['zh-CN', 'en']);

/** Inbound frames. Lengths are checked (with their own error codes) after parsing, not here. */
export const customerFrame = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    name: z.string().max(1000).optional(),
    phone: z.string().max(100).optional(),
    language: chatLanguage.optional(),
  }),
  z.strictObject({ type: z.literal('message'), text: z.string(), id: z.string().max(64).optional() }),
  z.strictObject({ type: z.literal('language'), language: chatLanguage }),
  z.strictObject({ type: z.literal('leave') }),
]);
export type CustomerFrame = z.infer<typeof customerFrame>;

export type EndedBy = 'customer' | 'agent' | 'system' | 'supervisor';

export type ServerFrame =
  | { type: 'hello'; tenant: string; language: Locale }
  | { type: 'queued'; interactionId: string; position: number; estimatedWaitSeconds: number | null }
  | { type: 'agent_joined'; agentName: string }
  | { type: 'ack'; id: string | null; at: string; text: string }
  | { type: 'message'; from: 'agent' | 'system'; text: string; at: string }
  | { type: 'ended'; by: EndedBy }
  | { type: 'error'; code: ErrorCode; message: string; id?: string };

export interface ChatLimits {
  /** Longest customer message, in characters (code points) before sanitising. */
  maxMessageChars: number;
  /** Longest name on the pre-chat form. */
  maxNameChars: number;
  /** Customer messages per connection per window. */
  messagesPerWindow: number;
  messageWindowMs: number;
  /** Frames of any kind per connection per window; beyond it the socket is closed. */
  framesPerWindow: number;
  frameWindowMs: number;
  /** New chats per client IP per window. */
  startsPerIp: number;
  startWindowMs: number;
  /** Sockets open at once per client IP. */
  socketsPerIp: number;
  /** A socket that has not started a chat is closed after this long. */
  startTimeoutMs: number;
}

export const DEFAULT_CHAT_LIMITS: ChatLimits = {
  maxMessageChars: 2000,
  maxNameChars: 40,
  messagesPerWindow: 5,
  messageWindowMs: 10_000,
  framesPerWindow: 30,
  frameWindowMs: 10_000,
  // Generous: mobile carriers put many customers behind one address (CGNAT).
  startsPerIp: 30,
  startWindowMs: 10 * 60_000,
  socketsPerIp: 30,
  startTimeoutMs: 5 * 60_000,
};

/** WebSocket close codes the server uses (1000 normal, 1008 policy violation, 1011 server error). */
export const CLOSE = { normal: 1000, policy: 1008, error: 1011, goingAway: 1001 } as const;
