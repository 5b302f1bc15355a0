import type { MergeableContent } from 'tinybase';
import { parseMergeableContent } from '../persistence/mergeable-json.js';
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
  const content = await fetchSnapshot(fetchImpl, snapshotUrl, token);
  if (content === undefined) return false;
  try {
    // Whatever the server sent, typed as this store's content: TinyBase checks its shape.
    target.mergeContent(content as unknown as Parameters<SnapshotTarget<S>['mergeContent']>[0]);
    return !isEmpty(target.store);
  } catch {
    return false;
  }
}

/**
 * The server's whole content (`GET /stores/:id/snapshot`), or undefined when it cannot be had
 * (offline, refused, an older server without the route).
 */
export async function fetchSnapshot(
  fetchImpl: typeof fetch,
  snapshotUrl: string,
  token: string | null,
): Promise<MergeableContent | undefined> {
  try {
    const response = await fetchImpl(snapshotUrl, {
      headers: token === null ? {} : { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) return undefined;
    // Written like the IndexedDB save (`stringifyMergeableContent`): a deleted cell marked as
    // such, so it is not read back as a cell holding null, which a nullable cell can.
    return parseMergeableContent(await response.text()) as MergeableContent;
  } catch {
    return undefined;
  }
}
