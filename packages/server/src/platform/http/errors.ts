import { type ErrorCode, type Locale, errorMessage } from '@seatline/shared';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';

/** The caller's language: their saved preference, else Accept-Language, else Chinese. */
export function requestLocale(request: FastifyRequest): Locale {
  if (request.actor) return request.actor.locale;
  const header = request.headers['accept-language'] ?? '';
  return /^\s*en\b/i.test(header) ? 'en' : 'zh-CN';
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, status: number, details?: unknown) {
  return reply.status(status).send({ code, message: errorMessage(code, requestLocale(request)), ...(details === undefined ? {} : { details }) });
}

/** Maps every failure to `{ code, message, details? }` with a stable code; never leaks internals. */
export function handleError(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return sendError(request, reply, error.code, error.status, error.details);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((v) => ({ path: `${error.validationContext ?? 'body'}${v.instancePath.replaceAll('/', '.')}`, message: v.message }));
    return sendError(request, reply, 'request.invalid', 400, { issues });
  }
  const fastifyError = error as FastifyError;
  const byFastifyCode: Partial<Record<string, [ErrorCode, number]>> = {
    FST_ERR_CTP_INVALID_JSON_BODY: ['request.malformed_json', 400],
    FST_ERR_CTP_EMPTY_JSON_BODY: ['request.malformed_json', 400],
    FST_ERR_CTP_BODY_TOO_LARGE: ['request.too_large', 413],
    FST_ERR_CTP_INVALID_MEDIA_TYPE: ['request.unsupported_media_type', 415],
  };
  const mapped = fastifyError.code ? byFastifyCode[fastifyError.code] : undefined;
  if (mapped) return sendError(request, reply, mapped[0], mapped[1]);
  if (fastifyError.statusCode === 429) return sendError(request, reply, 'request.rate_limited', 429);
  if (fastifyError.statusCode && fastifyError.statusCode < 500) return sendError(request, reply, 'request.invalid', fastifyError.statusCode);
  request.log.error({ err: error }, 'unhandled error');
  return sendError(request, reply, 'internal.error', 500);
}
