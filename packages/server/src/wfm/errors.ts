/** WfmInputError (the pure core's) → AppError (the platform's): a 400 whose details name the field. */
import { AppError } from '../platform/errors.ts';
import { WfmInputError } from './domain/errors.ts';

export function toAppError(error: unknown): unknown {
  if (error instanceof WfmInputError) return new AppError(error.code, 400, { field: error.field, message: error.message });
  return error;
}

/** Runs domain code and rethrows its input errors as AppErrors. */
export async function domain<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
}

export function invalidField(field: string, message: string): AppError {
  return new AppError('wfm.invalid_input', 400, { field, message: `${field}: ${message}` });
}

export function invalidState(message: string, details: Record<string, unknown> = {}): AppError {
  return new AppError('wfm.invalid_state', 409, { message, ...details });
}
