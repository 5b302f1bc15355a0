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
 * never. A row the server has is refused, and its values put back, when the change makes it
 * worse (`worseningIssue`): a row the server already holds invalid (stored before rows were checked,
 * or before the schema gained a required cell) may still be edited. Stamps are not compared: a
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
    const issue =
      current === undefined
        ? result.error.issues[0]
        : worseningIssue(rowSchema, current, result.error.issues, cells);
    if (issue === undefined) return undefined;
    const cellId = typeof issue.path[0] === 'string' ? `'${issue.path[0]}' ` : '';
    return {
      reason: `the row would be invalid: ${cellId}${issue.message}`,
      // A row deleted on the server is refused and its deletion put back: a later edit of some
      // of its cells must not bring it back half (a deleted row never comes back).
      heldBack: current === undefined && !isKnownRow(tableId, rowId),
    };
  };
}

type RowSchema = NonNullable<AnySchema['rowSchemas'][string]>;
interface Issue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * The issue that shows a change leaves a row the server holds worse than it was, if it does:
 * the row was valid, or a cell the change brings (set or deleted) has an issue it did not have,
 * or the row has more issues. Edits of other cells of a row that is already invalid are taken:
 * refusing them would put back every edit of that row, for good.
 */
function worseningIssue(
  rowSchema: RowSchema,
  current: Readonly<Record<string, unknown>>,
  issuesAfter: readonly Issue[],
  cells: Readonly<Record<string, unknown>>,
): Issue | undefined {
  const before = rowSchema.safeParse(current);
  if (before.success) return issuesAfter[0];
  const cellsWithIssues = new Set(before.error.issues.map(({ path }) => path[0]));
  const isNew = ({ path }: Issue) => !cellsWithIssues.has(path[0]);
  const newOnChangedCell = issuesAfter.find(
    (issue) => isNew(issue) && Object.hasOwn(cells, String(issue.path[0])),
  );
  if (newOnChangedCell !== undefined) return newOnChangedCell;
  if (issuesAfter.length <= before.error.issues.length) return undefined;
  return issuesAfter.find(isNew) ?? issuesAfter[0];
}
