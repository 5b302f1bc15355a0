import type { SyncClient } from '@tinysync/store';
import { useCallback, useSyncExternalStore } from 'react';

const NOT_SUBSCRIBED = () => undefined;

/**
 * Whether a pending write waits for the network: the sync client is offline (the device, or a
 * stopped client). Subscribed only while `pending`, so an idle or settled mutation never
 * re-renders its component on sync status changes.
 */
export function useSyncPaused(client: SyncClient | undefined, pending: boolean): boolean {
  const subscribe = useCallback(
    (onChange: () => void) =>
      pending && client !== undefined ? client.subscribe(onChange) : NOT_SUBSCRIBED,
    [client, pending],
  );
  const isPaused = () => pending && client?.getSnapshot().status === 'offline';
  return useSyncExternalStore(subscribe, isPaused, isPaused);
}
