import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { appSchema, SessionRefusedError } from '@tinysync/store';
import { Component, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHooks } from '../create-hooks.js';
import { FreshStoreProvider } from '../test-wrapper.js';
import { useSyncStatus } from '../use-sync-status.js';
import { fakeSyncSession } from './sync-session.fixture.js';

const { useUsers, useUser } = createHooks(appSchema);
const ada = { id: 'u1', name: 'Ada', email: 'ada@example.com' };
const refused = () => new SessionRefusedError(401, 'token_expired', 'token expired');

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('honest loading: no local data, first sync running', () => {
  it('is loading until the server delivered the store, then shows its rows', () => {
    const sync = fakeSyncSession({ status: 'connecting' });
    const { result } = renderHook(() => ({ list: useUsers(), one: useUser('u1') }), {
      wrapper: sync.wrapper,
    });
    const loading = {
      status: 'pending',
      data: undefined,
      isLoading: true,
      isPending: true,
      isSuccess: false,
      fetchStatus: 'fetching',
      isFetching: true,
      isRefetching: false,
      isFetched: false,
      isStale: true,
      loading: true,
      dataUpdatedAt: 0,
    };
    expect(result.current.list).toMatchObject({ ...loading, users: undefined });
    expect(result.current.one).toMatchObject({ ...loading, user: undefined });

    // The synchronizer applies the server's rows before the server confirms: rows, still fetching.
    act(() => void sync.app.tables.users.create(ada));
    expect(result.current.list).toMatchObject({
      status: 'success',
      data: [expect.objectContaining({ name: 'Ada' })],
      isLoading: false,
      isFetching: true,
      isRefetching: true,
    });
    expect(result.current.one.user).toMatchObject({ name: 'Ada' });

    act(() => sync.confirmSynced());
    expect(result.current.list).toMatchObject({
      status: 'success',
      fetchStatus: 'idle',
      isFetching: false,
      isRefetching: false,
      isStale: false,
      isFetched: true,
      isFetchedAfterMount: true,
    });
  });

  it('an empty store on the server ends loading with an empty list', () => {
    const sync = fakeSyncSession({ status: 'syncing' });
    const { result } = renderHook(() => useUsers(), { wrapper: sync.wrapper });
    expect(result.current.isLoading).toBe(true);
    act(() => sync.confirmSynced());
    expect(result.current).toMatchObject({ status: 'success', data: [], isFetching: false });
  });

  it('offline with nothing local: pending, fetchStatus paused, not loading', () => {
    const sync = fakeSyncSession({ status: 'offline' });
    const { result } = renderHook(() => useUsers(), { wrapper: sync.wrapper });
    expect(result.current).toMatchObject({
      status: 'pending',
      fetchStatus: 'paused',
      isPaused: true,
      isPending: true,
      isLoading: false,
      isFetching: false,
      data: undefined,
    });
    act(() => sync.setSync({ status: 'connecting' }));
    expect(result.current).toMatchObject({ fetchStatus: 'fetching', isLoading: true });
  });

  it('a refused session with nothing local is the query error, until a sync succeeds', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_000);
    const sync = fakeSyncSession({ status: 'connecting' });
    const { result } = renderHook(() => useUsers(), { wrapper: sync.wrapper });
    const error = refused();
    act(() => sync.setSync({ status: 'unauthorized', error }));
    expect(result.current).toMatchObject({
      status: 'error',
      error,
      isError: true,
      isLoadingError: true,
      isRefetchError: false,
      isPending: false,
      isLoading: false,
      fetchStatus: 'idle',
      errorUpdatedAt: 1_000,
      failureCount: 1,
      failureReason: error,
      data: undefined,
    });

    // Retrying with a new token: still the error (as React Query while it refetches).
    act(() => sync.setSync({ status: 'connecting', error: null }));
    expect(result.current).toMatchObject({ status: 'error', error, fetchStatus: 'fetching' });
    now.mockReturnValue(2_000);
    const again = new Error('getToken failed');
    act(() => sync.setSync({ status: 'error', error: again }));
    expect(result.current).toMatchObject({ error: again, errorUpdatedAt: 2_000, failureCount: 2 });

    act(() => sync.confirmSynced());
    expect(result.current).toMatchObject({
      status: 'success',
      error: null,
      data: [],
      failureCount: 0,
      failureReason: null,
      errorUpdateCount: 2,
    });
  });
});

describe('honest loading: local data', () => {
  it('shows local rows at once, fetching while the first sync runs', () => {
    const sync = fakeSyncSession({ status: 'connecting' });
    sync.app.tables.users.create(ada);
    const { result } = renderHook(() => useUsers(), { wrapper: sync.wrapper });
    const before = result.current;
    expect(before).toMatchObject({
      status: 'success',
      data: [expect.objectContaining({ name: 'Ada' })],
      isFetching: true,
      isRefetching: true,
      fetchStatus: 'fetching',
      isStale: true,
    });
    act(() => sync.confirmSynced());
    expect(result.current).toMatchObject({ fetchStatus: 'idle', isFetching: false });
    expect(result.current.data).toBe(before.data);
    expect(result.current.dataUpdatedAt).toBe(before.dataUpdatedAt);
  });

  it('a sync failure with local rows leaves them shown: success, the failure as failureReason', () => {
    const sync = fakeSyncSession({ status: 'connecting' });
    sync.app.tables.users.create(ada);
    const { result } = renderHook(() => useUsers(), { wrapper: sync.wrapper });
    const error = refused();
    act(() => sync.setSync({ status: 'unauthorized', error }));
    expect(result.current).toMatchObject({
      status: 'success',
      isError: false,
      error: null,
      failureReason: error,
      failureCount: 1,
      fetchStatus: 'idle',
    });
  });

  it('offline with local rows: shown, fetchStatus paused', () => {
    const sync = fakeSyncSession({ status: 'offline' });
    sync.app.tables.users.create(ada);
    const { result } = renderHook(() => useUsers(), { wrapper: sync.wrapper });
    expect(result.current).toMatchObject({
      status: 'success',
      fetchStatus: 'paused',
      isPaused: true,
    });
  });

  it('a provider without a server is never loading', async () => {
    const { result } = renderHook(() => useUsers(), { wrapper: FreshStoreProvider });
    await vi.waitFor(() => expect(result.current).not.toBeNull());
    expect(result.current).toMatchObject({
      status: 'success',
      data: [],
      fetchStatus: 'idle',
      isLoading: false,
      isStale: false,
      isFetched: true,
    });
  });
});

describe('dataUpdatedAt', () => {
  it('moves when the shown rows change, and stays while other rows change', () => {
    const now = vi.spyOn(Date, 'now').mockReturnValue(1_000);
    const sync = fakeSyncSession({ status: 'synced', lastSyncedAt: 1 });
    sync.app.tables.users.create(ada);
    const { result } = renderHook(
      () => ({ admins: useUsers({ role: 'admin' }), ada: useUser('u1') }),
      { wrapper: sync.wrapper },
    );
    expect(result.current.admins.dataUpdatedAt).toBe(1_000);
    expect(result.current.ada.dataUpdatedAt).toBe(1_000);
    const admins = result.current.admins;

    now.mockReturnValue(2_000);
    act(() => void sync.app.tables.users.create({ ...ada, id: 'u2', name: 'Bo' }));
    expect(result.current.admins.dataUpdatedAt).toBe(1_000);
    expect(result.current.admins.data).toBe(admins.data);
    expect(result.current.ada.dataUpdatedAt).toBe(1_000);

    now.mockReturnValue(3_000);
    act(() => void sync.app.tables.users.update('u1', { role: 'admin' }));
    expect(result.current.admins.dataUpdatedAt).toBe(3_000);
    expect(result.current.ada.dataUpdatedAt).toBe(3_000);
  });
});

/** Shows the message of the error thrown below it. */
class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    return this.state.error ? <p role="alert">{this.state.error.message}</p> : this.props.children;
  }
}

function Users({ throwOnError }: { throwOnError: boolean | ((error: Error) => boolean) }) {
  const { status, users } = useUsers(undefined, { throwOnError });
  return <p>{`${status}: ${users?.length ?? '-'}`}</p>;
}

/** Render counts per component, for the subscription tests. */
const renders = new Map<string, number>();
const countRender = (name: string) => renders.set(name, (renders.get(name) ?? 0) + 1);

function DisabledUsers() {
  useUsers(undefined, { enabled: false });
  useUser('u1', { enabled: false });
  countRender('disabled');
  return null;
}
function EnabledUsers() {
  const { users } = useUsers();
  countRender('enabled');
  return <p>{users?.map((user) => user.name).join(',')}</p>;
}
function SyncStatus() {
  const { status, pendingChanges } = useSyncStatus();
  countRender('status');
  return <p>{`${status} ${pendingChanges}`}</p>;
}

describe('throwOnError', () => {
  it('throws the query error to the error boundary', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sync = fakeSyncSession({ status: 'connecting' });
    render(
      <sync.wrapper>
        <ErrorBoundary>
          <Users throwOnError />
        </ErrorBoundary>
      </sync.wrapper>,
    );
    expect(screen.getByText('pending: -')).toBeDefined();
    act(() => sync.setSync({ status: 'unauthorized', error: refused() }));
    expect(screen.getByRole('alert').textContent).toContain('token expired');
  });

  it('a function decides per error; false keeps the error in the result', () => {
    const decide = vi.fn((error: Error) => !(error instanceof SessionRefusedError));
    const sync = fakeSyncSession({ status: 'connecting' });
    render(
      <sync.wrapper>
        <ErrorBoundary>
          <Users throwOnError={decide} />
        </ErrorBoundary>
      </sync.wrapper>,
    );
    const error = refused();
    act(() => sync.setSync({ status: 'unauthorized', error }));
    expect(decide).toHaveBeenCalledWith(error);
    expect(screen.getByText('error: -')).toBeDefined();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

describe('subscriptions', () => {
  it('a disabled hook does not re-render when its table or row changes', () => {
    const sync = fakeSyncSession({ status: 'synced', lastSyncedAt: 1 });
    render(
      <sync.wrapper>
        <DisabledUsers />
        <EnabledUsers />
      </sync.wrapper>,
    );
    renders.clear();
    act(() => void sync.app.tables.users.create(ada));
    act(() => void sync.app.tables.users.update('u1', { name: 'Ada L' }));
    act(() => void sync.app.tables.users.create({ ...ada, id: 'u2', name: 'Bo' }));
    expect(screen.getByText('Ada L,Bo')).toBeDefined();
    expect(Object.fromEntries(renders)).toEqual({ enabled: 3 });
  });

  it('sync status changes that do not change the first sync re-render no query hook', () => {
    const sync = fakeSyncSession({ status: 'connecting' });
    render(
      <sync.wrapper>
        <EnabledUsers />
        <SyncStatus />
      </sync.wrapper>,
    );
    renders.clear();
    act(() => sync.setSync({ status: 'syncing', pendingChanges: 2 }));
    expect(screen.getByText('syncing 2')).toBeDefined();
    expect(Object.fromEntries(renders)).toEqual({ status: 1 });

    act(() => sync.confirmSynced());
    renders.clear();
    act(() => sync.setSync({ status: 'syncing', pendingChanges: 1 }));
    act(() => sync.setSync({ status: 'offline' }));
    expect(screen.getByText('offline 1')).toBeDefined();
    expect(Object.fromEntries(renders)).toEqual({ status: 2 });
  });
});
