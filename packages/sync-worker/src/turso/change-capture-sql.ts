import { type MirrorTable, STORE_COLUMN } from '@tinysync/store';

/** The change log: every write to a mirror table that did not come from the sync worker. */
export const CHANGES_TABLE = '_tinysync_changes';
/**
 * Holds one row only while a sync-worker flush transaction runs. The capture triggers skip
 * writes made while it exists, so the worker's own writes never come back as changes. It is
 * inserted and deleted inside the flush transaction, so no other connection ever sees it.
 */
export const WRITER_TABLE = '_tinysync_writer';

export const CREATE_CHANGE_LOG = [
  `CREATE TABLE IF NOT EXISTS "${CHANGES_TABLE}" (
    "seq" INTEGER PRIMARY KEY AUTOINCREMENT,
    "store" TEXT NOT NULL,
    "table_name" TEXT NOT NULL,
    "row_id" TEXT NOT NULL,
    "op" TEXT NOT NULL CHECK ("op" IN ('upsert', 'delete')),
    "cells" TEXT,
    "changed" TEXT,
    "changed_at" INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS "${CHANGES_TABLE}_by_store" ON "${CHANGES_TABLE}" ("store", "seq")`,
  `CREATE TABLE IF NOT EXISTS "${WRITER_TABLE}" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1))`,
];

/** Statements that open and close a flush transaction's "these writes are ours" window. */
export const BEGIN_OWN_WRITES = `INSERT OR REPLACE INTO "${WRITER_TABLE}" ("id") VALUES (1)`;
export const END_OWN_WRITES = `DELETE FROM "${WRITER_TABLE}"`;

const NOT_OWN_WRITE = `NOT EXISTS (SELECT 1 FROM "${WRITER_TABLE}")`;
// Milliseconds since the epoch, in any SQLite version (unixepoch('subsec') needs 3.42).
const NOW_MS = `CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)`;

const triggerName = (table: MirrorTable, event: string) =>
  `_tinysync_capture_${table.name}_${event}`;

/**
 * Triggers that log each insert, update and delete on a mirror table made by anyone but the
 * sync worker. An upsert logs every cell's new value plus, for an update, which cells changed,
 * so the worker applies exactly the cells another service wrote even if a later flush has
 * overwritten the row since. They name every cell column, so they are recreated whenever the
 * table gains one.
 */
export function captureTriggersSql(table: MirrorTable): string[] {
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const literal = (name: string) => `'${name.replaceAll("'", "''")}'`;
  const newCells = `json_object(${table.cellColumns
    .map((column) => `${literal(column.name)}, NEW.${quoted(column.name)}`)
    .join(', ')})`;
  const changedCells = `json_array(${table.cellColumns
    .map(
      (column) =>
        `CASE WHEN NEW.${quoted(column.name)} IS NOT OLD.${quoted(column.name)} THEN ${literal(column.name)} END`,
    )
    .join(', ')})`;
  const log = (row: 'NEW' | 'OLD', op: 'upsert' | 'delete', cells: string, changed: string) =>
    `INSERT INTO "${CHANGES_TABLE}" ("store", "table_name", "row_id", "op", "cells", "changed", "changed_at")
      SELECT ${row}."${STORE_COLUMN}", ${literal(table.name)}, ${row}."id", '${op}', ${cells}, ${changed}, ${NOW_MS}`;
  const keyChanged = `OLD."id" IS NOT NEW."id" OR OLD."${STORE_COLUMN}" IS NOT NEW."${STORE_COLUMN}"`;
  const on = quoted(table.name);
  return [
    ...['insert', 'update', 'delete'].map(
      (event) => `DROP TRIGGER IF EXISTS "${triggerName(table, event)}"`,
    ),
    `CREATE TRIGGER "${triggerName(table, 'insert')}" AFTER INSERT ON ${on} WHEN ${NOT_OWN_WRITE}
     BEGIN ${log('NEW', 'upsert', newCells, 'NULL')}; END`,
    `CREATE TRIGGER "${triggerName(table, 'update')}" AFTER UPDATE ON ${on} WHEN ${NOT_OWN_WRITE}
     BEGIN
       ${log('OLD', 'delete', 'NULL', 'NULL')} WHERE ${keyChanged};
       ${log('NEW', 'upsert', newCells, `CASE WHEN ${keyChanged} THEN NULL ELSE ${changedCells} END`)};
     END`,
    `CREATE TRIGGER "${triggerName(table, 'delete')}" AFTER DELETE ON ${on} WHEN ${NOT_OWN_WRITE}
     BEGIN ${log('OLD', 'delete', 'NULL', 'NULL')}; END`,
  ];
}

/** The capture triggers a table must have; a missing one means they need (re)creating. */
export function captureTriggerNames(table: MirrorTable): string[] {
  return ['insert', 'update', 'delete'].map((event) => triggerName(table, event));
}
