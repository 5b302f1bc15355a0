import { useMemo } from 'react';
import { type QueryResult, queryResult } from './query-result.js';
import { useFirstSync } from './use-first-sync.js';

/**
 * React Query's `throwOnError`: throw the query's error to the nearest error boundary, always
 * (`true`) or when the function says so.
 */
export type ThrowOnError = boolean | ((error: Error) => boolean);

/**
 * The memoised result of a query hook. `shown` is what the query shows before `select` (the rows
 * or the row): `dataUpdatedAt` moves only when it changes, not when `select` is a new function.
 */
export function useQueryResult<Data>(
  data: Data | undefined,
  shown: unknown,
  enabled: boolean,
  throwOnError: ThrowOnError = false,
): QueryResult<Data> {
  const firstSync = useFirstSync(enabled);
  const showsData = firstSync.synced || firstSync.hasLocalData;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new time when the shown rows change.
  const dataUpdatedAt = useMemo(() => (showsData ? Date.now() : 0), [shown, showsData]);
  const result = useMemo(
    () => queryResult({ data, enabled, firstSync, dataUpdatedAt }),
    [data, enabled, firstSync, dataUpdatedAt],
  );
  if (result.status === 'error' && shouldThrow(throwOnError, result.error)) throw result.error;
  return result;
}

function shouldThrow(throwOnError: ThrowOnError, error: Error): boolean {
  return typeof throwOnError === 'function' ? throwOnError(error) : throwOnError;
}
