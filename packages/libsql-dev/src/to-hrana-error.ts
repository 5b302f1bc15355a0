import type { HranaError } from './hrana-types.ts';

/** An engine or request error as Hrana reports it; `@libsql/client` turns it into a LibsqlError. */
export function toHranaError(error: unknown): HranaError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { message: String(error) };
}
