/**
 * TinyBase's encoded mergeable content and changes: every level is a stamp
 * `[value-or-children, HLC time, hash?]`; a trailing `1` marks changes rather than content.
 */
export type Stamp<Thing> = [Thing, string, number?];
export type CellStamps = Record<string, Stamp<unknown>>;
export type RowStamps = Record<string, Stamp<CellStamps>>;
export type TableStamps = Record<string, Stamp<RowStamps>>;
export type TablesStamp = Stamp<TableStamps>;
export type ValuesStamp = Stamp<Record<string, Stamp<unknown>>>;
export type MergeableChangesOrContent = [TablesStamp, ValuesStamp, 1?];

/** The child stamp `id` of `parent`, created empty (no time) if missing. */
export function ensureStamp<Child>(parent: Record<string, Stamp<Child>>, id: string): Stamp<Child> {
  let stamp = parent[id];
  if (stamp === undefined) {
    stamp = [{} as Child, ''];
    parent[id] = stamp;
  }
  return stamp;
}

/** Tables given as stamps, as mergeable changes with no values. */
export function tablesAsChanges(tables: TableStamps): MergeableChangesOrContent {
  return [[tables, ''], [{}, ''], 1];
}
