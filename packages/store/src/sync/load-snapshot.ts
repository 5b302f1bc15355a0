import type { MergeableContent } from 'tinybase';
import type { AnySchema } from '../schema/row-types.js';
import type { TinySyncStore } from '../store/create-tinysync-store.js';
import { isEmpty } from '../store/is-empty.js';

/** Where a snapshot goes: a TinySync store, whose `mergeContent` takes it fastest. */
export type SnapshotTarget<S extends AnySchema> = Pick<TinySyncStore<S>, 'store' | 'mergeContent'>;

/**
 * Fills a store that has nothing yet from the server's snapshot (`GET /stores/:id/snapshot`).
 * Through the sync protocol a new client receives the same content as changes, which TinyBase
 * parses with a reviver, validates and hashes again cell by cell: for 50k rows that is most of
 * the initial sync. `setMergeableContent` takes the server's hashes as they are.
 *
 * Best effort: any failure (offline, refused, an older server without the route) leaves the
 * store as it was, and the WebSocket sync that follows brings everything as before. A local
 * write made while the snapshot was downloading is kept: the snapshot is then merged, not set.
 * Returns whether the snapshot was applied.
 */
export async function loadSnapshot<S extends AnySchema>(
  fetchImpl: typeof fetch,
  snapshotUrl: string,
  token: string | null,
  target: SnapshotTarget<S>,
): Promise<boolean> {
  try {
    const response = await fetchImpl(snapshotUrl, {
      headers: token === null ? {} : { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) return false;
    const content = withDeletionsRestored((await response.json()) as MergeableContent);
    // Whatever the server sent, typed as this store's content: TinyBase checks its shape.
    target.mergeContent(content as unknown as Parameters<SnapshotTarget<S>['mergeContent']>[0]);
    return !isEmpty(target.store);
  } catch {
    return false;
  }
}

/**
 * TinyBase marks a deleted cell or value with `undefined`, which JSON writes as `null`; read
 * back as is, the deletion would come back as a cell holding null (TinyBase 10 allows that).
 * TinySync schemas have no null cells, so every null here is a deletion. One pass over the
 * stamps is far cheaper than the reviver TinyBase's own protocol parses with.
 */
function withDeletionsRestored(content: MergeableContent): MergeableContent {
  const [[tables], [values]] = content;
  for (const [rows] of Object.values(tables)) {
    for (const [cells] of Object.values(rows)) restoreThings(cells);
  }
  restoreThings(values);
  return content;
}

function restoreThings(things: Record<string, [unknown, ...unknown[]]>): void {
  for (const stamp of Object.values(things)) if (stamp[0] === null) stamp[0] = undefined;
}
