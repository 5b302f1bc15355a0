import type { AnySchema, RowWithId, TableId } from '@tinysync/store';
import type { SuspenseQueryResult } from './query-result.js';
import { useSuspendUntilLoaded } from './suspend-until-loaded.js';
import { type RowOptions, useTableRow } from './use-table-row.js';

/** A Suspense row is always enabled and always throws its errors, as `useSuspenseQuery`. */
export type SuspenseRowOptions = Omit<RowOptions, 'enabled' | 'throwOnError'>;

/**
 * One row by id, as `useTableRow`, for a component under `<Suspense>`: it renders once there is
 * data (local rows, or the first sync delivered). `data` is the row, or undefined when the
 * store, once loaded, has no row with this id (React Query would give the queryFn's `null`).
 */
export function useSuspenseTableRow<S extends AnySchema, T extends TableId<S>>(
  tableId: T,
  rowId: string,
  options: SuspenseRowOptions = {},
): SuspenseQueryResult<RowWithId<S, T> | undefined> {
  const result = useTableRow<S, T>(tableId, rowId, options);
  return useSuspendUntilLoaded(result);
}
