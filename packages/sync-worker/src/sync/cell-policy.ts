import { type AnySchema, cellIssue } from '@tinysync/store';
import { DELETED_ON_THE_WIRE } from '@tinysync/store/protocol';
import { cellLengthIssue } from './cell-length.js';
import type { CellPolicy } from './filter-changes.js';

/** What one connection may write, decided when it was authenticated. */
export interface WriteAccess {
  readonly readOnly: boolean;
  /** Tables the connection's role may write (from the schema's table permissions). */
  readonly writableTables: readonly string[];
}

const MAX_ROW_ID_CHARS = 256;

/** Whether the schema has this cell: the server's copy can hold (and put back) only those. */
export function isSchemaCell(schema: AnySchema, tableId: string, cellId: string): boolean {
  return (
    Object.hasOwn(schema.rowSchemas, tableId) &&
    Object.hasOwn(schema.rowSchemas[tableId]?.shape ?? {}, cellId)
  );
}

/**
 * The server's check of every incoming cell: the connection may write the table, the table
 * and cell exist, and the value passes the schema. Deletions need only write access.
 */
export function createCellPolicy(
  schema: AnySchema,
  access: WriteAccess,
  maxCellChars: number,
): CellPolicy {
  const writable = new Set(access.writableTables);
  return (tableId, rowId, cellId, value) => {
    if (access.readOnly) return 'read-only connection';
    if (!Object.hasOwn(schema.rowSchemas, tableId)) return `unknown table '${tableId}'`;
    if (!writable.has(tableId)) return `this role may not write '${tableId}'`;
    if (rowId.length === 0 || rowId.length > MAX_ROW_ID_CHARS) return 'invalid row id';
    if (value === DELETED_ON_THE_WIRE) {
      return isSchemaCell(schema, tableId, cellId) ? undefined : `unknown cell '${cellId}'`;
    }
    return cellLengthIssue(value, maxCellChars) ?? cellIssue(schema, tableId, cellId, value);
  };
}
