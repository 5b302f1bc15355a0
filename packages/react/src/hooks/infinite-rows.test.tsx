import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { appSchema } from '@tinysync/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHooks } from '../create-hooks.js';
import { FreshStoreProvider } from '../test-wrapper.js';
import { useStore } from '../use-store.js';
import { ShowError } from './show-error.fixture.js';

const { useInfiniteUsers, useInfiniteTasks } = createHooks(appSchema);
type AppStore = ReturnType<typeof useStore<typeof appSchema>>;

afterEach(cleanup);

async function renderHooks<R, P>(hooks: (props: P) => R, initialProps?: P) {
  const rendered = renderHook(hooks, {
    wrapper: FreshStoreProvider,
    ...(initialProps === undefined ? {} : { initialProps }),
  });
  await waitFor(() => expect(rendered.result.current).not.toBeNull());
  return rendered;
}

/** Users u00…u(count-1), named so that name order is id order. */
function addUsers(app: AppStore, count: number, role: 'admin' | 'member' = 'member') {
  app.batch(() => {
    for (let index = 0; index < count; index++) {
      const id = `u${String(index).padStart(2, '0')}`;
      app.tables.users.create({ id, name: `User ${id}`, email: `${id}@example.com`, role });
    }
  });
}

/**
 * Calls `fetch` in a synchronous act, which commits the new page, then awaits its promise: an
 * async act would hold the commit back until the promise resolved, and it resolves on commit.
 */
async function inAct<R>(fetch: () => Promise<R>): Promise<R> {
  let promise: Promise<R> | undefined;
  act(() => {
    promise = fetch();
  });
  return (await promise) as R;
}

/** A filter that lets every row through, counting the rows the list built to ask it. */
let rowsRead = 0;
const countRowsRead = () => {
  rowsRead++;
  return true;
};

const idsOf = (pages: readonly (readonly { id: string }[])[] | undefined) =>
  pages?.map((page) => page.map((row) => row.id));

describe('useInfinite<Table>', () => {
  it("pages through the rows with useInfiniteQuery's result", async () => {
    const { result } = await renderHooks(() => ({
      app: useStore<typeof appSchema>(),
      users: useInfiniteUsers(undefined, { pageSize: 2, sortBy: 'name' }),
    }));
    act(() => addUsers(result.current.app, 5));
    expect(result.current.users).toMatchObject({
      status: 'success',
      isSuccess: true,
      hasNextPage: true,
      isFetchingNextPage: false,
      hasPreviousPage: false,
      isFetchingPreviousPage: false,
      isFetchNextPageError: false,
      data: { pageParams: [0] },
    });
    expect(idsOf(result.current.users.data?.pages)).toEqual([['u00', 'u01']]);

    const next = await inAct(() => result.current.users.fetchNextPage());
    expect(idsOf(next.data?.pages)).toEqual([
      ['u00', 'u01'],
      ['u02', 'u03'],
    ]);
    expect(next).toBe(result.current.users);
    await inAct(() => result.current.users.fetchNextPage());
    expect(idsOf(result.current.users.data?.pages)).toEqual([
      ['u00', 'u01'],
      ['u02', 'u03'],
      ['u04'],
    ]);
    expect(result.current.users.data?.pageParams).toEqual([0, 2, 4]);
    expect(result.current.users.hasNextPage).toBe(false);

    // Nothing past the end: the result stays as it is.
    const last = result.current.users;
    await expect(inAct(() => last.fetchNextPage())).resolves.toBe(last);
    await expect(inAct(() => last.fetchPreviousPage())).resolves.toBe(last);
    expect(result.current.users).toBe(last);
  });

  it('follows the store, keeping the rows and pages that did not change', async () => {
    const { result } = await renderHooks(() => ({
      app: useStore<typeof appSchema>(),
      users: useInfiniteUsers(undefined, { pageSize: 2, sortBy: 'name' }),
    }));
    act(() => addUsers(result.current.app, 4));
    await inAct(() => result.current.users.fetchNextPage());
    const before = result.current.users.data?.pages;

    act(() => void result.current.app.tables.users.update('u03', { email: 'new@example.com' }));
    const after = result.current.users.data?.pages;
    expect(after?.[0]).toBe(before?.[0]);
    expect(after?.[1]?.[0]).toBe(before?.[1]?.[0]);
    expect(after?.[1]?.[1]).toMatchObject({ id: 'u03', email: 'new@example.com' });

    // A row sorting first moves every row down a place; the pages stay two pages.
    act(() => void result.current.app.tables.users.create({ ...ada, id: 'a', name: 'Aaron' }));
    expect(idsOf(result.current.users.data?.pages)).toEqual([
      ['a', 'u00'],
      ['u01', 'u02'],
    ]);
    expect(result.current.users.data?.pages[0]?.[1]).toBe(before?.[0]?.[0]);
    expect(result.current.users.hasNextPage).toBe(true);
  });

  it('starts over from one page when the filter or the sort changes', async () => {
    const { result, rerender } = await renderHooks(
      ({ role }: { role: 'admin' | 'member' }) => ({
        app: useStore<typeof appSchema>(),
        users: useInfiniteUsers({ role }, { pageSize: 2, sortBy: 'name' }),
      }),
      { role: 'member' },
    );
    act(() => {
      addUsers(result.current.app, 5);
      result.current.app.tables.users.create({ ...ada, id: 'z1', name: 'Zed', role: 'admin' });
    });
    await inAct(() => result.current.users.fetchNextPage());
    expect(result.current.users.data?.pages).toHaveLength(2);
    rerender({ role: 'admin' });
    expect(idsOf(result.current.users.data?.pages)).toEqual([['z1']]);
    expect(result.current.users.hasNextPage).toBe(false);
    rerender({ role: 'member' });
    expect(idsOf(result.current.users.data?.pages)).toEqual([['u00', 'u01']]);
  });

  it('takes select, include and enabled', async () => {
    const { result } = await renderHooks(() => ({
      app: useStore<typeof appSchema>(),
      names: useInfiniteUsers(undefined, {
        pageSize: 2,
        sortBy: 'name',
        descending: true,
        select: (data) => data.pages.flat().map((user) => user.name),
      }),
      tasks: useInfiniteTasks(undefined, { pageSize: 1, include: { assignee: true } }),
      disabled: useInfiniteUsers(undefined, { pageSize: 2, enabled: false }),
    }));
    act(() => {
      addUsers(result.current.app, 3);
      result.current.app.tables.projects.create({ id: 'p1', name: 'Launch', ownerId: 'u00' });
      result.current.app.tables.tasks.create({ title: 'One', projectId: 'p1', assigneeId: 'u01' });
    });
    expect(result.current.names.data).toEqual(['User u02', 'User u01']);
    expect(result.current.tasks.data?.pages[0]?.[0]?.assignee?.name).toBe('User u01');
    expect(result.current.disabled).toMatchObject({
      status: 'pending',
      data: undefined,
      hasNextPage: false,
    });
    const disabled = result.current.disabled;
    await expect(inAct(() => disabled.fetchNextPage())).resolves.toBe(disabled);
  });

  it('reads the rows of the loaded pages, not the table', async () => {
    const { result } = await renderHooks(() => ({
      app: useStore<typeof appSchema>(),
      users: useInfiniteUsers(countRowsRead, { pageSize: 10 }),
    }));
    act(() => addUsers(result.current.app, 1_000));
    rowsRead = 0;
    await inAct(() => result.current.users.fetchNextPage());
    expect(result.current.users.data?.pages.flat()).toHaveLength(20);
    // The two pages and the one row that says there is a next page, of a thousand.
    expect(rowsRead).toBe(21);
  });

  it('refuses a page size that is not a positive whole number', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <FreshStoreProvider>
        <ShowError>
          <ZeroPageSize />
        </ShowError>
      </FreshStoreProvider>,
    );
    expect(
      await screen.findByText('pageSize must be a positive whole number, got 0'),
    ).toBeDefined();
    vi.restoreAllMocks();
  });
});

function ZeroPageSize() {
  useInfiniteUsers(undefined, { pageSize: 0 });
  return null;
}

const ada = { name: 'Ada', email: 'ada@example.com' };
