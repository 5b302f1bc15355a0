import type { RefusedCell } from '../errors.js';
import { CORRECTION_REQUEST_ID, SERVER_CLIENT_ID } from '../protocol/wire-protocol.js';
import type { ChangedCell } from './changed-cells.js';
import { sameCellValue, type WrittenTables, writtenCell } from './written-tables.js';

/**
 * Tells from the changes a client receives after one of its writes whether the server refused
 * it. The server refuses a cell by putting its own value back, in a content diff marked with
 * `CORRECTION_REQUEST_ID` (the worker's dropped-cell-correction.ts). A put-back value other than
 * the written one means the write was refused, unless someone else wrote the cell in between:
 * a correction (of a third client's refused write) then carries that newer value, and this
 * write was overwritten, not refused. One socket delivers in the server's order, so another
 * client's write always arrives before a correction the server made after taking it.
 */
export class RefusedWriteWatch {
  readonly #written: WrittenTables;
  /** Cells someone else wrote since: no longer this write's to lose. */
  readonly #overwritten = new Set<string>();

  constructor(written: WrittenTables) {
    this.#written = written;
  }

  /** The written cells a received content diff puts back (none: not refused by it). */
  received(
    fromClientId: string | null,
    requestId: string | null,
    cells: readonly ChangedCell[],
  ): RefusedCell[] {
    const isCorrection = fromClientId === SERVER_CLIENT_ID && requestId === CORRECTION_REQUEST_ID;
    const refused: RefusedCell[] = [];
    for (const { tableId, rowId, cellId, value } of cells) {
      const written = writtenCell(this.#written, tableId, rowId, cellId);
      if (written === undefined || sameCellValue(value, written.value)) continue;
      const key = JSON.stringify([tableId, rowId, cellId]);
      if (this.#overwritten.has(key)) continue;
      if (isCorrection) {
        refused.push({ tableId, rowId, cellId, written: written.value, serverValue: value });
      } else {
        this.#overwritten.add(key);
      }
    }
    return refused;
  }
}
