import { INITIAL_SYNC_SNAPSHOT, type SyncSnapshot } from '@tinysync/store';
import { useCallback, useSyncExternalStore } from 'react';
import { useTinySyncSession } from './tinysync-context.js';

const noSubscription = () => () => undefined;

/**
 * `{ status, lastSyncedAt, pendingChanges, readOnly, error }` of the provider's sync client;
 * `offline` when the provider has no server `url`.
 */
export function useSyncStatus(): SyncSnapshot {
  const { client } = useTinySyncSession('useSyncStatus');
  const subscribe = useCallback(
    (onChange: () => void) => client?.subscribe(onChange) ?? noSubscription(),
    [client],
  );
  const getSnapshot = useCallback(() => client?.getSnapshot() ?? INITIAL_SYNC_SNAPSHOT, [client]);
  return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}
