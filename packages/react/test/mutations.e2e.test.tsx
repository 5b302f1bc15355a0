import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { defineSchema, WriteRefusedError } from '@tinysync/store';
import { devToken, type RunningWorker, startWorker } from '@tinysync/sync-worker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as z from 'zod';
import { createHooks } from '../src/create-hooks.ts';
import { TinySyncProvider } from '../src/tinysync-provider.tsx';

/**
 * The users table as an older app build knew it: any text is an email. The worker checks with
 * the example schema, so an email this build accepts locally can be refused by the server.
 */
const olderSchema = defineSchema({
  tables: {
    users: {
      cells: {
        name: z.string().min(1),
        email: z.string(),
        role: z.enum(['admin', 'member', 'viewer']).default('member'),
        createdAt: z.number().default(() => Date.now()),
      },
    },
  },
});
const { useUsers, useCreateUser, useUpdateUser } = createHooks(olderSchema);

type Create = ReturnType<typeof useCreateUser>;
type Update = ReturnType<typeof useUpdateUser>;
const screenState: { create?: Create; update?: Update } = {};
/** The status of each mutation at every render, to see pending before success. */
const seen: string[] = [];

function UsersScreen() {
  const { users } = useUsers(undefined, { sortBy: 'name' });
  const create = useCreateUser();
  const update = useUpdateUser();
  screenState.create = create;
  screenState.update = update;
  seen.push(`create:${create.status} update:${update.status}`);
  return (
    <p data-testid="users">{users?.map((user) => `${user.name} <${user.email}>`).join(', ')}</p>
  );
}

describe('mutation hooks against wrangler dev (end to end)', () => {
  let worker: RunningWorker;
  const storeId = 'org_react_mutations';
  const adminToken = () => devToken({ sub: 'user_admin', org: storeId, role: 'org:admin' });

  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    cleanup();
    await worker?.stop();
  });

  /** The users the server holds, over its HTTP API. */
  const serverUsers = async () => {
    const response = await fetch(`${worker.url}/stores/${storeId}/tables/users`, {
      headers: { Authorization: `Bearer ${await adminToken()}` },
    });
    return JSON.stringify(await response.json());
  };

  it('are pending from mutate until the server holds the write, then succeed', async () => {
    render(
      <TinySyncProvider
        schema={olderSchema}
        storeId={storeId}
        url={worker.wsUrl}
        getToken={adminToken}
        persist="memory"
        WebSocket={WebSocket}
      >
        <UsersScreen />
      </TinySyncProvider>,
    );
    await waitFor(() => expect(screenState.create).toBeDefined());

    let serverHadItAtSuccess: string | undefined;
    act(() =>
      screenState.create?.mutate(
        { id: 'u1', name: 'Ada', email: 'ada@example.com' },
        {
          onSuccess: () => {
            void serverUsers().then((users) => {
              serverHadItAtSuccess = users;
            });
          },
        },
      ),
    );
    // Written locally at once (optimistic), pending until confirmed.
    expect(screen.getByTestId('users').textContent).toBe('Ada <ada@example.com>');
    expect(screenState.create?.status).toBe('pending');
    await waitFor(() => expect(screenState.create?.status).toBe('success'), { timeout: 10_000 });
    expect(seen).toContain('create:pending update:idle');
    await waitFor(() => expect(serverHadItAtSuccess).toContain('ada@example.com'));
  });

  it('end in error with WriteRefusedError when the server refuses the write', async () => {
    act(() => screenState.update?.mutate({ id: 'u1', email: 'not an email' }));
    expect(screen.getByTestId('users').textContent).toBe('Ada <not an email>');
    expect(screenState.update?.status).toBe('pending');

    await waitFor(() => expect(screenState.update?.status).toBe('error'), { timeout: 10_000 });
    const error = screenState.update?.error;
    expect(error).toBeInstanceOf(WriteRefusedError);
    expect((error as WriteRefusedError).cells).toMatchObject([
      { cellId: 'email', written: 'not an email', serverValue: 'ada@example.com' },
    ]);
    // The server's value is back on screen, and it never held the refused one.
    await waitFor(() =>
      expect(screen.getByTestId('users').textContent).toBe('Ada <ada@example.com>'),
    );
    expect(await serverUsers()).not.toContain('not an email');

    // The store syncs on: the next write is confirmed.
    act(() => screenState.update?.mutate({ id: 'u1', name: 'Ada L.' }));
    await waitFor(() => expect(screenState.update?.status).toBe('success'), { timeout: 10_000 });
  });
});
