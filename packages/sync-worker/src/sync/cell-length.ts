/**
 * The longest text cell the server stores, in UTF-16 code units (JavaScript's `length`).
 * Sync and the HTTP API both refuse longer cells through `cellLengthIssue`, so a value one
 * path accepts is never one the other drops.
 */
export const MAX_CELL_CHARS = 100_000;

/** Why a cell value is too long to store, or `undefined` when it is not. */
export function cellLengthIssue(value: unknown, maxChars = MAX_CELL_CHARS): string | undefined {
  return typeof value === 'string' && value.length > maxChars
    ? `value longer than ${maxChars} characters`
    : undefined;
}
