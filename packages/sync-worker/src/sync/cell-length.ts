/**
 * The longest cell the server stores, in UTF-16 code units (JavaScript's `length`): a text
 * cell's own length, an object or array cell's as JSON text. Sync and the HTTP API both refuse
 * longer cells through `cellLengthIssue`, so a value one path accepts is never one the other
 * drops.
 */
export const MAX_CELL_CHARS = 100_000;

/**
 * Why a cell value is too long to store, or `undefined` when it is not. An object or array is
 * measured as the JSON TinyBase stores it; on the wire it already is that text (see
 * `encodeJsonCell`), so both arrive at the same length.
 */
export function cellLengthIssue(value: unknown, maxChars = MAX_CELL_CHARS): string | undefined {
  const length =
    typeof value === 'string'
      ? value.length
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value).length
        : 0;
  return length > maxChars ? `value longer than ${maxChars} characters` : undefined;
}
