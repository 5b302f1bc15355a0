import type { HranaError } from './hrana-types.ts';

/** SQLite's primary result code names are one word: `SQLITE_CONSTRAINT`, `SQLITE_BUSY`, … */
const PRIMARY_SQLITE_CODE = /^SQLITE_[A-Z]+/;

/**
 * An engine or request error as Hrana reports it; `@libsql/client` turns it into a LibsqlError.
 *
 * sqld puts SQLite's primary code in a Hrana error (`SQLITE_CONSTRAINT`) and has no field for the
 * extended one, which the engine reports (`SQLITE_CONSTRAINT_PRIMARYKEY`); `@libsql/client`
 * over HTTP copies `code` and leaves `extendedCode` unset. So the extended code is cut to its
 * primary one, and the message still says which constraint failed.
 */
export function toHranaError(error: unknown): HranaError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string') return { message: error.message };
    return { message: error.message, code: PRIMARY_SQLITE_CODE.exec(code)?.[0] ?? code };
  }
  return { message: String(error) };
}
