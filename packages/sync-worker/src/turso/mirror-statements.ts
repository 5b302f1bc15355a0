import type { InStatement } from '@libsql/client';
import { type MirrorTable, STAMP_COLUMN, STORE_COLUMN } from '@tinysync/store';
import { toSqlValue } from './mirror-values.ts';

/** A row as the flush writes it: its cells and the stamp of its last change. */
export interface MirroredRow {
  readonly cells: Readonly<Record<string, unknown>>;
  readonly stamp: string | null;
}

/**
 * Inserts or replaces one row of a store in its mirror table. Every cell column is written
 * (NULL for an absent cell), so the Turso row is exactly the store's row whatever it held.
 */
export function upsertRowStatement(
  table: MirrorTable,
  storeId: string,
  rowId: string,
  row: MirroredRow,
): InStatement {
  const cellNames = table.cellColumns.map((column) => column.name);
  const columns = ['id', STORE_COLUMN, ...cellNames, STAMP_COLUMN].map((name) => `"${name}"`);
  const updates = [...cellNames, STAMP_COLUMN].map((name) => `"${name}" = excluded."${name}"`);
  return {
    sql: `INSERT INTO "${table.name}" (${columns.join(', ')})
      VALUES (${columns.map(() => '?').join(', ')})
      ON CONFLICT ("${STORE_COLUMN}", "id") DO UPDATE SET ${updates.join(', ')}`,
    args: [rowId, storeId, ...cellNames.map((name) => toSqlValue(row.cells[name])), row.stamp],
  };
}

export function deleteRowStatement(
  table: MirrorTable,
  storeId: string,
  rowId: string,
): InStatement {
  return {
    sql: `DELETE FROM "${table.name}" WHERE "${STORE_COLUMN}" = ? AND "id" = ?`,
    args: [storeId, rowId],
  };
}
