import type { MergeableStore } from 'tinybase';
import { createCustomPersister, type Persister, type Persists } from 'tinybase/persisters';
import {
  CREATE_CELL_STAMP_TABLES,
  SELECT_CELLS,
  SELECT_META,
  SELECT_TIMES,
  SELECT_VALUES,
  UPSERT_CELL,
  UPSERT_META,
  UPSERT_TIME,
  UPSERT_VALUE,
} from './cell-stamps-sql.js';
import {
  ensureStamp,
  idRecord,
  type MergeableChangesOrContent,
  type Stamp,
  type TableStamps,
} from './mergeable-stamps.js';

const MERGEABLE_STORE_ONLY = 2 as Persists.MergeableStoreOnly;
const CONTENT_HASHES_KEY = 'content_hashes';

/**
 * Persists a MergeableStore in Durable Object SQLite, one row per cell stamp.
 *
 * TinyBase's stock SQL persister rewrites the store on every save, so a change costs O(store)
 * (measured: 17 ms at 10k rows, 121 ms at 50k). This one writes only the stamps a transaction
 * changed, which TinyBase hands to `setPersisted` on auto-save; loading rebuilds the store by
 * applying every stamp as mergeable changes, so TinyBase recomputes the hashes itself.
 */
export interface IncrementalSqlPersisterOptions {
  readonly onIgnoredError?: (error: unknown) => void;
  /** Where a store with no stamps here starts from, e.g. the database of record. */
  readonly loadWhenEmpty?: () => Promise<MergeableChangesOrContent | undefined>;
  /**
   * Called with each transaction's changes right after they are written, in the same
   * synchronous step, so what it records (an outbox) is stored together with the change.
   */
  readonly onChangesSaved?: (changes: MergeableChangesOrContent) => void;
}

export function createIncrementalSqlPersister(
  store: MergeableStore,
  sql: SqlStorage,
  { onIgnoredError, loadWhenEmpty, onChangesSaved }: IncrementalSqlPersisterOptions = {},
): Persister<Persists.MergeableStoreOnly> {
  for (const statement of CREATE_CELL_STAMP_TABLES) sql.exec(statement);

  const storedHashes = () =>
    sql.exec<{ value: string }>(SELECT_META, CONTENT_HASHES_KEY).toArray()[0]?.value;
  const currentHashes = () => JSON.stringify(store.getMergeableContentHashes());
  const writeStamps = (changes: MergeableChangesOrContent) => writeCellStamps(sql, store, changes);

  const readStamps = (): MergeableChangesOrContent | undefined => {
    const tables: TableStamps = idRecord();
    let stampCount = 0;
    for (const { table_id, row_id, cell_id, value, time } of sql.exec<{
      table_id: string;
      row_id: string;
      cell_id: string;
      value: string | null;
      time: string;
    }>(SELECT_CELLS)) {
      const table = ensureStamp(tables, table_id);
      const row = ensureStamp(table[0], row_id);
      row[0][cell_id] = [fromColumn(value), time];
      stampCount++;
    }
    const values = idRecord<Stamp<unknown>>();
    for (const { value_id, value, time } of sql.exec<{
      value_id: string;
      value: string;
      time: string;
    }>(SELECT_VALUES)) {
      values[value_id] = [fromColumn(value), time];
      stampCount++;
    }
    if (stampCount === 0) return undefined;
    let tablesTime = '';
    let valuesTime = '';
    for (const { table_id, row_id, time } of sql.exec<{
      table_id: string;
      row_id: string;
      time: string;
    }>(SELECT_TIMES)) {
      if (table_id === '') tablesTime = time;
      else if (table_id === '\u0000values') valuesTime = time;
      else if (row_id === '') {
        const table = tables[table_id];
        if (table) table[1] = time;
      } else {
        const row = tables[table_id]?.[0][row_id];
        if (row) row[1] = time;
      }
    }
    return [[tables, tablesTime], [values, valuesTime], 1];
  };

  return createCustomPersister(
    store,
    async () => (readStamps() ?? (await loadWhenEmpty?.())) as never,
    async (getContent, changes) => {
      if (changes !== undefined) {
        writeStamps(changes as unknown as MergeableChangesOrContent);
        onChangesSaved?.(changes as unknown as MergeableChangesOrContent);
      } else if (storedHashes() !== currentHashes()) {
        // A full save (e.g. the first one after loading) only writes when something is new.
        writeStamps(getContent() as unknown as MergeableChangesOrContent);
      }
    },
    () => undefined,
    () => undefined,
    onIgnoredError,
    MERGEABLE_STORE_ONLY,
  );
}

/**
 * Writes stamps to the store's SQL tables, with its content hashes. The persister writes each
 * transaction's changes; the Durable Object also writes stamps TinyBase reports in no
 * transaction's changes (a deletion of a cell the store never had changes nothing visible, yet
 * counts in the hashes).
 */
export function writeCellStamps(
  sql: SqlStorage,
  store: MergeableStore,
  [[tables, tablesTime], [values, valuesTime]]: MergeableChangesOrContent,
): void {
  // Upper-level times are empty in practice; only a real time is worth a row.
  const writeTime = (tableId: string, rowId: string, time: string) => {
    if (time !== '') sql.exec(UPSERT_TIME, tableId, rowId, time);
  };
  writeTime('', '', tablesTime);
  for (const [tableId, [rows, tableTime]] of Object.entries(tables)) {
    writeTime(tableId, '', tableTime);
    for (const [rowId, [cells, rowTime]] of Object.entries(rows)) {
      writeTime(tableId, rowId, rowTime);
      for (const [cellId, [value, time]] of Object.entries(cells)) {
        sql.exec(UPSERT_CELL, tableId, rowId, cellId, toColumn(value), time);
      }
    }
  }
  writeTime('\u0000values', '', valuesTime);
  for (const [valueId, [value, time]] of Object.entries(values)) {
    sql.exec(UPSERT_VALUE, valueId, toColumn(value), time);
  }
  sql.exec(UPSERT_META, CONTENT_HASHES_KEY, JSON.stringify(store.getMergeableContentHashes()));
}

/**
 * In TinyBase's encoded changes a deleted cell is `undefined` and `null` is a value, so a
 * deletion is stored as SQL NULL and every value as JSON.
 */
function toColumn(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function fromColumn(column: string | null): unknown {
  return column === null ? undefined : JSON.parse(column);
}
