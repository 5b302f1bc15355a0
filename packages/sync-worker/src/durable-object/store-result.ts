import { TinySyncError } from '@tinysync/store';
import { ApiError, type ApiErrorCode } from '../http/api-error.js';

/**
 * What a Durable Object RPC method answers. Errors cross the RPC boundary as plain data, since
 * thrown errors lose their class and fields on the way.
 */
export type StoreResult<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: ApiErrorCode;
        readonly message: string;
        readonly details?: unknown;
      };
    };

const CODES: Partial<Record<string, ApiErrorCode>> = {
  validation_failed: 'validation_failed',
  row_not_found: 'not_found',
  row_exists: 'row_exists',
};

/** Runs a store operation, turning TinySync's typed errors into results. */
export function storeResult<T>(run: () => T): StoreResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof TinySyncError) {
      const code = CODES[error.code] ?? 'bad_request';
      const details = 'issues' in error ? error.issues : undefined;
      return {
        ok: false,
        error: { code, message: error.message, ...(details ? { details } : {}) },
      };
    }
    throw error;
  }
}

export function failure(code: ApiErrorCode, message: string): StoreResult<never> {
  return { ok: false, error: { code, message } };
}

/** The value of a successful result; a failed one becomes the ApiError the app answers with. */
export function unwrap<T>(result: StoreResult<T>): T {
  if (result.ok) return result.value;
  throw new ApiError(result.error.code, result.error.message, result.error.details);
}
