import type { MergeableStore } from 'tinybase';
import { idRecord } from '../persistence/mergeable-stamps.js';

type CellStamps = Record<string, [unknown, string?]>;
type TablesStamp = [Record<string, [Record<string, [CellStamps, string?]>, string?]>, string?];

/**
 * The HLC time of each cell of a row in a MergeableStore, deleted cells included ('' for a cell
 * stamped without one); none when the store has never had the row.
 */
export function cellTimesOf(
  store: Pick<MergeableStore, 'getMergeableCellDiff'> | undefined,
  tableId: string,
  rowId: string,
): Record<string, string> {
  const times = idRecord<string>();
  if (store === undefined) return times;
  // Hashes that match nothing: every cell of the row comes back, with its stamp.
  const [tables] = store.getMergeableCellDiff({ [tableId]: { [rowId]: {} } }) as TablesStamp;
  const cells = Object.hasOwn(tables, tableId) ? tables[tableId]?.[0][rowId]?.[0] : undefined;
  for (const [cellId, [, time]] of Object.entries(cells ?? {})) times[cellId] = time ?? '';
  return times;
}
