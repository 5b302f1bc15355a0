import type { MergeableContent } from 'tinybase';
import { DELETED_ON_THE_WIRE, type Stamp } from '../protocol/wire-protocol.js';

/**
 * Mergeable content as JSON text, the form the IndexedDB persister stores: one string loads
 * with one `JSON.parse`, several times faster than structured-cloning the same content as
 * nested objects (about 20 ms against 100 ms for 10k rows in Chromium).
 *
 * A deleted cell or value is stamped with `undefined`, which JSON cannot hold (it would come
 * back as `null`, a real value). Like TinyBase's own JSON persisters, it is written as the
 * marker its protocol uses (`DELETED_ON_THE_WIRE`); only the stamps' value slots are visited,
 * not every node of the content.
 */

type StampsById = Record<string, Stamp>;

export function stringifyMergeableContent(content: MergeableContent): string {
  // Marked in place (no copy of 10k rows), then put back: the caller's content is unchanged.
  const deleted: Stamp[] = [];
  forEachValueStamp(content, (stamp) => {
    if (stamp[0] !== undefined) return;
    stamp[0] = DELETED_ON_THE_WIRE;
    deleted.push(stamp);
  });
  try {
    return JSON.stringify(content);
  } finally {
    for (const stamp of deleted) stamp[0] = undefined;
  }
}

export function parseMergeableContent(json: string): MergeableContent {
  const content = JSON.parse(json) as MergeableContent;
  forEachValueStamp(content, (stamp) => {
    if (stamp[0] === DELETED_ON_THE_WIRE) stamp[0] = undefined;
  });
  return content;
}

/** The stamps holding a cell's or a value's value: `[[tables…], [values…]]` down to `[value, hlc, hash]`. */
function forEachValueStamp(content: MergeableContent, visit: (stamp: Stamp) => void): void {
  const [[tables], [values]] = content as unknown as [
    [Record<string, [Record<string, [StampsById]>]>],
    [StampsById],
  ];
  for (const tableId in tables) {
    const rows = (tables[tableId] as [Record<string, [StampsById]>])[0];
    for (const rowId in rows) {
      const cells = (rows[rowId] as [StampsById])[0];
      for (const cellId in cells) visit(cells[cellId] as Stamp);
    }
  }
  for (const valueId in values) visit(values[valueId] as Stamp);
}
