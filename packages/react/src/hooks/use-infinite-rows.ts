import type {
  AnySchema,
  IncludeOption,
  RowWithId,
  RowWithIncluded,
  TableId,
} from '@tinysync/store';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { type InfiniteRows, splitIntoPages } from './infinite-pages.js';
import type { QueryResult } from './query-result.js';
import type { IncludeOptions } from './use-included-rows.js';
import { type RowsFilter, type RowsOptions, useTableRows } from './use-table-rows.js';

export interface InfiniteRowsOptions<S extends AnySchema, T extends TableId<S>, Data>
  extends Omit<RowsOptions<S, T, never>, 'limit' | 'offset' | 'select'> {
  /** Rows per page; the first page is loaded at once, `fetchNextPage` adds one. */
  readonly pageSize: number;
  /** Reshapes the pages, as React Query's: e.g. `data => data.pages.flat()`. */
  readonly select?: (data: InfiniteRows<RowWithId<S, T>>) => Data;
}

/** The generated hook's options: `include` typed from the schema, `select` given the nested rows. */
export type InfiniteOptions<
  S extends AnySchema,
  T extends TableId<S>,
  I extends IncludeOption<S, T>,
  Data,
> = Omit<InfiniteRowsOptions<S, T, Data>, 'include' | 'select'> &
  IncludeOptions<S, T, I> & {
    readonly select?: (data: InfiniteRows<RowWithIncluded<S, T, I>>) => Data;
  };

/** What an infinite query adds to a query's result: React Query's `useInfiniteQuery` fields. */
export interface InfiniteFields<Data> {
  /** Shows one more page; resolves with the result once it is rendered. */
  readonly fetchNextPage: () => Promise<InfiniteQueryResult<Data>>;
  /** The list always starts at its first row: there is no previous page to show. */
  readonly fetchPreviousPage: () => Promise<InfiniteQueryResult<Data>>;
  /** There are rows past the loaded pages (the store said so, nothing was guessed). */
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: false;
  /** Local rows are read within the render that asks for them: never in flight. */
  readonly isFetchingNextPage: false;
  readonly isFetchingPreviousPage: false;
  readonly isFetchNextPageError: false;
  readonly isFetchPreviousPageError: false;
}

/** A query result with the infinite fields; narrowing on `status` works as on `QueryResult`. */
export type InfiniteQueryResult<Data> = QueryResult<Data> & InfiniteFields<Data>;

/**
 * The first pages of a table's filtered, sorted rows, as React Query's `useInfiniteQuery`:
 * `data.pages`, `fetchNextPage`, `hasNextPage`. Costs the pages shown, not the table: the
 * store's list stops one row past the loaded pages (that row answers `hasNextPage`), and only
 * those rows are built and compared. Pages start over from one when the filter object or the
 * sort changes, as a new query key does in React Query.
 */
export function useInfiniteRows<
  S extends AnySchema,
  T extends TableId<S>,
  Data = InfiniteRows<RowWithId<S, T>>,
>(
  tableId: T,
  filter: RowsFilter<S, T> | undefined,
  options: InfiniteRowsOptions<S, T, Data>,
): InfiniteQueryResult<Data> {
  const { pageSize, select, ...listOptions } = options;
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive whole number, got ${pageSize}`);
  }
  const queryKey = JSON.stringify([
    typeof filter === 'function' ? null : (filter ?? null),
    listOptions.sortBy ?? null,
    listOptions.descending ?? false,
  ]);
  const [loaded, setLoaded] = useState({ queryKey, pageCount: 1 });
  // A new query: React renders again at once with one page, before anything is committed.
  if (loaded.queryKey !== queryKey) setLoaded({ queryKey, pageCount: 1 });
  const pageCount = loaded.queryKey === queryKey ? loaded.pageCount : 1;
  const base = useTableRows<S, T, RowWithId<S, T>[]>(tableId, filter, {
    ...listOptions,
    limit: pageCount * pageSize + 1,
  } as RowsOptions<S, T, RowWithId<S, T>[]>);
  const rows = base.data;
  const hasNextPage = rows !== undefined && rows.length > pageCount * pageSize;

  const lastPages = useRef<InfiniteRows<RowWithId<S, T>> | undefined>(undefined);
  const pages = useMemo(() => {
    if (rows === undefined) return undefined;
    lastPages.current = splitIntoPages(rows, pageSize, pageCount, lastPages.current);
    return lastPages.current;
  }, [rows, pageSize, pageCount]);
  const data = useMemo(
    () => (pages === undefined ? undefined : select ? select(pages) : (pages as Data)),
    [pages, select],
  );

  const [promises] = useState(() => new ResultPromises<InfiniteQueryResult<Data>>());
  const fetchNextPage = useCallback(() => {
    if (!hasNextPage) return promises.now();
    setLoaded({ queryKey, pageCount: pageCount + 1 });
    return promises.next();
  }, [promises, queryKey, pageCount, hasNextPage]);

  const result = useMemo(
    () =>
      ({
        ...base,
        data,
        refetch: promises.now,
        fetchNextPage,
        fetchPreviousPage: promises.now,
        hasNextPage,
        hasPreviousPage: false,
        isFetchingNextPage: false,
        isFetchingPreviousPage: false,
        isFetchNextPageError: false,
        isFetchPreviousPageError: false,
      }) as InfiniteQueryResult<Data>,
    [base, data, promises, fetchNextPage, hasNextPage],
  );
  // Every commit, whatever it was caused by: the render after a fetchNextPage shows its page.
  useLayoutEffect(() => promises.committed(result));
  return result;
}

/**
 * Promises of a hook's result: `now()` resolves with the last committed one, `next()` with the
 * one committed after the call (so `await fetchNextPage()` sees the new page).
 */
class ResultPromises<Result> {
  private latest: Result | undefined;
  private waiting: ((result: Result) => void)[] = [];

  now = async (): Promise<Result> => this.latest as Result;

  next(): Promise<Result> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  committed(result: Result): void {
    this.latest = result;
    for (const resolve of this.waiting.splice(0)) resolve(result);
  }
}
