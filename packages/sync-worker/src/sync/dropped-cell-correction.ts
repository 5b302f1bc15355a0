import type { Stamp } from '@tinysync/store/protocol';
import type { CellOrUndefined, MergeableChanges } from 'tinybase';
import { getHlcFunctions } from 'tinybase/common';
import type { DroppedCell } from './filter-changes.js';
import { define } from './stamps.js';

/**
 * How many dropped cells of one connection are put back at once, and how often. Each batch makes
 * the sender offer its hashes again and the server pull from it; were every pull answered with a
 * few more cells, a viewer with thousands of refused cells would trade messages with the server
 * as fast as they travel (and be closed for flooding). One batch a second keeps both bounded;
 * the rest is put back at the sender's next sync rounds.
 */
export const MAX_CORRECTIONS_PER_BATCH = 1_000;
export const CORRECTION_BATCHES_PER_SECOND = 1;
/** An HLC's counter has 24 bits (TinyBase's encoding). */
const HLC_COUNTERS = 2 ** 24;

export interface CorrectionSource {
  /** Whether the schema has this cell: the server's copy can hold only those. */
  isKnownCell(tableId: string, cellId: string): boolean;
  /** The server's current value of a cell; undefined when it has none. */
  currentCell(tableId: string, rowId: string, cellId: string): CellOrUndefined;
}

/**
 * Puts the server's own value back over writes it dropped. A client keeps a cell the server
 * refused (an invalid value, a viewer's write): its hashes then differ from the server's
 * forever, every sync round sends the cell again, and the client never reports synced. Re-
 * stamping the server's value (or, where it has none, a deletion) later than the dropped write
 * makes the client take it back, as any later write would; everyone converges on the server's
 * content. Cells the schema does not have cannot be held by the server's copy and stay dropped.
 * How many, and how often, is the caller's to limit (`MAX_CORRECTIONS_PER_BATCH`).
 *
 * The correction is stamped just after the refused write (its time, the next counter), not at
 * the server's "now": a stamp of now would also beat every other client's write to the cell made
 * between the two and still on its way (an offline edit), and a refused write must not undo
 * anyone else's. Only a write without a stamp is corrected at now.
 */
export function createDroppedCellCorrector(source: CorrectionSource) {
  const [nextHlc, , encodeHlc, decodeHlc] = getHlcFunctions();
  const justAfter = (time: string | undefined): string => {
    if (time === undefined || time === '') return nextHlc();
    const [logicalTime, counter] = decodeHlc(time);
    return counter + 1 >= HLC_COUNTERS
      ? encodeHlc(logicalTime + 1, 0)
      : encodeHlc(logicalTime, counter + 1);
  };
  return (dropped: readonly DroppedCell[]): MergeableChanges | undefined => {
    const tables: Record<string, Stamp> = {};
    let latest = '';
    let corrections = 0;
    for (const { tableId, rowId, cellId, time } of dropped) {
      if (!source.isKnownCell(tableId, cellId)) continue;
      const hlc = justAfter(time);
      const table = entryOf(tables, tableId, hlc);
      const row = entryOf(table[0] as Record<string, Stamp>, rowId, hlc);
      define(row[0] as Record<string, Stamp>, cellId, [
        source.currentCell(tableId, rowId, cellId),
        hlc,
      ]);
      if (hlc > latest) latest = hlc;
      corrections++;
    }
    return corrections === 0
      ? undefined
      : ([[tables, latest], [{}, ''], 1] as unknown as MergeableChanges);
  };
}

/** The stamp under `key`, made with `time` if new; a later time moves the stamp's time on. */
function entryOf(parent: Record<string, Stamp>, key: string, time: string): Stamp {
  const existing = Object.hasOwn(parent, key) ? parent[key] : undefined;
  if (existing === undefined) return define(parent, key, [{}, time]);
  if (time > (existing[1] ?? '')) existing[1] = time;
  return existing;
}
