/**
 * The SQL that keeps a MergeableStore in Durable Object SQLite as one row per cell stamp
 * (value as JSON, NULL for a deleted cell, + HLC time), so saving a change touches only the
 * cells it changed.
 * Row-, table- and tables-level times live in `tinysync_times` (empty ids for the upper levels).
 */
export const CREATE_CELL_STAMP_TABLES = [
  `CREATE TABLE IF NOT EXISTS tinysync_cells (
     table_id TEXT NOT NULL, row_id TEXT NOT NULL, cell_id TEXT NOT NULL,
     value TEXT, time TEXT NOT NULL,
     PRIMARY KEY (table_id, row_id, cell_id)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS tinysync_values (
     value_id TEXT NOT NULL PRIMARY KEY, value TEXT, time TEXT NOT NULL) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS tinysync_times (
     table_id TEXT NOT NULL, row_id TEXT NOT NULL, time TEXT NOT NULL,
     PRIMARY KEY (table_id, row_id)) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS tinysync_meta (
     key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID`,
];

export const UPSERT_CELL = `INSERT INTO tinysync_cells (table_id, row_id, cell_id, value, time)
  VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (table_id, row_id, cell_id) DO UPDATE SET value = excluded.value, time = excluded.time`;

export const UPSERT_VALUE = `INSERT INTO tinysync_values (value_id, value, time) VALUES (?, ?, ?)
  ON CONFLICT (value_id) DO UPDATE SET value = excluded.value, time = excluded.time`;

export const UPSERT_TIME = `INSERT INTO tinysync_times (table_id, row_id, time) VALUES (?, ?, ?)
  ON CONFLICT (table_id, row_id) DO UPDATE SET time = excluded.time`;

export const UPSERT_META = `INSERT INTO tinysync_meta (key, value) VALUES (?, ?)
  ON CONFLICT (key) DO UPDATE SET value = excluded.value`;

export const SELECT_CELLS = 'SELECT table_id, row_id, cell_id, value, time FROM tinysync_cells';
export const SELECT_VALUES = 'SELECT value_id, value, time FROM tinysync_values';
export const SELECT_TIMES = 'SELECT table_id, row_id, time FROM tinysync_times';
export const SELECT_META = 'SELECT value FROM tinysync_meta WHERE key = ?';

/** The stamp of a row's latest cell change (deletions included). */
export const SELECT_ROW_TIME =
  'SELECT MAX(time) AS time FROM tinysync_cells WHERE table_id = ? AND row_id = ?';
