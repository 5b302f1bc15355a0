import type { AnySchema, RowWithId, TableId } from '@tinysync/store';
import type { SuspenseQueryResult } from './query-result.js';
import { useSuspendUntilLoaded } from './suspend-until-loaded.js';
import { type RowsFilter, type RowsOptions, useTableRows } from './use-table-rows.js';

/** A Suspense list is always enabled and always throws its errors, as `useSuspenseQuery`. */
export type SuspenseRowsOptions<S extends AnySchema, T extends TableId<S>, Data> = Omit<
  RowsOptions<S, T, Data>,
  'enabled' | 'throwOnError'
>;

/**
 * The rows of a table, as `useTableRows`, for a component under `<Suspense>`: it renders once
 * there is data (local rows, or the first sync delivered), so `data` is always defined.
 */
export function useSuspenseTableRows<
  S extends AnySchema,
  T extends TableId<S>,
  Data = RowWithId<S, T>[],
>(
  tableId: T,
  filter?: RowsFilter<S, T>,
  options: SuspenseRowsOptions<S, T, Data> = {},
): SuspenseQueryResult<Data> {
  const result = useTableRows<S, T, Data>(tableId, filter, options);
  return useSuspendUntilLoaded(result);
}
