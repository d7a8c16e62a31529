import type { ErrorCode } from '@seatline/shared';

/**
 * The one error type. `code` is stable and doubles as the i18n key of the message, so clients can
 * rely on it and the HTTP layer can answer in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }
}

export const notFound = (details?: unknown) => new AppError('resource.not_found', 404, details);
export const forbidden = (details?: unknown) => new AppError('auth.forbidden', 403, details);
export const conflict = (details?: unknown) => new AppError('resource.conflict', 409, details);
export const invalid = (details?: unknown) => new AppError('request.invalid', 400, details);
