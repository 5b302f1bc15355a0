import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { appSchema, ReadOnlyError } from '@tinysync/store';
import { devToken, type RunningWorker, startWorker } from '@tinysync/sync-worker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createHooks } from '../src/create-hooks.ts';
import { TinySyncProvider } from '../src/tinysync-provider.tsx';
import { useSyncStatus } from '../src/use-sync-status.ts';

const { useUsers, useCreateUser } = createHooks(appSchema);
const STORE_ID = 'org_react_e2e';

/** One "browser tab": the app's users screen, with a handle on its create mutation. */
const tabs = new Map<string, ReturnType<typeof useCreateUser>>();
function UsersScreen({ tab }: { tab: string }) {
  const { users } = useUsers(undefined, { sortBy: 'name' });
  const { status, readOnly } = useSyncStatus();
  tabs.set(tab, useCreateUser());
  return (
    <p data-testid={tab}>
      {status}
      {readOnly ? ' read-only' : ''}: {users?.map((user) => user.name).join(',')}
    </p>
  );
}

describe('providers syncing through wrangler dev (end to end)', () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    cleanup();
    await worker?.stop();
  });

  const openTab = (tab: string, role: string) =>
    render(
      <TinySyncProvider
        schema={appSchema}
        storeId={STORE_ID}
        url={worker.wsUrl}
        getToken={() => devToken({ sub: `user_${tab}`, org: STORE_ID, role })}
        persist="memory"
        WebSocket={WebSocket}
      >
        <UsersScreen tab={tab} />
      </TinySyncProvider>,
    );

  it("two providers see each other's writes; a viewer reads but cannot write", async () => {
    openTab('a', 'org:admin');
    openTab('b', 'org:member');
    openTab('viewer', 'org:viewer');
    await waitFor(() => expect(screen.getByTestId('a').textContent).toMatch(/^synced/), {
      timeout: 10_000,
    });
    await waitFor(() => expect(screen.getByTestId('b').textContent).toMatch(/^synced/), {
      timeout: 10_000,
    });

    act(() => tabs.get('a')?.mutate({ name: 'Ada', email: 'ada@example.com' }));
    act(() => tabs.get('b')?.mutate({ name: 'Bo', email: 'bo@example.com' }));
    for (const tab of ['a', 'b', 'viewer']) {
      await waitFor(() => expect(screen.getByTestId(tab).textContent).toMatch(/: Ada,Bo$/), {
        timeout: 10_000,
      });
    }

    await waitFor(() => expect(screen.getByTestId('viewer').textContent).toContain('read-only'));
    act(() => tabs.get('viewer')?.mutate({ name: 'Eve', email: 'eve@example.com' }));
    expect(tabs.get('viewer')?.error).toBeInstanceOf(ReadOnlyError);
    expect(screen.getByTestId('viewer').textContent).toMatch(/: Ada,Bo$/);
  });

  it('both providers recover when the worker restarts, and keep syncing', async () => {
    await worker.restart();
    for (const tab of ['a', 'b']) {
      await waitFor(() => expect(screen.getByTestId(tab).textContent).toMatch(/^synced/), {
        timeout: 15_000,
      });
    }
    act(() => tabs.get('b')?.mutate({ name: 'Cy', email: 'cy@example.com' }));
    await waitFor(() => expect(screen.getByTestId('a').textContent).toMatch(/: Ada,Bo,Cy$/), {
      timeout: 10_000,
    });
  });
});
