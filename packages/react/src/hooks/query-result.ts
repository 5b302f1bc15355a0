/**
 * What a TinySync query hook returns: React Query's `useQuery` result shape, so a component can
 * switch hooks without changing how it reads the result. Data is local, so a query is never
 * loading or fetching once the provider has rendered; `status` is 'pending' only when disabled.
 */
export interface QueryResult<Data> {
  readonly data: Data | undefined;
  readonly status: 'pending' | 'error' | 'success';
  readonly isLoading: boolean;
  readonly isPending: boolean;
  readonly isSuccess: boolean;
  readonly isError: boolean;
  readonly error: Error | null;
  readonly isFetching: boolean;
  /** Resolves with the current result (the store is always current; nothing to fetch). */
  readonly refetch: () => Promise<QueryResult<Data>>;
  /** Short form of `isLoading`. */
  readonly loading: boolean;
}

export function queryResult<Data>(data: Data | undefined, enabled: boolean): QueryResult<Data> {
  const result: QueryResult<Data> = {
    data: enabled ? data : undefined,
    status: enabled ? 'success' : 'pending',
    isLoading: false,
    isPending: !enabled,
    isSuccess: enabled,
    isError: false,
    error: null,
    isFetching: false,
    refetch: async () => result,
    loading: false,
  };
  return result;
}
