import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { appSchema, ValidationError } from '@tinysync/store';
import { memo, StrictMode, useLayoutEffect } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createHooks } from './create-hooks.js';
import { FreshStoreProvider } from './test-wrapper.js';
import { useStore } from './use-store.js';
import { useSyncStatus } from './use-sync-status.js';
import { useUndo } from './use-undo.js';

const { useUsers, useUser, useCreateUser, useUpdateUser, useDeleteUser, useTasks } =
  createHooks(appSchema);

/** Renders several hooks together under one fresh provider, once it has loaded. */
async function renderHooks<R>(hooks: () => R) {
  const rendered = renderHook(hooks, { wrapper: FreshStoreProvider });
  await waitFor(() => expect(rendered.result.current).not.toBeNull());
  return rendered;
}

const ada = { name: 'Ada', email: 'ada@example.com' };

describe('generated query hooks', () => {
  it("return React Query's shape plus the short form, and follow the store", async () => {
    const { result } = await renderHooks(() => ({ list: useUsers(), create: useCreateUser() }));
    expect(result.current.list).toMatchObject({
      data: [],
      users: [],
      status: 'success',
      isLoading: false,
      isPending: false,
      isSuccess: true,
      isError: false,
      error: null,
      isFetching: false,
      loading: false,
    });
    act(() => result.current.create.mutate({ ...ada, id: 'u1' }));
    expect(result.current.list.data).toEqual([
      expect.objectContaining({ id: 'u1', name: 'Ada', role: 'member' }),
    ]);
    expect(result.current.create).toMatchObject({
      status: 'success',
      isSuccess: true,
      data: { id: 'u1' },
    });
    await expect(result.current.list.refetch()).resolves.toMatchObject({ status: 'success' });
  });

  it('filter, sort, limit, select and enabled work like list options', async () => {
    const { result } = await renderHooks(() => ({
      store: useStore<typeof appSchema>(),
      admins: useUsers({ role: 'admin' }, { sortBy: 'name' }),
      firstByName: useUsers(undefined, { sortBy: 'name', limit: 1 }),
      wrapped: useUsers((user) => user.name.startsWith('B'), {
        select: (rows) => ({ users: rows }),
      }),
      disabled: useUsers(undefined, { enabled: false }),
    }));
    act(() => {
      result.current.store.tables.users.create({ ...ada, name: 'Cy', role: 'admin' });
      result.current.store.tables.users.create({ ...ada, name: 'Bo' });
      result.current.store.tables.users.create({ ...ada, name: 'Al', role: 'admin' });
    });
    expect(result.current.admins.data?.map((user) => user.name)).toEqual(['Al', 'Cy']);
    expect(result.current.firstByName.data?.map((user) => user.name)).toEqual(['Al']);
    expect(result.current.wrapped.data?.users.map((user) => user.name)).toEqual(['Bo']);
    expect(result.current.disabled).toMatchObject({
      data: undefined,
      status: 'pending',
      isPending: true,
    });
  });

  it('useUser returns one row, or undefined, and its short form', async () => {
    const { result } = await renderHooks(() => ({
      store: useStore<typeof appSchema>(),
      one: useUser('u1'),
      none: useUser(undefined),
    }));
    expect(result.current.one.data).toBeUndefined();
    act(() => void result.current.store.tables.users.create({ ...ada, id: 'u1' }));
    expect(result.current.one.user).toMatchObject({ id: 'u1', name: 'Ada' });
    expect(result.current.none).toMatchObject({ data: undefined, status: 'pending' });
  });
});

describe('generated mutation hooks', () => {
  it('update takes { id, ...cells }; delete takes the id', async () => {
    const { result } = await renderHooks(() => ({
      users: useUsers(),
      create: useCreateUser(),
      update: useUpdateUser(),
      remove: useDeleteUser(),
    }));
    act(() => result.current.create.mutate({ ...ada, id: 'u1' }));
    act(() => result.current.update.mutate({ id: 'u1', role: 'admin' }));
    expect(result.current.users.data?.[0]).toMatchObject({ id: 'u1', role: 'admin' });
    act(() => result.current.remove.mutate('u1'));
    expect(result.current.users.data).toEqual([]);
  });

  it('surface validation errors as error, call onError, and leave the store untouched', async () => {
    const onError = vi.fn();
    const onSuccess = vi.fn();
    const { result } = await renderHooks(() => ({
      store: useStore<typeof appSchema>(),
      create: useCreateUser({ onError, onSuccess }),
    }));
    const before = JSON.stringify(result.current.store.store.getMergeableContent());
    act(() => result.current.create.mutate({ name: '', email: 'nope' }));
    expect(result.current.create).toMatchObject({ status: 'error', isError: true });
    expect(result.current.create.error).toBeInstanceOf(ValidationError);
    // No onMutate: the context is undefined, as in React Query.
    expect(onError).toHaveBeenCalledWith(
      expect.any(ValidationError),
      { name: '', email: 'nope' },
      undefined,
    );
    expect(onSuccess).not.toHaveBeenCalled();
    expect(JSON.stringify(result.current.store.store.getMergeableContent())).toBe(before);

    await act(() =>
      expect(result.current.create.mutateAsync({ name: '', email: 'x' })).rejects.toThrow(
        ValidationError,
      ),
    );
    act(() => result.current.create.reset());
    expect(result.current.create).toMatchObject({ status: 'idle', error: null, isIdle: true });
  });
});

/** Render counts per component, for the precise re-render test. */
const renders = new Map<string, number>();
const countRender = (name: string) => renders.set(name, (renders.get(name) ?? 0) + 1);
let capturedStore: ReturnType<typeof useStore<typeof appSchema>> | undefined;

const UserRow = memo(function UserRow({ id }: { id: string }) {
  const { user } = useUser(id);
  countRender(id);
  return <li>{user?.name}</li>;
});

function UserList() {
  const { users } = useUsers(undefined, { sortBy: 'name' });
  countRender('list');
  return (
    <ul>
      {users?.map((user) => (
        <UserRow key={user.id} id={user.id} />
      ))}
    </ul>
  );
}

function CaptureStore() {
  capturedStore = useStore<typeof appSchema>();
  return null;
}

/** Writes after the hooks above it rendered but before they subscribed (layout effects run first). */
function CreateUserInLayoutEffect() {
  const store = useStore<typeof appSchema>();
  useLayoutEffect(() => {
    store.tables.users.create({ id: 'early', name: 'Early', email: 'early@example.com' });
  }, [store]);
  return null;
}

function EarlyUserView() {
  const { users } = useUsers();
  const { user } = useUser('early');
  return (
    <p>
      {users?.length} users, {user?.name ?? 'no row'}
    </p>
  );
}

function TaskCount() {
  const { tasks } = useTasks();
  return <p>{tasks?.length} tasks</p>;
}

describe('precise re-renders', () => {
  it('changing one cell re-renders that row and its list, not the other rows', async () => {
    capturedStore = undefined;
    render(
      <FreshStoreProvider>
        <CaptureStore />
        <UserList />
      </FreshStoreProvider>,
    );
    await waitFor(() => expect(capturedStore).toBeDefined());
    act(() => {
      for (const name of ['Ada', 'Bo', 'Cy'])
        capturedStore?.tables.users.create({ ...ada, id: name, name });
    });
    await screen.findByText('Cy');
    renders.clear();
    act(() => void capturedStore?.tables.users.update('Bo', { email: 'bo@example.com' }));
    expect(Object.fromEntries(renders)).toEqual({ list: 1, Bo: 1 });
  });
});

describe('subscription timing', () => {
  it('sees a change made between render and subscription', async () => {
    render(
      <FreshStoreProvider>
        <EarlyUserView />
        <CreateUserInLayoutEffect />
      </FreshStoreProvider>,
    );
    expect(await screen.findByText('1 users, Early')).toBeDefined();
  });
});

describe('status, undo and the provider', () => {
  it('useSyncStatus is offline without a server, useUndo reverts the last write', async () => {
    const { result } = await renderHooks(() => ({
      status: useSyncStatus(),
      undo: useUndo(),
      create: useCreateUser(),
      users: useUsers(),
    }));
    expect(result.current.status).toMatchObject({
      status: 'offline',
      pendingChanges: 0,
      readOnly: false,
    });
    act(() => result.current.create.mutate(ada));
    expect(result.current.undo).toMatchObject({ canUndo: true, undoLabel: 'create users' });
    act(() => void result.current.undo.undo());
    expect(result.current.users.data).toEqual([]);
    expect(result.current.undo.canRedo).toBe(true);
  });

  it('shows the fallback until local data has loaded, and works under StrictMode', async () => {
    render(
      <StrictMode>
        <FreshStoreProvider>
          <TaskCount />
        </FreshStoreProvider>
      </StrictMode>,
    );
    expect(screen.getByText('loading…')).toBeDefined();
    expect(await screen.findByText('0 tasks')).toBeDefined();
  });

  it('explains a hook used outside the provider', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => renderHook(() => useUsers())).toThrow('must be used inside <TinySyncProvider>');
  });
});
