import type { InStatement, InValue } from '@libsql/client';
import { type MirrorTable, STAMP_COLUMN, STORE_COLUMN } from '@tinysync/store';
import { toSqlValue } from './mirror-values.js';

/** A row as the flush writes it: its cells and the stamp of its last change. */
export interface MirroredRow {
  readonly cells: Readonly<Record<string, unknown>>;
  readonly stamp: string | null;
}

/** Well under SQLite's limit of bound parameters per statement (32,766). */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts or replaces rows of a store in their mirror table, many rows per statement (one
 * statement costs one prepare, and a table with capture triggers recompiles them on every
 * prepare). Every cell column is written (NULL for an absent cell), so each Turso row is
 * exactly the store's row whatever it held.
 */
export function upsertRowsStatements(
  table: MirrorTable,
  storeId: string,
  rows: readonly (readonly [rowId: string, row: MirroredRow])[],
): InStatement[] {
  const cellNames = table.cellColumns.map((column) => column.name);
  const columns = ['id', STORE_COLUMN, ...cellNames, STAMP_COLUMN].map((name) => `"${name}"`);
  const updates = [...cellNames, STAMP_COLUMN].map((name) => `"${name}" = excluded."${name}"`);
  const placeholders = `(${columns.map(() => '?').join(', ')})`;
  return chunks(rows, Math.floor(MAX_PARAMETERS / columns.length)).map((chunk) => ({
    sql: `INSERT INTO "${table.name}" (${columns.join(', ')})
      VALUES ${chunk.map(() => placeholders).join(', ')}
      ON CONFLICT ("${STORE_COLUMN}", "id") DO UPDATE SET ${updates.join(', ')}`,
    args: chunk.flatMap(([rowId, row]): InValue[] => [
      rowId,
      storeId,
      ...cellNames.map((name) => toSqlValue(row.cells[name])),
      row.stamp,
    ]),
  }));
}

/** Deletes rows of a store from their mirror table, many per statement. */
export function deleteRowsStatements(
  table: MirrorTable,
  storeId: string,
  rowIds: readonly string[],
): InStatement[] {
  return chunks(rowIds, MAX_PARAMETERS - 1).map((chunk) => ({
    sql: `DELETE FROM "${table.name}" WHERE "${STORE_COLUMN}" = ? AND "id" IN (${chunk.map(() => '?').join(', ')})`,
    args: [storeId, ...chunk],
  }));
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}
