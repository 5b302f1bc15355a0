import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { appSchema, SessionRefusedError } from '@tinysync/store';
import { devToken, type RunningWorker, startWorker } from '@tinysync/sync-worker/testing';
import { type ReactNode, Suspense } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createHooks } from '../src/create-hooks.ts';
import { TinySyncProvider } from '../src/tinysync-provider.tsx';
import { useSyncStatus } from '../src/use-sync-status.ts';

const { useUsers, useSuspenseUsers, useCreateUser } = createHooks(appSchema);
const STORE_ID = 'org_first_sync_e2e';

/** What each render of the screen showed, in order. */
let seen: string[] = [];
let create: ReturnType<typeof useCreateUser> | undefined;

function UsersScreen() {
  const { status, fetchStatus, isLoading, users, error } = useUsers(undefined, { sortBy: 'name' });
  const names = users?.map((user) => user.name).join(',');
  seen.push(`${status}/${fetchStatus}${isLoading ? ' loading' : ''}: ${names ?? '-'}`);
  return <p data-testid="screen">{error ? `${error.name}` : `${status}: ${names ?? '-'}`}</p>;
}

function SuspenseUsers() {
  const { users } = useSuspenseUsers(undefined, { sortBy: 'name' });
  return <p data-testid="suspense">{users.map((user) => user.name).join(',')}</p>;
}

function Writer() {
  create = useCreateUser();
  const { status, pendingChanges } = useSyncStatus();
  return <p data-testid="writer">{`${status} ${pendingChanges}`}</p>;
}

/** A fresh device: its own in-memory store, nothing local. */
function Device({ children, org = STORE_ID }: { children: ReactNode; org?: string }) {
  return (
    <TinySyncProvider
      schema={appSchema}
      storeId={STORE_ID}
      url={worker.wsUrl}
      getToken={() => devToken({ sub: 'user_ada', org, role: 'org:admin' })}
      persist="memory"
      WebSocket={WebSocket}
    >
      {children}
    </TinySyncProvider>
  );
}

let worker: RunningWorker;

describe('honest loading against wrangler dev (end to end)', () => {
  beforeAll(async () => {
    worker = await startWorker();
    // Another device puts rows on the server.
    render(
      <Device>
        <Writer />
      </Device>,
    );
    await waitFor(() => expect(screen.getByTestId('writer').textContent).toBe('synced 0'), {
      timeout: 10_000,
    });
    act(() => create?.mutate({ name: 'Bo', email: 'bo@example.com' }));
    act(() => create?.mutate({ name: 'Ada', email: 'ada@example.com' }));
    await waitFor(() => expect(screen.getByTestId('writer').textContent).toBe('synced 0'), {
      timeout: 10_000,
    });
    cleanup();
  });
  afterEach(() => cleanup());
  afterAll(async () => {
    await worker?.stop();
  });

  it('a fresh device shows loading, then the synced rows, never an empty list', async () => {
    seen = [];
    render(
      <Device>
        <UsersScreen />
      </Device>,
    );
    await waitFor(() => expect(screen.getByTestId('screen').textContent).toBe('success: Ada,Bo'), {
      timeout: 10_000,
    });
    expect(seen[0]).toBe('pending/fetching loading: -');
    expect(seen).not.toContain('success/fetching: ');
    expect(seen).not.toContain('success/idle: ');
    expect(seen.some((state) => state.startsWith('pending/paused'))).toBe(false);
    await waitFor(() => expect(seen.at(-1)).toBe('success/idle: Ada,Bo'));
  });

  it('a Suspense list shows the fallback on a fresh device, then the rows', async () => {
    render(
      <Device>
        <Suspense fallback={<p>skeleton</p>}>
          <SuspenseUsers />
        </Suspense>
      </Device>,
    );
    expect(await screen.findByText('skeleton')).toBeDefined();
    await waitFor(() => expect(screen.getByTestId('suspense').textContent).toBe('Ada,Bo'), {
      timeout: 10_000,
    });
  });

  it('a session the server refuses, with nothing local, is the query error', async () => {
    seen = [];
    render(
      <Device org="org_someone_else">
        <UsersScreen />
      </Device>,
    );
    await waitFor(
      () => expect(screen.getByTestId('screen').textContent).toBe(SessionRefusedError.name),
      { timeout: 10_000 },
    );
    expect(seen[0]).toBe('pending/fetching loading: -');
  });
});
