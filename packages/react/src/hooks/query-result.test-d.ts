import type { UseQueryResult } from '@tanstack/react-query';
import { appSchema, type RowWithId } from '@tinysync/store';
import { describe, expectTypeOf, it } from 'vitest';
import { createHooks } from '../create-hooks.js';
import type { FetchStatus } from './first-sync.js';

const hooks = createHooks(appSchema);
type User = RowWithId<typeof appSchema, 'users'>;

describe('query results are unions discriminated by status, as React Query v5', () => {
  it("status 'success' narrows data (and the short form) and error", () => {
    const list = hooks.useUsers();
    if (list.status === 'success') {
      expectTypeOf(list.data).toEqualTypeOf<User[]>();
      expectTypeOf(list.users).toEqualTypeOf<User[]>();
      expectTypeOf(list.error).toEqualTypeOf<null>();
      expectTypeOf(list.isSuccess).toEqualTypeOf<true>();
    }
    if (list.isSuccess) expectTypeOf(list.data).toEqualTypeOf<User[]>();
    // @ts-expect-error data may be undefined before narrowing
    list.data.length;
  });

  it("'error' and isError narrow error to an Error and data to undefined", () => {
    const list = hooks.useUsers();
    if (list.isError) {
      expectTypeOf(list.error).toEqualTypeOf<Error>();
      expectTypeOf(list.data).toEqualTypeOf<undefined>();
      expectTypeOf(list.status).toEqualTypeOf<'error'>();
      expectTypeOf(list.isLoadingError).toEqualTypeOf<true>();
    }
    if (list.status === 'pending') {
      expectTypeOf(list.data).toEqualTypeOf<undefined>();
      expectTypeOf(list.error).toEqualTypeOf<null>();
    }
    if (list.isLoading) expectTypeOf(list.fetchStatus).toEqualTypeOf<'fetching'>();
    if (list.status === 'pending' && !list.isLoading) {
      expectTypeOf(list.fetchStatus).toEqualTypeOf<'paused' | 'idle'>();
    }
  });

  it('select changes the narrowed data type; the row hook keeps undefined for an absent row', () => {
    const count = hooks.useUsers(undefined, { select: (rows) => rows.length });
    if (count.isSuccess) expectTypeOf(count.data).toEqualTypeOf<number>();
    const one = hooks.useUser('u1');
    if (one.isSuccess) expectTypeOf(one.user).toEqualTypeOf<User | undefined>();
    if (one.isPending) expectTypeOf(one.user).toEqualTypeOf<undefined>();
  });

  it("has the fields React Query's useQuery result has, with its types", () => {
    const list = hooks.useUsers();
    expectTypeOf(list.fetchStatus).toEqualTypeOf<FetchStatus>();
    expectTypeOf(list.fetchStatus).toEqualTypeOf<UseQueryResult['fetchStatus']>();
    expectTypeOf(list.dataUpdatedAt).toEqualTypeOf<number>();
    expectTypeOf(list.errorUpdatedAt).toEqualTypeOf<number>();
    expectTypeOf(list.failureCount).toEqualTypeOf<number>();
    expectTypeOf(list.failureReason).toEqualTypeOf<Error | null>();
    expectTypeOf(list.isPlaceholderData).toEqualTypeOf<false>();
    expectTypeOf(list.isRefetchError).toEqualTypeOf<false>();
    for (const flag of [
      list.isRefetching,
      list.isFetched,
      list.isFetchedAfterMount,
      list.isStale,
      list.isPaused,
      list.isFetching,
      list.isEnabled,
    ]) {
      expectTypeOf(flag).toEqualTypeOf<boolean>();
    }
    expectTypeOf(list.status).toEqualTypeOf<UseQueryResult['status']>();
  });

  it('throwOnError takes a boolean or a function of the error', () => {
    hooks.useUsers(undefined, { throwOnError: true });
    hooks.useUser('u1', { throwOnError: (error) => error.name === 'SessionRefusedError' });
    // @ts-expect-error throwOnError is a boolean or a function
    hooks.useUsers(undefined, { throwOnError: 'always' });
  });
});

describe('Suspense hooks', () => {
  it('always have data: status success, no undefined', () => {
    const list = hooks.useSuspenseUsers({ role: 'admin' }, { sortBy: 'name' });
    expectTypeOf(list.data).toEqualTypeOf<User[]>();
    expectTypeOf(list.users).toEqualTypeOf<User[]>();
    expectTypeOf(list.status).toEqualTypeOf<'success'>();
    expectTypeOf(list.error).toEqualTypeOf<null>();
    const names = hooks.useSuspenseUsers(undefined, {
      select: (rows) => rows.map((user) => user.name),
    });
    expectTypeOf(names.data).toEqualTypeOf<string[]>();
    expectTypeOf(hooks.useSuspenseProjects().projects).toEqualTypeOf<
      RowWithId<typeof appSchema, 'projects'>[]
    >();
  });

  it('nest included rows as the regular hooks do', () => {
    type Project = RowWithId<typeof appSchema, 'projects'>;
    const tasks = hooks.useSuspenseTasks(undefined, { include: { assignee: true, project: true } });
    expectTypeOf(tasks.data[0]?.assignee).toEqualTypeOf<User | undefined>();
    expectTypeOf(tasks.tasks[0]?.project).toEqualTypeOf<Project | undefined>();
    const task = hooks.useSuspenseTask('t1', { include: { project: true } });
    expectTypeOf(task.task?.project).toEqualTypeOf<Project | undefined>();
    // @ts-expect-error only reference cells can be included
    hooks.useSuspenseTasks(undefined, { include: { title: true } });
  });

  it('the row hook takes an id (no undefined) and gives the row or undefined when absent', () => {
    expectTypeOf(hooks.useSuspenseUser('u1').user).toEqualTypeOf<User | undefined>();
    // @ts-expect-error a Suspense row hook needs an id
    hooks.useSuspenseUser(undefined);
    // @ts-expect-error a Suspense hook cannot be disabled, as useSuspenseQuery
    hooks.useSuspenseUsers(undefined, { enabled: false });
  });
});
