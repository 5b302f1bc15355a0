import { MESSAGE, SERVER_CLIENT_ID } from '@tinysync/store/protocol';
import type { MergeableChanges, MergeableStore, TablesSchema } from 'tinybase';
import { writeCellStamps } from '../persistence/incremental-sql-persister.js';
import type { MergeableChangesOrContent } from '../persistence/mergeable-stamps.js';
import {
  createDroppedCellCorrector,
  MAX_CORRECTIONS_PER_BATCH,
} from '../sync/dropped-cell-correction.js';
import type { DroppedCell } from '../sync/filter-changes.js';
import { toFragments } from '../sync/fragments.js';
import { toWireJson } from '../sync/stamps.js';
import { sendToEach } from './sockets.js';

/** Cells dropped from one client's message, and what that client may write. */
export interface DroppedFromSender {
  readonly dropped: readonly DroppedCell[];
  readonly sender: WebSocket;
  /** Whether the sender may write rows of this table (so could have created the row itself). */
  readonly mayWrite: (tableId: string) => boolean;
}

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
 * Re-stamps the server's values over cells it dropped (see dropped-cell-correction.ts for why).
 *
 * Where the server holds the row, or the sender could have created it (it may write the table),
 * the correction is the store's: applied, saved, mirrored and sent to every client. Done by
 * hand rather than left to TinyBase: a deletion of a cell the server never had is in no
 * transaction's changes, so TinyBase would neither save nor send it.
 *
 * A row the server does not hold, from a sender that may not write its table (a viewer's new
 * row), is corrected on the sender alone: kept, it would let anyone who can read a store plant
 * rows of tombstones in it for good. Such a sender's copy keeps the tombstones the server does
 * not have, which is the price of its refused write (TinySync's client refuses such writes up
 * front, with `ReadOnlyError`). A dropped deletion of such a row needs nothing put back.
 */
export function createDroppedCellRestorer(
  options: DroppedCellRestorerOptions,
): (from: DroppedFromSender) => void {
  const { tablesSchema } = options;
  const correctDroppedCells = createDroppedCellCorrector({
    isKnownCell: (tableId, cellId) =>
      Object.hasOwn(tablesSchema, tableId) && Object.hasOwn(tablesSchema[tableId] ?? {}, cellId),
    currentCell: (tableId, rowId, cellId) => options.store()?.getCell(tableId, rowId, cellId),
  });
  const send = (sockets: readonly WebSocket[], correction: MergeableChanges) => {
    const message = toWireJson([null, MESSAGE.contentDiff, correction]);
    const fragments = toFragments(message, options.fragmentBytes);
    sendToEach(
      sockets,
      fragments.map((fragment) => `${SERVER_CLIENT_ID}\n${fragment}`),
    );
  };
  return ({ dropped, sender, mayWrite }) => {
    const store = options.store();
    if (store === undefined) return;
    const isShared = (cell: DroppedCell) =>
      store.hasRow(cell.tableId, cell.rowId) || mayWrite(cell.tableId);
    // A dropped deletion of a row only its sender had needs nothing put back; the rest, in
    // bounded batches (the sender offers what is left again at its next sync round).
    const needed = dropped
      .filter((cell) => !cell.deletion || isShared(cell))
      .slice(0, MAX_CORRECTIONS_PER_BATCH);
    const shared = correctDroppedCells(needed.filter(isShared));
    if (shared !== undefined) {
      store.applyMergeableChanges(shared);
      const stamps = shared as unknown as MergeableChangesOrContent;
      writeCellStamps(options.sql(), store, stamps);
      options.recordChanges(stamps);
      send(options.sockets(), shared);
    }
    const senderOnly = correctDroppedCells(needed.filter((cell) => !isShared(cell)));
    if (senderOnly !== undefined) send([sender], senderOnly);
  };
}
