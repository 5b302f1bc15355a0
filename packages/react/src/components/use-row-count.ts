import { useCallback, useSyncExternalStore } from 'react';
import { useStore } from '../use-store.js';

/**
 * How many rows a table holds, re-rendering only when that number changes: counting a 10k-row
 * table must not cost building its rows.
 */
export function useRowCount(tableId: string): number {
  const store = useStore().store as unknown as import('tinybase').MergeableStore;
  const subscribe = useCallback(
    (onChange: () => void) => {
      const listenerId = store.addRowIdsListener(tableId, onChange);
      return () => store.delListener(listenerId);
    },
    [store, tableId],
  );
  return useSyncExternalStore(subscribe, () => store.getRowCount(tableId));
}
