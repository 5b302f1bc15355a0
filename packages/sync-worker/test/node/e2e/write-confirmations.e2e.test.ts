import {
  createSyncClient,
  createTinySyncStore,
  defineSchema,
  memoryPersister,
  ReadOnlyError,
  type SyncClient,
  type TinySyncStore,
  WriteRefusedError,
  type WrittenTables,
} from '@tinysync/store';
import type { MergeableStore } from 'tinybase';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as z from 'zod';
import {
  connectNodeClient,
  devToken,
  eventually,
  type RunningWorker,
  startWorker,
} from '../../../testing/index.ts';

/**
 * The users table as an older app build knew it: any text is an email. The worker checks with
 * the example schema, so what this client writes as an email may be refused after it was
 * written locally: the deploy skew a refused write comes from.
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

/** Runs a write and returns the cells it changed, as the mutation hooks hand them over. */
function written(app: TinySyncStore<typeof olderSchema>, write: () => void): WrittenTables {
  const store = app.store as unknown as MergeableStore;
  let changes: WrittenTables = {};
  const id = store.addDidFinishTransactionListener((finished) => {
    changes = finished.getTransactionChanges()[0] as WrittenTables;
  });
  write();
  store.delListener(id);
  return changes;
}

describe('SyncClient.whenSynced against wrangler dev (end to end)', () => {
  let worker: RunningWorker;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    await Promise.all(cleanups.map((cleanup) => cleanup().catch(() => undefined)));
    await worker?.stop();
  });

  const openClient = async (storeId: string, role = 'org:member') => {
    const app = createTinySyncStore(olderSchema, { persister: memoryPersister(new Map()) });
    const client: SyncClient = createSyncClient({
      store: app,
      url: worker.wsUrl,
      storeId,
      getToken: () => devToken({ sub: `user_${role}`, org: storeId, role }),
      WebSocket,
      minReconnectDelayMs: 100,
      maxReconnectDelayMs: 500,
    });
    cleanups.push(async () => {
      await client.destroy();
      await app.destroy();
    });
    await client.start();
    return { app, client };
  };
  const serverView = async (storeId: string) => {
    const other = await connectNodeClient(
      `${worker.wsUrl}/sync/${storeId}`,
      await devToken({ sub: 'user_other', org: storeId, role: 'org:admin' }),
    );
    cleanups.push(() => other.close());
    return other;
  };

  it('resolves once the server holds the write', async () => {
    const storeId = 'org_confirm_taken';
    const { app, client } = await openClient(storeId);
    await eventually(() => expect(client.getSnapshot().status).toBe('synced'));
    const other = await serverView(storeId);

    const changes = written(app, () =>
      app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' }),
    );
    expect(changes).toMatchObject({ users: { u1: { name: 'Ada', email: 'ada@example.com' } } });
    await client.whenSynced(changes);
    // Confirmed means the server has it: a client that only ever talked to the server sees it.
    await eventually(() => expect(other.store.getCell('users', 'u1', 'name')).toBe('Ada'));
  });

  it('rejects with WriteRefusedError when the server puts its own value back', async () => {
    const storeId = 'org_confirm_refused';
    const { app, client } = await openClient(storeId);
    await eventually(() => expect(client.getSnapshot().status).toBe('synced'));
    await client.whenSynced(
      written(app, () =>
        app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' }),
      ),
    );

    const refusedWrite = written(app, () =>
      app.tables.users.update('u1', { email: 'not an email' }),
    );
    const error = await client.whenSynced(refusedWrite).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(WriteRefusedError);
    expect((error as WriteRefusedError).cells).toEqual([
      {
        tableId: 'users',
        rowId: 'u1',
        cellId: 'email',
        written: 'not an email',
        serverValue: 'ada@example.com',
      },
    ]);
    // Every replica, this one included, holds the server's value again, and syncs on.
    await eventually(() => expect(app.tables.users.get('u1')?.email).toBe('ada@example.com'));
    const next = written(app, () => app.tables.users.update('u1', { name: 'Ada L.' }));
    await client.whenSynced(next);
    expect(app.tables.users.get('u1')).toMatchObject({ name: 'Ada L.', email: 'ada@example.com' });
  });

  it('rejects with ReadOnlyError for a session the server made read-only', async () => {
    const storeId = 'org_confirm_viewer';
    const { client } = await openClient(storeId, 'org:viewer');
    await eventually(() => expect(client.getSnapshot().readOnly).toBe(true));
    await expect(client.whenSynced()).rejects.toBeInstanceOf(ReadOnlyError);
  });
});
