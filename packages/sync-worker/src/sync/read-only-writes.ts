import type { DroppedCell } from './filter-changes.js';

/**
 * Messages with refused writes a read-only connection may send before it is closed
 * (`CLOSE.readOnlyWrites`). The server tells a read-only connection so as it opens, and
 * TinySync's client stops sending writes once told; but edits made before (offline, while the
 * session could still write) come back in answer to the server's first requests, in a few
 * messages. A client that keeps writing after that is not honouring the notice: each of its
 * messages would make the server put values back and tell every client.
 */
export const READ_ONLY_WRITE_MESSAGES_TOLERATED = 10;

/**
 * Whether a read-only connection's dropped cells were an attempt to change something: a value,
 * or the deletion of a row the server holds. Deleting a row the server never had changes
 * nothing (the server has nothing to put back) and is not held against the client: it is what
 * a client still holding the tombstones of its own refused rows sends in every sync round.
 */
export function isAttemptedChange(
  dropped: readonly DroppedCell[],
  isHeldRow: (tableId: string, rowId: string) => boolean,
): boolean {
  return dropped.some((cell) => !cell.deletion || isHeldRow(cell.tableId, cell.rowId));
}
