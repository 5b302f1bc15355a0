import { useTinySyncSession } from '../tinysync-context.js';
import { firstSyncOf } from './first-sync.js';
import { OfflineWithoutDataError } from './offline-without-data-error.js';
import type { QueryResult, SuspenseQueryResult } from './query-result.js';

/**
 * React Query's `useSuspenseQuery` contract on top of a query result: returns it once it has
 * data; suspends (throws a promise) while the first sync runs with nothing local; throws the
 * error to the error boundary when it failed, or `OfflineWithoutDataError` when offline with
 * nothing local, rather than suspending for as long as the device stays offline.
 */
export function useSuspendUntilLoaded<Data>(result: QueryResult<Data>): SuspenseQueryResult<Data> {
  const { app, client } = useTinySyncSession('a Suspense query hook');
  if (result.status === 'success') return result;
  if (result.status === 'error') throw result.error;
  // Pending is only possible with a sync client: without one the store is all there is.
  if (result.fetchStatus === 'paused' || client === undefined) throw new OfflineWithoutDataError();
  throw firstSyncOf(app, client).settled();
}
