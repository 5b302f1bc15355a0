import type { AnySchema, RowWithId, TableId, TableOperations } from '@tinysync/store';
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import { useTinySyncSession } from '../tinysync-context.ts';
import { type QueryResult, queryResult } from './query-result.ts';

export interface RowOptions {
  readonly enabled?: boolean;
}

/** One row by id (undefined when absent), re-rendering only when that row changes. */
export function useTableRow<S extends AnySchema, T extends TableId<S>>(
  tableId: T,
  rowId: string | undefined,
  { enabled = true }: RowOptions = {},
): QueryResult<RowWithId<S, T> | undefined> {
  const { app } = useTinySyncSession(`the ${tableId} row hook`);
  const store = app.store as unknown as import('tinybase').MergeableStore;
  const version = useRef(0);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (rowId === undefined) return () => undefined;
      const listenerId = store.addRowListener(tableId, rowId, () => {
        version.current++;
        onChange();
      });
      return () => store.delListener(listenerId);
    },
    [store, tableId, rowId],
  );
  const currentVersion = useSyncExternalStore(subscribe, () => version.current);
  // biome-ignore lint/correctness/useExhaustiveDependencies: currentVersion is the row's change counter.
  const row = useMemo(
    () =>
      enabled && rowId !== undefined
        ? ((app.tables[tableId] as unknown as TableOperations<S, T>).get(rowId) as
            | RowWithId<S, T>
            | undefined)
        : undefined,
    [app, tableId, rowId, enabled, currentVersion],
  );
  return useMemo(() => queryResult(row, enabled && rowId !== undefined), [row, enabled, rowId]);
}
