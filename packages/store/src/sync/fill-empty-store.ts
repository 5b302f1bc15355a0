import type { MergeableStore } from 'tinybase';
import { isEmpty } from '../store/is-empty.js';
import type { ConnectionTokens } from './connection-tokens.js';
import { loadSnapshot } from './load-snapshot.js';
import type { SyncContext } from './sync-context.js';

/**
 * Before the first connection, fills a store that is still empty from the server's snapshot
 * over HTTP (unless `loadSnapshot: false`); the connection right after uses the same token.
 */
export async function fillEmptyStoreFromSnapshot(
  context: SyncContext,
  tokens: ConnectionTokens,
): Promise<void> {
  const { app, getToken, fetchImpl, snapshotUrl, options } = context;
  const store = app.store as unknown as MergeableStore;
  if (options.loadSnapshot === false || !isEmpty(store)) return;
  const token = await Promise.resolve(getToken()).catch(() => null);
  if (!token) return;
  tokens.keepForNextConnection(token);
  await loadSnapshot(fetchImpl, snapshotUrl, token, app);
}
