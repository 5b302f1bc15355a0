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

/**
 * A record keyed by ids that come from clients or the database. Without a prototype, ids such
 * as `__proto__`, `constructor` or `hasOwnProperty` are keys like any other instead of
 * inherited properties (a plain `{}` answers `constructor` with Object and swallows
 * `__proto__`), which would lose or break the row.
 */
export function idRecord<Value>(): Record<string, Value> {
  return Object.create(null) as Record<string, Value>;
}

/** The child stamp `id` of `parent`, created empty (no time) if missing. */
export function ensureStamp<Child>(parent: Record<string, Stamp<Child>>, id: string): Stamp<Child> {
  let stamp = Object.hasOwn(parent, id) ? parent[id] : undefined;
  if (stamp === undefined) {
    stamp = [idRecord() as Child, ''];
    parent[id] = stamp;
  }
  return stamp;
}

/** Tables given as stamps, as mergeable changes with no values. */
export function tablesAsChanges(tables: TableStamps): MergeableChangesOrContent {
  return [[tables, ''], [idRecord(), ''], 1];
}
