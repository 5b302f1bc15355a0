import { appSchema, type RowWithId } from '@tinysync/store';
import { describe, expectTypeOf, it } from 'vitest';
import { createHooks } from '../create-hooks.js';
import type { InfiniteRows } from './infinite-pages.js';

const hooks = createHooks(appSchema);
type User = RowWithId<typeof appSchema, 'users'>;

describe('useInfinite<Table> types', () => {
  it("has useInfiniteQuery's data and page fields", () => {
    const users = hooks.useInfiniteUsers(undefined, { pageSize: 20, sortBy: 'name' });
    expectTypeOf(users.data).toEqualTypeOf<InfiniteRows<User> | undefined>();
    expectTypeOf(users.fetchNextPage).returns.resolves.toHaveProperty('hasNextPage');
    expectTypeOf(users.hasNextPage).toEqualTypeOf<boolean>();
    expectTypeOf(users.isFetchingNextPage).toEqualTypeOf<false>();
    expectTypeOf(users.hasPreviousPage).toEqualTypeOf<false>();
    if (users.status === 'success') {
      expectTypeOf(users.data.pages).toEqualTypeOf<User[][]>();
      expectTypeOf(users.data.pageParams).toEqualTypeOf<number[]>();
    }
  });

  it('types select, include and the options from the schema', () => {
    const names = hooks.useInfiniteUsers(undefined, {
      pageSize: 10,
      select: (data) => data.pages.flat().map((user) => user.name),
    });
    expectTypeOf(names.data).toEqualTypeOf<string[] | undefined>();
    const tasks = hooks.useInfiniteTasks(
      { status: 'todo' },
      { pageSize: 10, include: { assignee: true } },
    );
    expectTypeOf(tasks.data?.pages[0]?.[0]?.assignee).toEqualTypeOf<User | undefined>();
    // @ts-expect-error pageSize is required
    hooks.useInfiniteUsers(undefined, {});
    // @ts-expect-error sortBy takes a cell of users
    hooks.useInfiniteUsers(undefined, { pageSize: 10, sortBy: 'title' });
    // @ts-expect-error pages replace limit and offset
    hooks.useInfiniteUsers(undefined, { pageSize: 10, limit: 5 });
    // @ts-expect-error users reference nothing
    hooks.useInfiniteUsers(undefined, { pageSize: 10, include: { project: true } });
  });
});
