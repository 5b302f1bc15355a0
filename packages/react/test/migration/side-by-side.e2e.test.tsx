import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { appSchema } from '@tinysync/store';
import { devToken, type RunningWorker, startWorker } from '@tinysync/sync-worker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createHooks } from '../../src/create-hooks.ts';
import { TinySyncProvider } from '../../src/tinysync-provider.tsx';
import { ApiContext, UsersScreen, UseTinySyncForUsers } from './users-screen.tsx';

const STORE_ID = 'org_migration';
const { useCreateUser } = createHooks(appSchema);
let createUser: ReturnType<typeof useCreateUser> | undefined;
function CaptureCreate() {
  createUser = useCreateUser();
  return null;
}

describe('migrating from React Query: both side by side in one tree (end to end)', () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    cleanup();
    await worker?.stop();
  });

  it('shows the same rows through useQuery (HTTP API) and useUsers (sync), and a flag moves a screen over', async () => {
    const getToken = () => devToken({ sub: 'user_1', org: STORE_ID, role: 'org:admin' });
    const queryClient = new QueryClient();
    const tree = (legacyScreenUsesTinySync: boolean) => (
      <QueryClientProvider client={queryClient}>
        <ApiContext.Provider value={{ baseUrl: worker.url, storeId: STORE_ID, getToken }}>
          <TinySyncProvider
            schema={appSchema}
            storeId={STORE_ID}
            url={worker.wsUrl}
            getToken={getToken}
            persist="memory"
            WebSocket={WebSocket}
          >
            <CaptureCreate />
            <UseTinySyncForUsers.Provider value={legacyScreenUsesTinySync}>
              <UsersScreen testId="legacy" />
            </UseTinySyncForUsers.Provider>
            <UseTinySyncForUsers.Provider value={true}>
              <UsersScreen testId="migrated" />
            </UseTinySyncForUsers.Provider>
          </TinySyncProvider>
        </ApiContext.Provider>
      </QueryClientProvider>
    );
    const rendered = render(tree(false));
    await waitFor(() => expect(createUser).toBeDefined(), { timeout: 10_000 });
    act(() => {
      createUser?.mutate({ name: 'Bo', email: 'bo@example.com' });
      createUser?.mutate({ name: 'Ada', email: 'ada@example.com' });
    });
    expect(screen.getByTestId('migrated').textContent).toBe('Ada,Bo');

    // The legacy screen reads the same rows from the HTTP API once they reached the server.
    await waitFor(
      async () => {
        await act(() => queryClient.invalidateQueries({ queryKey: ['users'] }));
        expect(screen.getByTestId('legacy').textContent).toBe('Ada,Bo');
      },
      { timeout: 10_000 },
    );

    // Flip the flag: the same component now reads through TinySync, with no code change.
    rendered.rerender(tree(true));
    act(() => createUser?.mutate({ name: 'Cy', email: 'cy@example.com' }));
    expect(screen.getByTestId('legacy').textContent).toBe('Ada,Bo,Cy');
  });
});
