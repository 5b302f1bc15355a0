import type { AnySchema } from '@tinysync/store';
import type { RowPolicy } from './filter-changes.js';
import { rowWithCells } from './row-with-cells.js';

/** A row as the server holds it, or will once what it has queued is applied. */
export type CurrentRow = (tableId: string, rowId: string) => Record<string, unknown> | undefined;
/** Whether the server has ever had the row: live, or deleted (its tombstones). */
export type IsKnownRow = (tableId: string, rowId: string) => boolean;

/**
 * The server's check of each row a client's change touches, as a whole: the row the change
 * would leave must be gone (no cells) or pass the table's schema. Cell-by-cell checks alone let
 * a client delete a required cell, or create a row without one, and the row reached Turso broken
 * (every later HTTP update of it failed).
 *
 * The change is laid over the row as the server has it, with what it has queued but not applied
 * yet (`currentRow`), so a row created in one message and changed in the next is judged whole.
 * A row the server has never had (not even deleted) is held back rather than refused: a client's messages
 * can arrive out of order (TinyBase drops a change made while it loads and offers it again
 * later), so the cells that complete the row may still come. Nothing is put back over held-back
 * cells: the row lands whole at a later sync round, or, from a client that never completes it,
 * never. A row the server has is refused, and its values put back. Stamps are not compared: a
 * cell the merge would keep from the server's side is judged by the incoming one, which can only
 * refuse more, never less.
 */
export function createRowPolicy(
  schema: AnySchema,
  currentRow: CurrentRow,
  isKnownRow: IsKnownRow,
): RowPolicy {
  return (tableId, rowId, cells) => {
    const rowSchema = Object.hasOwn(schema.rowSchemas, tableId)
      ? schema.rowSchemas[tableId]
      : undefined;
    if (rowSchema === undefined) return { reason: `unknown table '${tableId}'`, heldBack: false };
    const current = currentRow(tableId, rowId);
    const row = rowWithCells(current, cells);
    if (Object.keys(row).length === 0) return undefined;
    const result = rowSchema.safeParse(row);
    if (result.success) return undefined;
    const issue = result.error.issues[0];
    const cellId = typeof issue?.path[0] === 'string' ? `'${issue.path[0]}' ` : '';
    return {
      reason: `the row would be invalid: ${cellId}${issue?.message ?? 'invalid row'}`,
      // A row deleted on the server is refused and its deletion put back: a later edit of some
      // of its cells must not bring it back half (a deleted row never comes back).
      heldBack: current === undefined && !isKnownRow(tableId, rowId),
    };
  };
}
