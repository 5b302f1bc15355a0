import type {
  AnySchema,
  IncludeOption,
  ListOptions,
  RowWithId,
  TableId,
  TableOperations,
} from '@tinysync/store';
import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import { useTinySyncSession } from '../tinysync-context.js';
import type { QueryResult } from './query-result.js';
import { useIncludedRows } from './use-included-rows.js';
import { type ThrowOnError, useQueryResult } from './use-query-result.js';

export type RowsFilter<S extends AnySchema, T extends TableId<S>> = NonNullable<
  ListOptions<S, T>['where']
>;

export interface RowsOptions<S extends AnySchema, T extends TableId<S>, Data> {
  readonly sortBy?: ListOptions<S, T>['sortBy'];
  readonly descending?: boolean;
  readonly limit?: number;
  readonly offset?: number;
  /** Reshapes the rows, e.g. `rows => ({ users: rows })` where old code read `data.users`. */
  readonly select?: (rows: RowWithId<S, T>[]) => Data;
  /**
   * `false` keeps the query idle (`status: 'pending'`, no data), as in React Query, and
   * unsubscribed: a disabled hook does not re-render when the table changes.
   */
  readonly enabled?: boolean;
  /** Throw the query's error (a failed first sync with nothing local) to the error boundary. */
  readonly throwOnError?: ThrowOnError;
  /** Referenced rows to nest in each row: `{ assignee: true }` (see `useIncludedRows`). */
  readonly include?: IncludeOption<S, T>;
}

/**
 * The rows of a table, filtered, sorted and limited, re-rendering when the table changes.
 * Rows that did not change keep their identity between renders, so memoised row components
 * re-render only for their own row.
 */
export function useTableRows<S extends AnySchema, T extends TableId<S>, Data = RowWithId<S, T>[]>(
  tableId: T,
  filter?: RowsFilter<S, T>,
  options: RowsOptions<S, T, Data> = {},
): QueryResult<Data> {
  const { app } = useTinySyncSession(`the ${tableId} list hook`);
  const store = app.store as unknown as import('tinybase').MergeableStore;
  const rowCache = useRef(
    new Map<string, { readonly json: string; readonly row: RowWithId<S, T> }>(),
  );
  const lastRows = useRef<RowWithId<S, T>[] | undefined>(undefined);
  const {
    sortBy,
    descending,
    limit,
    offset,
    select,
    enabled = true,
    throwOnError,
    include,
  } = options;

  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!enabled) return () => undefined;
      const listenerId = store.addTableListener(tableId, onChange);
      return () => store.delListener(listenerId);
    },
    [store, tableId, enabled],
  );
  // The store's own hash of the table, not a counter kept by the listener: a change made
  // between render and subscription is still seen.
  const tableHash = useSyncExternalStore(
    subscribe,
    () => store.getMergeableTableHashes()[tableId] ?? 0,
  );

  const filterKey = typeof filter === 'function' ? filter : JSON.stringify(filter ?? null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: filterKey stands for filter; tableHash changes with the table.
  const rows = useMemo(() => {
    if (!enabled) return undefined;
    const listed = (app.tables[tableId] as unknown as TableOperations<S, T>).list({
      ...(filter === undefined ? {} : { where: filter }),
      ...(sortBy === undefined ? {} : { sortBy }),
      ...(descending === undefined ? {} : { descending }),
      ...(limit === undefined ? {} : { limit }),
      ...(offset === undefined ? {} : { offset }),
    } as never) as RowWithId<S, T>[];
    // Unchanged rows keep their identity, so memoised row components skip re-rendering.
    const cache = rowCache.current;
    const current = listed.map((row) => {
      const json = JSON.stringify(row);
      const cached = cache.get(row.id);
      if (cached !== undefined && cached.json === json) return cached.row;
      cache.set(row.id, { json, row });
      return row;
    });
    // The same rows keep the same array when other rows of the table changed: `data` and
    // `dataUpdatedAt` stay as they were.
    if (!sameRows(lastRows.current, current)) lastRows.current = current;
    return lastRows.current;
  }, [app, tableId, filterKey, sortBy, descending, limit, offset, enabled, tableHash]);

  const shownRows = useIncludedRows(app, tableId, rows, include);
  const data = useMemo(
    () =>
      shownRows === undefined
        ? undefined
        : select
          ? select(shownRows)
          : (shownRows as unknown as Data),
    [shownRows, select],
  );
  return useQueryResult(data, shownRows, enabled, throwOnError);
}

function sameRows<Row>(previous: readonly Row[] | undefined, current: readonly Row[]): boolean {
  return (
    previous !== undefined &&
    previous.length === current.length &&
    previous.every((row, index) => row === current[index])
  );
}
