import type { FetchStatus, FirstSyncState } from './first-sync.js';

/**
 * The fields every state of a query result has: React Query v5's `QueryObserverBaseResult`, so a
 * component can switch hooks without changing how it reads the result.
 */
interface QueryResultBase<Data> {
  /** When the rows this query shows last changed (ms since epoch); 0 without data. */
  readonly dataUpdatedAt: number;
  /** When the first sync last failed (ms since epoch); 0 if it never did. */
  readonly errorUpdatedAt: number;
  /** How often the first sync has failed so far; 0 once it succeeded. */
  readonly failureCount: number;
  /** The first sync's last failure, also while local rows are shown (`isError` stays false). */
  readonly failureReason: Error | null;
  readonly errorUpdateCount: number;
  /**
   * `fetching` during this session's first sync, `paused` while it waits for the network
   * (offline), `idle` once the server delivered the store, without a server, or when disabled.
   */
  readonly fetchStatus: FetchStatus;
  readonly isFetching: boolean;
  /** `fetchStatus === 'paused'`: offline before the first sync. */
  readonly isPaused: boolean;
  /** Local rows are shown while the first sync runs. */
  readonly isRefetching: boolean;
  /** The result has data or an error (local rows count: they were read at mount). */
  readonly isFetched: boolean;
  /** Same as `isFetched`: rows are read from the store on mount, there is no older cache. */
  readonly isFetchedAfterMount: boolean;
  /** The rows may lag the server: true until this session's first sync delivered the store. */
  readonly isStale: boolean;
  readonly isEnabled: boolean;
  /** Resolves with the current result (the store is always current; nothing to fetch). */
  readonly refetch: () => Promise<QueryResult<Data>>;
  readonly isLoading: boolean;
  /** Short form of `isLoading`. */
  readonly loading: boolean;
  /** Always false: there is no `placeholderData`, local rows are real data. */
  readonly isPlaceholderData: false;
  readonly isRefetchError: false;
}

interface QueryPendingBase<Data> extends QueryResultBase<Data> {
  readonly status: 'pending';
  readonly data: undefined;
  readonly error: null;
  readonly isPending: true;
  readonly isSuccess: false;
  readonly isError: false;
  readonly isLoadingError: false;
}

/** Disabled (`fetchStatus: 'idle'`), or offline with nothing to show (`'paused'`). */
export interface QueryPendingResult<Data> extends QueryPendingBase<Data> {
  readonly isLoading: false;
  readonly loading: false;
  readonly fetchStatus: 'paused' | 'idle';
  readonly isFetching: false;
}

/** No local rows and the first sync is running: show a skeleton. */
export interface QueryLoadingResult<Data> extends QueryPendingBase<Data> {
  readonly isLoading: true;
  readonly loading: true;
  readonly fetchStatus: 'fetching';
  readonly isFetching: true;
}

/** No local rows and the first sync failed (`unauthorized` or `error`). */
export interface QueryLoadingErrorResult<Data> extends QueryResultBase<Data> {
  readonly status: 'error';
  readonly data: undefined;
  readonly error: Error;
  readonly isPending: false;
  readonly isSuccess: false;
  readonly isError: true;
  readonly isLoadingError: true;
  readonly isLoading: false;
  readonly loading: false;
}

export interface QuerySuccessResult<Data> extends QueryResultBase<Data> {
  readonly status: 'success';
  readonly data: Data;
  readonly error: null;
  readonly isPending: false;
  readonly isSuccess: true;
  readonly isError: false;
  readonly isLoadingError: false;
  readonly isLoading: false;
  readonly loading: false;
}

/**
 * What a TinySync query hook returns: a union discriminated by `status` (and the `is*` flags), as
 * React Query's `UseQueryResult`: `status === 'success'` narrows `data` to `Data` and `error` to
 * null, `isError` narrows `error` to an `Error`.
 */
export type QueryResult<Data> =
  | QueryPendingResult<Data>
  | QueryLoadingResult<Data>
  | QueryLoadingErrorResult<Data>
  | QuerySuccessResult<Data>;

/** What a Suspense hook returns: always `status: 'success'`, so `data` is always there. */
export type SuspenseQueryResult<Data> = QuerySuccessResult<Data>;

/** A result with `data` also under a name of its own (`users`), narrowed with it. */
export type WithDataAs<
  R extends { readonly data: unknown },
  Name extends string,
> = R extends unknown ? R & { readonly [K in Name]: R['data'] } : never;

export interface QueryResultInput<Data> {
  readonly data: Data | undefined;
  readonly enabled: boolean;
  readonly firstSync: FirstSyncState;
  readonly dataUpdatedAt: number;
}

/**
 * The result of a query from its data and the session's first sync: local rows are shown at once
 * (while the first sync refreshes them); without any, the query is pending until the server
 * delivered the store, or failed with the first sync's error.
 */
export function queryResult<Data>(input: QueryResultInput<Data>): QueryResult<Data> {
  const { enabled, firstSync } = input;
  const showsData = enabled && (firstSync.synced || firstSync.hasLocalData);
  const failed = enabled && !showsData && firstSync.error !== null;
  const status = showsData ? 'success' : failed ? 'error' : 'pending';
  const fetchStatus = !enabled || firstSync.synced ? 'idle' : firstSync.fetchStatus;
  const isLoading = status === 'pending' && fetchStatus === 'fetching';
  const result = {
    status,
    data: showsData ? input.data : undefined,
    error: failed ? firstSync.error : null,
    dataUpdatedAt: showsData ? input.dataUpdatedAt : 0,
    errorUpdatedAt: firstSync.errorUpdatedAt,
    failureCount: firstSync.failureCount,
    failureReason: firstSync.error,
    errorUpdateCount: firstSync.errorUpdateCount,
    fetchStatus,
    isFetching: fetchStatus === 'fetching',
    isPaused: fetchStatus === 'paused',
    isRefetching: showsData && fetchStatus === 'fetching',
    isFetched: status !== 'pending',
    isFetchedAfterMount: status !== 'pending',
    isStale: enabled && !firstSync.synced,
    isEnabled: enabled,
    isPending: status === 'pending',
    isSuccess: status === 'success',
    isError: status === 'error',
    isLoadingError: status === 'error',
    isRefetchError: false,
    isPlaceholderData: false,
    isLoading,
    loading: isLoading,
    refetch: async () => result,
  } as QueryResult<Data>;
  return result;
}
