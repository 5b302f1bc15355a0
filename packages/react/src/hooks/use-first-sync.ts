import { useCallback, useSyncExternalStore } from 'react';
import { useTinySyncSession } from '../tinysync-context.js';
import { type FirstSyncState, firstSyncOf, LOCAL_ONLY } from './first-sync.js';

const noSubscription = () => () => undefined;

/**
 * Where the session's first sync stands, for a query hook. A disabled query does not subscribe;
 * an enabled one re-renders only when that state changes (a handful of times before the first
 * sync, never after it), not on every status change of the sync client.
 */
export function useFirstSync(enabled: boolean): FirstSyncState {
  const { app, client } = useTinySyncSession('a query hook');
  const tracker = client === undefined ? undefined : firstSyncOf(app, client);
  const subscribe = useCallback(
    (onChange: () => void) =>
      enabled && tracker !== undefined ? tracker.subscribe(onChange) : noSubscription(),
    [tracker, enabled],
  );
  const getState = useCallback(() => tracker?.getState() ?? LOCAL_ONLY, [tracker]);
  return useSyncExternalStore(subscribe, getState, getState);
}
