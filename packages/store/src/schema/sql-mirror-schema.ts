import type * as core from 'zod/v4/core';
import { isWholeNumber } from './cell-layers.js';
import type { AnySchema } from './row-types.js';
import { toTinyBaseTablesSchema } from './tinybase-tables-schema.js';

/** `JSON` columns hold object and array cells as JSON text (SQLite has no JSON storage type). */
export type SqlColumnType = 'TEXT' | 'INTEGER' | 'REAL' | 'JSON';

export interface MirrorColumn {
  readonly name: string;
  readonly type: SqlColumnType;
  /**
   * Set for a cell that may hold `null` (`.nullable()`): its SQL NULL reads back as `null`, where
   * elsewhere it means the row has no such cell. A cell both nullable and optional reads back
   * as `null` either way: one NULL cannot tell the two apart.
   */
  readonly nullable?: true;
}

/** One TinyBase table as an ordinary SQL table (Turso's mirror of the store). */
export interface MirrorTable {
  readonly name: string;
  /** The table's cells, in schema order; all nullable (optional cells, deleted cells). */
  readonly cellColumns: readonly MirrorColumn[];
}

/** Which store a row belongs to: one database serves many organizations. */
export const STORE_COLUMN = '_tinysync_store';
/** The HLC stamp of the row's last change, so the sync worker recognises its own writes. */
export const STAMP_COLUMN = '_tinysync_hlc';

/**
 * The SQL mirror of a schema: one table per TinyBase table, named the same, with `id`, one
 * column per cell (strings TEXT, whole numbers INTEGER, other numbers REAL, booleans INTEGER
 * 0/1, enums TEXT, objects and arrays JSON text), and the store id and stamp columns. The primary
 * key is (store, id).
 */
export function toMirrorTables(schema: AnySchema): MirrorTable[] {
  const tinyBaseSchema = toTinyBaseTablesSchema(schema);
  return schema.tableIds.map((tableId) => ({
    name: tableId,
    cellColumns: Object.keys(schema.tables[tableId]?.cells ?? {}).map((cellId) => {
      const cellSchema = tinyBaseSchema[tableId]?.[cellId];
      const type = sqlTypeOf(cellSchema?.type, schema.tables[tableId]?.cells[cellId]);
      return cellSchema?.allowNull === true
        ? { name: cellId, type, nullable: true as const }
        : { name: cellId, type };
    }),
  }));
}

/** `CREATE TABLE IF NOT EXISTS` for a mirror table (identifiers quoted). */
export function createMirrorTableSql(table: MirrorTable): string {
  const columns = [
    `"id" TEXT NOT NULL`,
    `"${STORE_COLUMN}" TEXT NOT NULL`,
    ...table.cellColumns.map(mirrorColumnSql),
    `"${STAMP_COLUMN}" TEXT`,
  ];
  return `CREATE TABLE IF NOT EXISTS "${table.name}" (${columns.join(', ')}, PRIMARY KEY ("${STORE_COLUMN}", "id"))`;
}

/**
 * A cell column's definition. A JSON column refuses text that is not JSON, so another service
 * writing to Turso learns at once, not when the sync worker skips its change.
 */
export function mirrorColumnSql({ name, type }: MirrorColumn): string {
  return type === 'JSON' ? `"${name}" JSON CHECK (json_valid("${name}"))` : `"${name}" ${type}`;
}

function sqlTypeOf(tinyBaseType: unknown, cellSchema: core.$ZodType | undefined): SqlColumnType {
  if (tinyBaseType === 'boolean') return 'INTEGER';
  if (tinyBaseType === 'object' || tinyBaseType === 'array') return 'JSON';
  if (tinyBaseType === 'number') {
    return cellSchema !== undefined && isWholeNumber(cellSchema) ? 'INTEGER' : 'REAL';
  }
  return 'TEXT';
}
