import { type AnySchema, cellIssue, rowIdIssue } from '@tinysync/store';
import { DELETED_ON_THE_WIRE, decodeJsonCell, MALFORMED_JSON_CELL } from '@tinysync/store/protocol';
import { cellLengthIssue } from './cell-length.js';
import type { CellPolicy, DroppedCell } from './filter-changes.js';

/** What one connection may write, decided when it was authenticated. */
export interface WriteAccess {
  readonly readOnly: boolean;
  /** Tables the connection's role may write (from the schema's table permissions). */
  readonly writableTables: readonly string[];
}

/** Whether the schema has this cell: the server's copy can hold (and put back) only those. */
export function isSchemaCell(schema: AnySchema, tableId: string, cellId: string): boolean {
  return (
    Object.hasOwn(schema.rowSchemas, tableId) &&
    Object.hasOwn(schema.rowSchemas[tableId]?.shape ?? {}, cellId)
  );
}

export function mayWriteTable(access: WriteAccess, tableId: string): boolean {
  return !access.readOnly && access.writableTables.includes(tableId);
}

/**
 * Whether the server puts its value back over this dropped cell: one it could hold (an id it
 * accepts, a schema cell) and refused for good, not held back.
 */
export function isCorrectableCell(schema: AnySchema, cell: DroppedCell): boolean {
  const { tableId, rowId, cellId, heldBack } = cell;
  return !heldBack && rowIdIssue(rowId) === undefined && isSchemaCell(schema, tableId, cellId);
}

/**
 * The server's check of every incoming cell: the ids are ones the server accepts, the connection
 * may write the table, the cell exists, and the value (an object or array decoded first) passes
 * the schema. Deletions need only
 * write access. Ids come first: a cell with an id the server could never hold is refused as such,
 * whoever sent it, so nothing (no correction either) is ever kept under it.
 */
export function createCellPolicy(
  schema: AnySchema,
  access: WriteAccess,
  maxCellChars: number,
): CellPolicy {
  const writable = new Set(access.writableTables);
  return (tableId, rowId, cellId, value) => {
    const idIssue = rowIdIssue(rowId);
    if (idIssue !== undefined) return `invalid row id: ${idIssue}`;
    if (!Object.hasOwn(schema.rowSchemas, tableId)) return `unknown table '${tableId}'`;
    if (access.readOnly) return 'read-only connection';
    if (!writable.has(tableId)) return `this role may not write '${tableId}'`;
    if (value === DELETED_ON_THE_WIRE) {
      return isSchemaCell(schema, tableId, cellId) ? undefined : `unknown cell '${cellId}'`;
    }
    // Object and array cells arrive as TinyBase's encoded JSON text: measured as such, judged
    // as the value every replica decodes it to.
    const lengthIssue = cellLengthIssue(value, maxCellChars);
    if (lengthIssue !== undefined) return lengthIssue;
    const decoded = decodeJsonCell(value);
    if (decoded === MALFORMED_JSON_CELL) return 'malformed JSON cell';
    return cellIssue(schema, tableId, cellId, decoded);
  };
}
