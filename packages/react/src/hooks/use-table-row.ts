import type { AnySchema, RowWithId, TableId, TableOperations } from '@tinysync/store';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useTinySyncSession } from '../tinysync-context.js';
import type { QueryResult } from './query-result.js';
import { useIncludedRows } from './use-included-rows.js';
import { type ThrowOnError, useQueryResult } from './use-query-result.js';

export interface RowOptions {
  /** `false` keeps the query idle (`status: 'pending'`) and unsubscribed from the row. */
  readonly enabled?: boolean;
  /** Throw the query's error (a failed first sync with nothing local) to the error boundary. */
  readonly throwOnError?: ThrowOnError;
  /** Referenced rows to nest in the row: `{ assignee: true }` (see `useIncludedRows`). */
  readonly include?: Readonly<Record<string, boolean | undefined>>;
}

/** One row by id (undefined when absent), re-rendering only when that row changes. */
export function useTableRow<S extends AnySchema, T extends TableId<S>>(
  tableId: T,
  rowId: string | undefined,
  { enabled = true, throwOnError, include }: RowOptions = {},
): QueryResult<RowWithId<S, T> | undefined> {
  const { app } = useTinySyncSession(`the ${tableId} row hook`);
  const store = app.store as unknown as import('tinybase').MergeableStore;
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (rowId === undefined || !enabled) return () => undefined;
      const listenerId = store.addRowListener(tableId, rowId, onChange);
      return () => store.delListener(listenerId);
    },
    [store, tableId, rowId, enabled],
  );
  // The row's content itself, so a change made between render and subscription is still seen.
  const rowJson = useSyncExternalStore(subscribe, () =>
    rowId === undefined || !store.hasRow(tableId, rowId)
      ? ''
      : JSON.stringify(store.getRow(tableId, rowId)),
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: rowJson changes with the row.
  const row = useMemo(
    () =>
      enabled && rowId !== undefined
        ? ((app.tables[tableId] as unknown as TableOperations<S, T>).get(rowId) as
            | RowWithId<S, T>
            | undefined)
        : undefined,
    [app, tableId, rowId, enabled, rowJson],
  );
  const rowAsList = useMemo(() => (row === undefined ? undefined : [row]), [row]);
  const shownRow = useIncludedRows(app, tableId, rowAsList, include)?.[0];
  return useQueryResult(shownRow, shownRow, enabled && rowId !== undefined, throwOnError);
}
