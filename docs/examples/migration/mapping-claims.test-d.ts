// The type-level claims of the migration guide's mapping, checked by `tsc -p docs/tsconfig.json`:
// React Query options TinySync does not take fail to compile rather than being ignored.
import { createHooks } from '@tinysync/react';
import { appSchema } from '@tinysync/store';
import { expectTypeOf } from 'vitest';

const { useTasks, useTask, useSuspenseTasks, useInfiniteTasks, useUpdateTask } =
  createHooks(appSchema);

export function QueryOptionsTinySyncRefuses() {
  // @ts-expect-error staleTime: not needed, the store is live
  useTasks(undefined, { staleTime: 60_000 });
  // @ts-expect-error placeholderData: not needed, a new filter is read in the same render
  useTasks({ status: 'done' }, { placeholderData: [] });
  // @ts-expect-error the row hooks take no select: derive in render
  useTask('t1', { select: (task: unknown) => task });
  // @ts-expect-error a Suspense hook is always enabled, as useSuspenseQuery
  useSuspenseTasks(undefined, { enabled: false });
  // @ts-expect-error the infinite hook's filter argument is required (pass undefined)
  useInfiniteTasks({ pageSize: 20 });
  const infinite = useInfiniteTasks(undefined, { pageSize: 20 });
  // @ts-expect-error fetchNextPage takes no options
  void infinite.fetchNextPage({ cancelRefetch: false });
  const tasks = useTasks();
  // @ts-expect-error refetch takes no options: there is nothing to fetch
  void tasks.refetch({ cancelRefetch: true });
  expectTypeOf(tasks.isPlaceholderData).toEqualTypeOf<false>();
}

export function MutationCallbacksAsReactQuery() {
  useUpdateTask({
    onMutate: (variables) => ({ previousStatus: variables.status }),
    // The third argument is what onMutate returned, as React Query's `onMutateResult`.
    onError: (error, variables, context) => {
      expectTypeOf(error).toEqualTypeOf<Error>();
      expectTypeOf(variables.id).toEqualTypeOf<string>();
      expectTypeOf(context).toEqualTypeOf<
        { previousStatus: typeof variables.status } | undefined
      >();
    },
  });
  // @ts-expect-error onMutate gets no second argument (React Query's MutationFunctionContext)
  useUpdateTask({ onMutate: (_variables, context: { client: unknown }) => context });
}
