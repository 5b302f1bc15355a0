import { MESSAGE, SERVER_CLIENT_ID } from '@tinysync/store/protocol';
import type { MergeableStore, TablesSchema } from 'tinybase';
import { writeCellStamps } from '../persistence/incremental-sql-persister.js';
import type { MergeableChangesOrContent } from '../persistence/mergeable-stamps.js';
import { createDroppedCellCorrector } from '../sync/dropped-cell-correction.js';
import type { DroppedCell } from '../sync/filter-changes.js';
import { toFragments } from '../sync/fragments.js';
import { toWireJson } from '../sync/stamps.js';
import { sendToEach } from './sockets.js';

export interface DroppedCellRestorerOptions {
  readonly tablesSchema: TablesSchema;
  /** The server copy as a plain MergeableStore; undefined before it exists. */
  readonly store: () => MergeableStore | undefined;
  readonly sql: () => SqlStorage;
  /** Records the correction for Turso, as the persister does for every change. */
  readonly recordChanges: (changes: MergeableChangesOrContent) => void;
  readonly sockets: () => readonly WebSocket[];
  readonly fragmentBytes: number;
}

/**
 * Re-stamps the server's values over cells it dropped, and tells every client at once (see
 * dropped-cell-correction.ts for why). Done by hand rather than left to TinyBase: a deletion of
 * a cell the server never had (a viewer's new row) is in no transaction's changes, so TinyBase
 * would neither save nor send it.
 */
export function createDroppedCellRestorer(
  options: DroppedCellRestorerOptions,
): (dropped: readonly DroppedCell[]) => void {
  const { tablesSchema } = options;
  const correctDroppedCells = createDroppedCellCorrector({
    isKnownCell: (tableId, cellId) =>
      Object.hasOwn(tablesSchema, tableId) && Object.hasOwn(tablesSchema[tableId] ?? {}, cellId),
    currentCell: (tableId, rowId, cellId) => options.store()?.getCell(tableId, rowId, cellId),
  });
  return (dropped) => {
    const correction = correctDroppedCells(dropped);
    const store = options.store();
    if (correction === undefined || store === undefined) return;
    store.applyMergeableChanges(correction);
    const stamps = correction as unknown as MergeableChangesOrContent;
    writeCellStamps(options.sql(), store, stamps);
    options.recordChanges(stamps);
    const message = toWireJson([null, MESSAGE.contentDiff, correction]);
    const fragments = toFragments(message, options.fragmentBytes);
    sendToEach(
      options.sockets(),
      fragments.map((fragment) => `${SERVER_CLIENT_ID}\n${fragment}`),
    );
  };
}
