import { act, renderHook, waitFor } from '@testing-library/react';
import {
  type AnySchema,
  appSchema,
  createTinySyncStore,
  INITIAL_SYNC_SNAPSHOT,
  ReadOnlyError,
  type SyncClient,
  type SyncSnapshot,
  type TinySyncStore,
  ValidationError,
  WriteRefusedError,
  type WrittenTables,
} from '@tinysync/store';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { createHooks } from '../create-hooks.js';
import { FreshStoreProvider } from '../test-wrapper.js';
import { TinySyncContext } from '../tinysync-context.js';

const { useUsers, useCreateUser, useUpdateUser } = createHooks(appSchema);
const ada = { name: 'Ada', email: 'ada@example.com' };

/** A confirmation the test settles, as the server would. */
interface Confirmation {
  readonly written: WrittenTables | undefined;
  resolve(): void;
  reject(error: Error): void;
}

/** A provider over an in-memory store and a sync client the test drives. */
function controlledSync(initial: Partial<SyncSnapshot> = { status: 'synced' }) {
  let snapshot: SyncSnapshot = { ...INITIAL_SYNC_SNAPSHOT, ...initial };
  const listeners = new Set<() => void>();
  const confirmations: Confirmation[] = [];
  const client: SyncClient = {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    whenSynced: (written) =>
      new Promise<void>((resolve, reject) => confirmations.push({ written, resolve, reject })),
    start: async () => undefined,
    stop: () => undefined,
    reconnect: () => undefined,
    destroy: async () => undefined,
  };
  const app = createTinySyncStore(appSchema);
  const session = {
    storeId: 'org_mutations',
    app: app as unknown as TinySyncStore<AnySchema>,
    client,
  };
  return {
    app,
    confirmations,
    listenerCount: () => listeners.size,
    setStatus(patch: Partial<SyncSnapshot>) {
      snapshot = { ...snapshot, ...patch };
      for (const listener of listeners) listener();
    },
    wrapper: ({ children }: { children: ReactNode }) => (
      <TinySyncContext.Provider value={session}>{children}</TinySyncContext.Provider>
    ),
  };
}

/** Records every callback in the order it ran, with its arguments. */
function recorder() {
  const calls: [string, ...unknown[]][] = [];
  const record =
    (name: string, returns?: unknown) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return returns;
    };
  return { calls, record, names: () => calls.map(([name]) => name) };
}

describe('mutation lifecycle without a server', () => {
  it('runs onMutate, the write, then onSuccess and onSettled with its context, within mutate', async () => {
    const { calls, record, names } = recorder();
    const { result } = renderHook(
      () => ({
        users: useUsers(),
        create: useCreateUser({
          onMutate: record('onMutate', { toast: 't1' }),
          onSuccess: record('onSuccess'),
          onError: record('onError'),
          onSettled: record('onSettled'),
        }),
      }),
      { wrapper: FreshStoreProvider },
    );
    await waitFor(() => expect(result.current).not.toBeNull());
    expect(result.current.create).toMatchObject({
      status: 'idle',
      submittedAt: 0,
      isPaused: false,
    });

    const before = Date.now();
    act(() =>
      result.current.create.mutate(
        { ...ada, id: 'u1' },
        { onSuccess: record('call onSuccess'), onSettled: record('call onSettled') },
      ),
    );
    expect(names()).toEqual([
      'onMutate',
      'onSuccess',
      'onSettled',
      'call onSuccess',
      'call onSettled',
    ]);
    const row = result.current.users.data?.[0];
    expect(row).toMatchObject({ id: 'u1', name: 'Ada' });
    const variables = { ...ada, id: 'u1' };
    expect(calls[0]).toEqual(['onMutate', variables]);
    expect(calls[1]).toEqual(['onSuccess', row, variables, { toast: 't1' }]);
    expect(calls[2]).toEqual(['onSettled', row, null, variables, { toast: 't1' }]);
    expect(calls[3]).toEqual(['call onSuccess', row, variables, { toast: 't1' }]);
    expect(result.current.create).toMatchObject({
      status: 'success',
      data: row,
      variables,
      context: { toast: 't1' },
      failureCount: 0,
      failureReason: null,
      isPaused: false,
    });
    expect(result.current.create.submittedAt).toBeGreaterThanOrEqual(before);
  });

  it('ends in error with onError, onSettled and the per-call callbacks when the write is invalid', async () => {
    const { calls, record, names } = recorder();
    const { result } = renderHook(
      () =>
        useCreateUser({
          onMutate: record('onMutate', 'ctx'),
          onSuccess: record('onSuccess'),
          onError: record('onError'),
          onSettled: record('onSettled'),
        }),
      { wrapper: FreshStoreProvider },
    );
    await waitFor(() => expect(result.current).not.toBeNull());
    const invalid = { name: '', email: 'nope' };
    act(() =>
      result.current.mutate(invalid, {
        onError: record('call onError'),
        onSettled: record('call onSettled'),
      }),
    );
    expect(names()).toEqual(['onMutate', 'onError', 'onSettled', 'call onError', 'call onSettled']);
    const error = result.current.error;
    expect(error).toBeInstanceOf(ValidationError);
    expect(calls[1]).toEqual(['onError', error, invalid, 'ctx']);
    expect(calls[2]).toEqual(['onSettled', undefined, error, invalid, 'ctx']);
    expect(result.current).toMatchObject({
      status: 'error',
      variables: invalid,
      context: 'ctx',
      failureCount: 1,
      failureReason: error,
    });
  });

  it('awaits an async onMutate before writing; a throwing onSuccess makes it an error', async () => {
    const { result } = renderHook(
      () => ({
        users: useUsers(),
        create: useCreateUser({
          onMutate: async () => 'ready',
          onSuccess: () => {
            throw new Error('toast failed');
          },
        }),
      }),
      { wrapper: FreshStoreProvider },
    );
    await waitFor(() => expect(result.current).not.toBeNull());
    let settled: Promise<unknown> | undefined;
    act(() => {
      settled = result.current.create.mutateAsync({ ...ada, id: 'u1' }).catch((error) => error);
      // onMutate has not resolved yet: nothing is written.
      expect(result.current.users.data).toEqual([]);
    });
    expect(result.current.create.status).toBe('pending');
    await act(async () => {
      expect(await settled).toEqual(new Error('toast failed'));
    });
    expect(result.current.users.data).toHaveLength(1);
    expect(result.current.create).toMatchObject({ status: 'error', context: 'ready' });
  });

  it("runs only the latest call's own callbacks, and none after unmount", async () => {
    const first = vi.fn();
    const second = vi.fn();
    const hook = vi.fn();
    const sync = controlledSync();
    const { result, unmount } = renderHook(() => useCreateUser({ onSuccess: hook }), {
      wrapper: sync.wrapper,
    });
    act(() => result.current.mutate({ ...ada, id: 'u1' }, { onSuccess: first }));
    act(() => result.current.mutate({ ...ada, id: 'u2' }, { onSuccess: second }));
    expect(result.current.variables).toMatchObject({ id: 'u2' });
    await act(async () => sync.confirmations[0]?.resolve());
    // The hook's callback runs for every call; the first call's own callback never does.
    expect(hook).toHaveBeenCalledTimes(1);
    expect(result.current.status).toBe('pending');
    await act(async () => sync.confirmations[1]?.resolve());
    expect(hook).toHaveBeenCalledTimes(2);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'u2' }),
      expect.anything(),
      undefined,
    );
    expect(result.current.status).toBe('success');

    const third = vi.fn();
    act(() => result.current.mutate({ ...ada, id: 'u3' }, { onSuccess: third }));
    unmount();
    await act(async () => sync.confirmations[2]?.resolve());
    expect(hook).toHaveBeenCalledTimes(3);
    expect(third).not.toHaveBeenCalled();
  });
});

describe('mutations with a sync client', () => {
  it('stay pending until the server holds the write, while the row shows at once', async () => {
    const onSuccess = vi.fn();
    const onSettled = vi.fn();
    const sync = controlledSync();
    const { result } = renderHook(
      () => ({ users: useUsers(), update: useUpdateUser({ onSuccess, onSettled }) }),
      { wrapper: sync.wrapper },
    );
    sync.app.tables.users.create({ ...ada, id: 'u1' });
    act(() => result.current.update.mutate({ id: 'u1', name: 'Ada L.' }));
    expect(result.current.users.data?.[0]?.name).toBe('Ada L.');
    expect(result.current.update).toMatchObject({
      status: 'pending',
      isPending: true,
      data: undefined,
      variables: { id: 'u1', name: 'Ada L.' },
      isPaused: false,
    });
    expect(onSuccess).not.toHaveBeenCalled();
    // The client is asked about exactly the cells the write changed.
    expect(sync.confirmations).toHaveLength(1);
    expect(sync.confirmations[0]?.written).toEqual({ users: { u1: { name: 'Ada L.' } } });

    await act(async () => sync.confirmations[0]?.resolve());
    expect(result.current.update).toMatchObject({ status: 'success', isPending: false });
    expect(result.current.update.data).toMatchObject({ id: 'u1', name: 'Ada L.' });
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSettled).toHaveBeenCalledTimes(1);
  });

  // Forms that cleared themselves in onSuccess waited for the server once mutations became
  // pending until it holds the write: offline, until the next connection.
  it('run onWritten, hook-level then per-call, as soon as the write is local', async () => {
    const { calls, record, names } = recorder();
    const sync = controlledSync({ status: 'offline' });
    const { result } = renderHook(
      () =>
        useCreateUser({
          onMutate: record('onMutate', 'context'),
          onWritten: record('onWritten'),
          onSuccess: record('onSuccess'),
        }),
      { wrapper: sync.wrapper },
    );
    act(() =>
      result.current.mutate(ada, {
        onWritten: record('perCall.onWritten'),
        onSuccess: record('perCall.onSuccess'),
      }),
    );
    await waitFor(() => expect(names()).toEqual(['onMutate', 'onWritten', 'perCall.onWritten']));
    expect(result.current.status).toBe('pending');
    const [, written, variables, context] = calls[1] as [string, { id: string }, unknown, unknown];
    expect(sync.app.tables.users.get(written.id)).toMatchObject(ada);
    expect([variables, context]).toEqual([ada, 'context']);

    await act(async () => sync.confirmations[0]?.resolve());
    expect(names()).toEqual([
      'onMutate',
      'onWritten',
      'perCall.onWritten',
      'onSuccess',
      'perCall.onSuccess',
    ]);
  });

  it('are paused while offline, still pending, and follow the status only while pending', async () => {
    const sync = controlledSync({ status: 'offline' });
    let renders = 0;
    const { result } = renderHook(
      () => {
        renders++;
        return useCreateUser();
      },
      { wrapper: sync.wrapper },
    );
    expect(sync.listenerCount()).toBe(0);
    act(() => result.current.mutate(ada));
    expect(result.current).toMatchObject({ status: 'pending', isPaused: true });
    expect(sync.listenerCount()).toBe(1);

    act(() => sync.setStatus({ status: 'connecting' }));
    expect(result.current).toMatchObject({ status: 'pending', isPaused: false });
    const rendersWhileOnline = renders;
    // A status change that leaves isPaused as it is renders nothing.
    act(() => sync.setStatus({ status: 'syncing' }));
    expect(renders).toBe(rendersWhileOnline);

    await act(async () => sync.confirmations[0]?.resolve());
    expect(result.current).toMatchObject({ status: 'success', isPaused: false });
    expect(sync.listenerCount()).toBe(0);
  });

  it('end in error when the server refuses the write, with the context for a rollback', async () => {
    const onError = vi.fn();
    const onSettled = vi.fn();
    const callError = vi.fn();
    const sync = controlledSync();
    const { result } = renderHook(
      () => useCreateUser({ onMutate: () => ({ undo: 'u1' }), onError, onSettled }),
      { wrapper: sync.wrapper },
    );
    let rejected: Promise<unknown> | undefined;
    act(() => {
      rejected = result.current
        .mutateAsync({ ...ada, id: 'u1' }, { onError: callError })
        .catch((error) => error);
    });
    const refusal = new WriteRefusedError([
      {
        tableId: 'users',
        rowId: 'u1',
        cellId: 'email',
        written: ada.email,
        serverValue: undefined,
      },
    ]);
    await act(async () => sync.confirmations[0]?.reject(refusal));
    expect(await rejected).toBe(refusal);
    const variables = { ...ada, id: 'u1' };
    expect(onError).toHaveBeenCalledWith(refusal, variables, { undo: 'u1' });
    expect(onSettled).toHaveBeenCalledWith(undefined, refusal, variables, { undo: 'u1' });
    expect(callError).toHaveBeenCalledWith(refusal, variables, { undo: 'u1' });
    expect(result.current).toMatchObject({ status: 'error', error: refusal, failureCount: 1 });
  });

  it('end in error when the session turns read-only while pending', async () => {
    const sync = controlledSync();
    const { result } = renderHook(() => useCreateUser(), { wrapper: sync.wrapper });
    act(() => result.current.mutate(ada));
    expect(result.current.status).toBe('pending');
    await act(async () => sync.confirmations[0]?.reject(new ReadOnlyError()));
    expect(result.current.error).toBeInstanceOf(ReadOnlyError);
  });

  it('keep the result object while nothing changes, and reset to idle', async () => {
    const sync = controlledSync();
    const { result, rerender } = renderHook(() => useCreateUser(), { wrapper: sync.wrapper });
    const idle = result.current;
    rerender();
    expect(result.current).toBe(idle);
    act(() => result.current.mutate(ada));
    const pending = result.current;
    rerender();
    expect(result.current).toBe(pending);
    expect(result.current.mutate).toBe(idle.mutate);
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ status: 'idle', variables: undefined, submittedAt: 0 });
    // The reset call's confirmation no longer changes the result.
    await act(async () => sync.confirmations[0]?.resolve());
    expect(result.current.status).toBe('idle');
  });
});
