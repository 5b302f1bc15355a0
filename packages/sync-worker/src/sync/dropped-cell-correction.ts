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
 */
export function createDroppedCellCorrector(source: CorrectionSource) {
  const [nextHlc, seenHlc] = getHlcFunctions();
  return (dropped: readonly DroppedCell[]): MergeableChanges | undefined => {
    const tables: Record<string, Stamp> = {};
    let latest = '';
    let corrections = 0;
    for (const { tableId, rowId, cellId, time } of dropped) {
      if (!source.isKnownCell(tableId, cellId)) continue;
      seenHlc(time ?? '');
      const hlc = nextHlc();
      const table = entryOf(tables, tableId, hlc);
      const row = entryOf(table[0] as Record<string, Stamp>, rowId, hlc);
      define(row[0] as Record<string, Stamp>, cellId, [
        source.currentCell(tableId, rowId, cellId),
        hlc,
      ]);
      latest = hlc;
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
  existing[1] = time;
  return existing;
}
