import {
  type AnySchema,
  appSchema,
  createTinySyncStore,
  INITIAL_SYNC_SNAPSHOT,
  type SyncClient,
  type SyncSnapshot,
  type TinySyncStore,
} from '@tinysync/store';
import type { ReactNode } from 'react';
import { TinySyncContext, type TinySyncSession } from '../tinysync-context.js';

/**
 * A session whose sync client the test drives: `setSync` plays what the real client reports
 * (connecting, offline, unauthorized, the server's confirmation), so each loading state can be
 * held as long as a test needs. Its store is in memory and ready at once.
 */
export function fakeSyncSession(initial: Partial<SyncSnapshot> = {}) {
  let snapshot: SyncSnapshot = { ...INITIAL_SYNC_SNAPSHOT, status: 'connecting', ...initial };
  const listeners = new Set<() => void>();
  // Asserted rather than annotated: the fake may carry methods a newer client adds.
  const client = {
    getSnapshot: () => snapshot,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: async () => undefined,
    stop: () => undefined,
    reconnect: () => undefined,
    // Mutations settle at once here; their server confirmation has tests of its own.
    whenSynced: async () => undefined,
    destroy: async () => undefined,
  } as SyncClient;
  const app = createTinySyncStore(appSchema);
  const session: TinySyncSession = {
    storeId: 'org_fake',
    app: app as unknown as TinySyncStore<AnySchema>,
    client,
  };
  return {
    app,
    setSync(patch: Partial<SyncSnapshot>) {
      snapshot = { ...snapshot, ...patch };
      for (const listener of [...listeners]) listener();
    },
    /** The server confirmed: the first sync is done. */
    confirmSynced() {
      this.setSync({ status: 'synced', lastSyncedAt: Date.now(), error: null });
    },
    wrapper: ({ children }: { children: ReactNode }) => (
      <TinySyncContext.Provider value={session}>{children}</TinySyncContext.Provider>
    ),
  };
}
