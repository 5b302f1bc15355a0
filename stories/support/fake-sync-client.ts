import { INITIAL_SYNC_SNAPSHOT, type SyncClient, type SyncSnapshot } from '@tinysync/store';

/** A sync client whose status a story sets directly, so every state shows without a server. */
export interface FakeSyncClient extends SyncClient {
  set(patch: Partial<SyncSnapshot>): void;
}

export function createFakeSyncClient(initial: Partial<SyncSnapshot> = {}): FakeSyncClient {
  let snapshot: SyncSnapshot = { ...INITIAL_SYNC_SNAPSHOT, ...initial };
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(patch) {
      snapshot = { ...snapshot, ...patch };
      for (const listener of listeners) listener();
    },
    start: async () => undefined,
    stop: () => undefined,
    reconnect: () => undefined,
    // The server confirms every write at once: forms settle as they would online.
    whenSynced: async () => undefined,
    destroy: async () => {
      listeners.clear();
    },
  };
}
