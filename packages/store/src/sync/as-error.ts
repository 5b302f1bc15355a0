/** What was thrown, as an Error for the status snapshot. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
