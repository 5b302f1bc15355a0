import { applyEncodedChanges } from '@tinysync/store';
import {
  CORRECTION_REQUEST_ID,
  encodeJsonCell,
  MESSAGE,
  SERVER_CLIENT_ID,
} from '@tinysync/store/protocol';
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
  /** Whether the sender may write rows of this table. */
  readonly mayWrite: (tableId: string) => boolean;
  /** A row as the server holds it, changes it has queued included; undefined when it has none. */
  readonly currentRow: (tableId: string, rowId: string) => Record<string, unknown> | undefined;
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
 * Re-stamps the server's values over cells it dropped (see dropped-cell-correction.ts for why),
 * as the server holds them with what it has queued (a change queued but not applied yet must
 * not be undone by the correction of the next one).
 *
 * Where the sender may write the table, the correction is the store's: applied, saved, mirrored
 * and sent to every client (it could have written those values itself). Done by hand rather than
 * left to TinyBase: a deletion of a cell the server never had is in no transaction's changes,
 * so TinyBase would neither save nor send it.
 *
 * Where it may not (a viewer; a role the table's permissions leave out), the correction goes to
 * the sender alone and nothing is stored: otherwise anyone who can read a store could plant rows
 * of tombstones in it, or re-stamp others' cells. A dropped deletion of a row the server does not
 * hold needs nothing put back. The sender's copy then holds stamps the server does not; TinySync's
 * client, read-only, replaces its copy with the server's (local-copy-repair.ts), and refuses
 * such writes up front with `ReadOnlyError`.
 */
export function createDroppedCellRestorer(
  options: DroppedCellRestorerOptions,
): (from: DroppedFromSender) => void {
  const { tablesSchema } = options;
  const isKnownCell = (tableId: string, cellId: string) =>
    Object.hasOwn(tablesSchema, tableId) && Object.hasOwn(tablesSchema[tableId] ?? {}, cellId);
  const send = (sockets: readonly WebSocket[], correction: MergeableChanges) => {
    // Marked as a correction, so the sender's client can tell its write was refused.
    const message = toWireJson([CORRECTION_REQUEST_ID, MESSAGE.contentDiff, correction]);
    const fragments = toFragments(message, options.fragmentBytes);
    sendToEach(
      sockets,
      fragments.map((fragment) => `${SERVER_CLIENT_ID}\n${fragment}`),
    );
  };
  return (from) => {
    const store = options.store();
    if (store === undefined) return;
    const { dropped, sender, mayWrite, currentRow } = from;
    const correctDroppedCells = createDroppedCellCorrector({
      isKnownCell,
      currentCell: (tableId, rowId, cellId) => {
        const row = currentRow(tableId, rowId);
        // As TinyBase stamps and sends it: an object or array cell as encoded JSON text.
        return row !== undefined && Object.hasOwn(row, cellId)
          ? (encodeJsonCell(row[cellId]) as never)
          : undefined;
      },
    });
    const isHeld = (cell: DroppedCell) => currentRow(cell.tableId, cell.rowId) !== undefined;
    // In bounded batches: the sender offers what is left again at its next sync round.
    const needed = dropped
      .filter((cell) => !cell.deletion || isHeld(cell) || mayWrite(cell.tableId))
      .slice(0, MAX_CORRECTIONS_PER_BATCH);
    const shared = correctDroppedCells(needed.filter((cell) => mayWrite(cell.tableId)));
    if (shared !== undefined) {
      applyEncodedChanges(store, shared as never);
      const stamps = shared as unknown as MergeableChangesOrContent;
      writeCellStamps(options.sql(), store, stamps);
      options.recordChanges(stamps);
      send(options.sockets(), shared);
    }
    const senderOnly = correctDroppedCells(needed.filter((cell) => !mayWrite(cell.tableId)));
    if (senderOnly !== undefined) send([sender], senderOnly);
  };
}
