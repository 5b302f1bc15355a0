import {
  type AnySchema,
  type CreateInput,
  type IncludeOption,
  ReadOnlyError,
  type RowWithId,
  type RowWithIncluded,
  type TableId,
  type TinySyncStore,
  type UpdatePatch,
} from '@tinysync/store';
import { useCallback, useMemo } from 'react';
import { capitalize, type RowName, rowName } from './hook-names.js';
import type { InfiniteRows } from './hooks/infinite-pages.js';
import type { QueryResult, SuspenseQueryResult, WithDataAs } from './hooks/query-result.js';
import type { NoInclude, WithIncludeOption } from './hooks/use-included-rows.js';
import {
  type InfiniteOptions,
  type InfiniteQueryResult,
  useInfiniteRows,
} from './hooks/use-infinite-rows.js';
import { type SuspenseRowOptions, useSuspenseTableRow } from './hooks/use-suspense-table-row.js';
import { type SuspenseRowsOptions, useSuspenseTableRows } from './hooks/use-suspense-table-rows.js';
import {
  type MutationOptions,
  type MutationResult,
  useTableMutation,
} from './hooks/use-table-mutation.js';
import { type RowOptions, useTableRow } from './hooks/use-table-row.js';
import { type RowsFilter, type RowsOptions, useTableRows } from './hooks/use-table-rows.js';
import { useTinySyncSession } from './tinysync-context.js';

type ListHook<S extends AnySchema, T extends TableId<S>> = <
  const I extends IncludeOption<S, T> = NoInclude,
  Data = RowWithIncluded<S, T, I>[],
>(
  filter?: RowsFilter<S, T>,
  options?: WithIncludeOption<RowsOptions<S, T, Data>, S, T, I, Data>,
) => WithDataAs<QueryResult<Data>, T>;

type RowHook<S extends AnySchema, T extends TableId<S>> = <
  const I extends IncludeOption<S, T> = NoInclude,
>(
  rowId: string | undefined,
  options?: WithIncludeOption<RowOptions, S, T, I, never>,
) => WithDataAs<QueryResult<RowWithIncluded<S, T, I> | undefined>, RowName<T>>;

type SuspenseListHook<S extends AnySchema, T extends TableId<S>> = <
  const I extends IncludeOption<S, T> = NoInclude,
  Data = RowWithIncluded<S, T, I>[],
>(
  filter?: RowsFilter<S, T>,
  options?: WithIncludeOption<SuspenseRowsOptions<S, T, Data>, S, T, I, Data>,
) => WithDataAs<SuspenseQueryResult<Data>, T>;

type SuspenseRowHook<S extends AnySchema, T extends TableId<S>> = <
  const I extends IncludeOption<S, T> = NoInclude,
>(
  rowId: string,
  options?: WithIncludeOption<SuspenseRowOptions, S, T, I, never>,
) => WithDataAs<SuspenseQueryResult<RowWithIncluded<S, T, I> | undefined>, RowName<T>>;

type InfiniteListHook<S extends AnySchema, T extends TableId<S>> = <
  const I extends IncludeOption<S, T> = NoInclude,
  Data = InfiniteRows<RowWithIncluded<S, T, I>>,
>(
  filter: RowsFilter<S, T> | undefined,
  options: InfiniteOptions<S, T, I, Data>,
) => InfiniteQueryResult<Data>;

export type UpdateVariables<S extends AnySchema, T extends TableId<S>> = {
  readonly id: string;
} & UpdatePatch<S, T>;

/** `Context` is what the hook's `onMutate` returns, as in React Query. */
type MutationHook<Variables, Result> = <Context = unknown>(
  options?: MutationOptions<Variables, Result, Context>,
) => MutationResult<Variables, Result, Context>;

/** The hooks `createHooks(schema)` generates, named from the schema's table ids. */
export type TinySyncHooks<S extends AnySchema> = {
  readonly [T in TableId<S> as `use${Capitalize<T>}`]: ListHook<S, T>;
} & {
  readonly [T in TableId<S> as `use${Capitalize<RowName<T>>}`]: RowHook<S, T>;
} & {
  readonly [T in TableId<S> as `useSuspense${Capitalize<T>}`]: SuspenseListHook<S, T>;
} & {
  readonly [T in TableId<S> as `useSuspense${Capitalize<RowName<T>>}`]: SuspenseRowHook<S, T>;
} & {
  readonly [T in TableId<S> as `useInfinite${Capitalize<T>}`]: InfiniteListHook<S, T>;
} & {
  readonly [T in TableId<S> as `useCreate${Capitalize<RowName<T>>}`]: MutationHook<
    CreateInput<S, T>,
    RowWithId<S, T>
  >;
} & {
  readonly [T in TableId<S> as `useUpdate${Capitalize<RowName<T>>}`]: MutationHook<
    UpdateVariables<S, T>,
    RowWithId<S, T>
  >;
} & {
  readonly [T in TableId<S> as `useDelete${Capitalize<RowName<T>>}`]: MutationHook<string, void>;
};

/**
 * Generates typed hooks for every table of a schema, shaped like React Query's so components
 * can move over one at a time:
 *
 * ```ts
 * export const { useUsers, useUser, useCreateUser, useUpdateUser, useDeleteUser } =
 *   createHooks(appSchema);
 * const { data, isLoading, users } = useUsers({ role: 'admin' }, { sortBy: 'name' });
 * ```
 */
export function createHooks<S extends AnySchema>(schema: S): TinySyncHooks<S> {
  const hooks: Record<string, unknown> = {};
  for (const tableId of schema.tableIds as TableId<S>[]) {
    const plural = capitalize(tableId);
    const singular = capitalize(rowName(tableId));
    const shortRowKey = rowName(tableId);

    hooks[`use${plural}`] = (
      filter?: RowsFilter<S, typeof tableId>,
      options?: RowsOptions<S, typeof tableId, unknown>,
    ) => {
      const result = useTableRows<S, typeof tableId, unknown>(tableId, filter, options);
      return useDataAs(result, tableId);
    };
    hooks[`use${singular}`] = (rowId: string | undefined, options?: RowOptions) => {
      const result = useTableRow<S, typeof tableId>(tableId, rowId, options);
      return useDataAs(result, shortRowKey);
    };
    hooks[`useSuspense${plural}`] = (
      filter?: RowsFilter<S, typeof tableId>,
      options?: SuspenseRowsOptions<S, typeof tableId, unknown>,
    ) => {
      const result = useSuspenseTableRows<S, typeof tableId, unknown>(tableId, filter, options);
      return useDataAs(result, tableId);
    };
    hooks[`useSuspense${singular}`] = (rowId: string, options?: SuspenseRowOptions) => {
      const result = useSuspenseTableRow<S, typeof tableId>(tableId, rowId, options);
      return useDataAs(result, shortRowKey);
    };
    hooks[`useInfinite${plural}`] = (
      filter: RowsFilter<S, typeof tableId> | undefined,
      options: InfiniteOptions<S, typeof tableId, NoInclude, unknown>,
    ) => useInfiniteRows<S, typeof tableId, unknown>(tableId, filter, options);
    hooks[`useCreate${singular}`] = (options?: MutationOptions<unknown, unknown>) => {
      const table = useTable<S>(tableId);
      const create = useCallback((input: unknown) => table.create(input as never), [table]);
      return useTableMutation(create, options);
    };
    hooks[`useUpdate${singular}`] = (options?: MutationOptions<unknown, unknown>) => {
      const table = useTable<S>(tableId);
      const update = useCallback(
        ({ id, ...patch }: { id: string }) => table.update(id, patch as never),
        [table],
      );
      return useTableMutation(update as (variables: unknown) => unknown, options);
    };
    hooks[`useDelete${singular}`] = (options?: MutationOptions<unknown, unknown>) => {
      const table = useTable<S>(tableId);
      const remove = useCallback((rowId: unknown) => table.delete(rowId as string), [table]);
      return useTableMutation(remove, options);
    };
  }
  return hooks as TinySyncHooks<S>;
}

/** The result with `data` also under the table's or row's name; a new object only with it. */
function useDataAs<R extends { readonly data: unknown }>(result: R, name: string) {
  return useMemo(() => ({ ...result, [name]: result.data }), [result, name]);
}

/**
 * The table's operations for a mutation hook. When the server has said this session is
 * read-only, writes fail with a `ReadOnlyError` instead of changing only the local copy.
 */
function useTable<S extends AnySchema>(tableId: TableId<S>) {
  const { app, client } = useTinySyncSession(`the ${tableId} mutation hooks`);
  const table = (app as TinySyncStore<S>).tables[tableId];
  return useMemo(() => {
    const assertWritable = () => {
      if (client?.getSnapshot().readOnly) throw new ReadOnlyError();
    };
    return {
      create(input: never) {
        assertWritable();
        return table.create(input);
      },
      update(rowId: string, patch: never) {
        assertWritable();
        return table.update(rowId, patch);
      },
      delete(rowId: string) {
        assertWritable();
        table.delete(rowId);
      },
    };
  }, [client, table]);
}
