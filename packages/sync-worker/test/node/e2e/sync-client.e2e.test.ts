import {
  appSchema,
  createSyncClient,
  createTinySyncStore,
  type MemoryStorage,
  memoryPersister,
  type SyncClient,
  SyncRefusedError,
  type SyncStatus,
} from '@tinysync/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  connectNodeClient,
  devToken,
  eventually,
  type NodeClient,
  type RunningWorker,
  startWorker,
} from '../../../testing/index.ts';

const ada = { name: 'Ada', email: 'ada@example.com' };

describe('SyncClient against wrangler dev (end to end)', () => {
  let worker: RunningWorker;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    await Promise.all(cleanups.map((cleanup) => cleanup().catch(() => undefined)));
    await worker?.stop();
  });

  const openClient = async ({
    storeId,
    getToken,
    storage = new Map(),
    fetch = globalThis.fetch,
    WebSocketClass = WebSocket,
    requestTimeoutSeconds,
  }: {
    storeId: string;
    getToken: () => Promise<string | null>;
    storage?: MemoryStorage;
    fetch?: typeof globalThis.fetch;
    WebSocketClass?: typeof WebSocket;
    requestTimeoutSeconds?: number;
  }) => {
    const app = createTinySyncStore(appSchema, { persister: memoryPersister(storage, storeId) });
    const client = createSyncClient({
      store: app,
      url: worker.wsUrl,
      storeId,
      getToken,
      WebSocket: WebSocketClass,
      fetch,
      ...(requestTimeoutSeconds === undefined ? {} : { requestTimeoutSeconds }),
      minReconnectDelayMs: 100,
      maxReconnectDelayMs: 500,
      unauthorizedRetryMs: 200,
    });
    const statuses: SyncStatus[] = [];
    client.subscribe(() => {
      const { status } = client.getSnapshot();
      if (statuses.at(-1) !== status) statuses.push(status);
    });
    cleanups.push(async () => {
      await client.destroy();
      await app.destroy();
    });
    await client.start();
    return { app, client, statuses };
  };
  const plainClient = async (storeId: string) => {
    const client = await connectNodeClient(
      `${worker.wsUrl}/sync/${storeId}`,
      await devToken({ sub: 'user_plain', org: storeId, role: 'org:admin' }),
    );
    cleanups.push(() => client.close());
    return client;
  };
  const adminToken = (storeId: string) => () =>
    devToken({ sub: 'user_1', org: storeId, role: 'org:admin' });
  const statusOf = (client: SyncClient) => client.getSnapshot().status;

  it('connects, syncs both ways and reports synced once the server holds everything', async () => {
    const storeId = 'org_client1';
    const { app, client, statuses } = await openClient({ storeId, getToken: adminToken(storeId) });
    const other = await plainClient(storeId);
    await eventually(() => expect(statusOf(client)).toBe('synced'));
    expect(statuses.slice(0, 3)).toEqual(['connecting', 'syncing', 'synced']);

    const row = app.tables.users.create(ada);
    await eventually(() => expect(other.store.getCell('users', row.id, 'name')).toBe('Ada'));
    await eventually(() =>
      expect(client.getSnapshot()).toMatchObject({ status: 'synced', pendingChanges: 0 }),
    );
    expect(client.getSnapshot().lastSyncedAt).toBeGreaterThan(0);
    other.store.setCell('users', row.id, 'name', 'Ada L.');
    await eventually(() => expect(app.tables.users.get(row.id)?.name).toBe('Ada L.'));
  });

  it('starts an empty store from the server snapshot, then syncs as usual', async () => {
    const storeId = 'org_client_snapshot';
    const other = await plainClient(storeId);
    other.store.transaction(() => {
      for (let index = 0; index < 300; index++) {
        other.store.setRow('users', `u${index}`, { ...ada, role: 'member', createdAt: index });
      }
    });
    other.store.delRow('users', 'u7');
    const server = await plainClient(storeId);
    await eventually(() => expect(server.store.getRowCount('users')).toBe(299));

    const requested: string[] = [];
    const recordingFetch: typeof globalThis.fetch = (input, init) => {
      requested.push(String(input));
      return globalThis.fetch(input, init);
    };
    const storage: MemoryStorage = new Map();
    const { app, client } = await openClient({
      storeId,
      getToken: adminToken(storeId),
      storage,
      fetch: recordingFetch,
    });
    // start() resolves once the snapshot is in: the rows are there before any sync.
    expect(requested).toEqual([`${worker.url}/stores/${storeId}/snapshot`]);
    expect(app.tables.users.list()).toHaveLength(299);
    expect(app.store.getRowIds('users')).not.toContain('u7'); // a deletion, not a row of nulls
    await eventually(() => expect(statusOf(client)).toBe('synced'));
    // Same CRDT content as the other replicas, tombstone included.
    expect(app.store.getMergeableContentHashes()).toEqual(other.store.getMergeableContentHashes());
    other.store.setCell('users', 'u1', 'name', 'After the snapshot');
    await eventually(() => expect(app.tables.users.get('u1')?.name).toBe('After the snapshot'));

    // A store with content of its own (here: reloaded from local storage) syncs without one.
    requested.length = 0;
    await client.destroy();
    await app.destroy();
    const { client: again } = await openClient({
      storeId,
      getToken: adminToken(storeId),
      storage,
      fetch: recordingFetch,
    });
    await eventually(() => expect(statusOf(again)).toBe('synced'));
    expect(requested.filter((url) => url.endsWith('/snapshot'))).toEqual([]);
  });

  it('keeps syncing after the worker restarts: a new synchronizer for every socket', async () => {
    const storeId = 'org_client2';
    const { app, client, statuses } = await openClient({ storeId, getToken: adminToken(storeId) });
    await eventually(() => expect(statusOf(client)).toBe('synced'));
    await worker.restart();
    await eventually(() => expect(statuses).toContain('connecting'), 15_000);
    await eventually(() => expect(statusOf(client)).toBe('synced'), 15_000);

    // A reused synchronizer would have stopped listening: both directions must still work.
    const other = await plainClient(storeId);
    const row = app.tables.users.create(ada);
    await eventually(() => expect(other.store.hasRow('users', row.id)).toBe(true));
    other.store.setRow('users', 'from-other', { ...ada, role: 'member', createdAt: 1 });
    await eventually(() => expect(app.tables.users.get('from-other')).toBeDefined());
  });

  it('asks for a fresh token on every connection, and reconnects when the token expires unrefreshed', async () => {
    const storeId = 'org_client3';
    let tokens = 0;
    const getToken = async (request?: { skipCache?: boolean }) => {
      // No fresh token for an in-band refresh (see token-refresh.e2e.test.ts): it expires.
      if (request?.skipCache) return null;
      tokens++;
      return devToken({ sub: 'user_1', org: storeId, role: 'org:admin', ttlSeconds: 2 });
    };
    const { app, client } = await openClient({ storeId, getToken });
    await eventually(() => expect(statusOf(client)).toBe('synced'));
    expect(tokens).toBe(1);
    // The server closes the socket when the token expires (4001); the client comes back.
    await eventually(() => expect(tokens).toBeGreaterThanOrEqual(2), 10_000);
    await eventually(() => expect(statusOf(client)).toBe('synced'), 10_000);
    const other = await plainClient(storeId);
    const row = app.tables.users.create(ada);
    await eventually(() => expect(other.store.hasRow('users', row.id)).toBe(true));
  });

  it('reports a refused session as unauthorized, waits for a new token, then recovers', async () => {
    const storeId = 'org_client4';
    let token = await devToken({ sub: 'user_1', org: 'org_elsewhere', role: 'org:admin' });
    let sockets = 0;
    class CountingWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        sockets++;
      }
    }
    const app = createTinySyncStore(appSchema);
    const client = createSyncClient({
      store: app,
      url: worker.wsUrl,
      storeId,
      getToken: () => token, // like Clerk: the same token until it changes
      WebSocket: CountingWebSocket,
      minReconnectDelayMs: 100,
      unauthorizedRetryMs: 200,
    });
    cleanups.push(() => client.destroy());
    await client.start();
    await eventually(() => expect(statusOf(client)).toBe('unauthorized'));
    expect(client.getSnapshot().error).toMatchObject({ status: 403, code: 'forbidden_store' });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(statusOf(client)).toBe('unauthorized');
    expect(sockets).toBeLessThanOrEqual(2); // no retries with the refused token

    token = await devToken({ sub: 'user_1', org: storeId, role: 'org:admin' });
    await eventually(() => expect(statusOf(client)).toBe('synced'), 10_000);
  });

  it('tells a viewer it is read-only', async () => {
    const storeId = 'org_client5';
    const { client } = await openClient({
      storeId,
      getToken: () => devToken({ sub: 'user_v', org: storeId, role: 'org:viewer' }),
    });
    await eventually(() => expect(client.getSnapshot().readOnly).toBe(true));
  });

  it('is as writable as each connection: a viewer promoted since reconnects writable', async () => {
    const storeId = 'org_client5c';
    let role: 'org:viewer' | 'org:member' = 'org:viewer';
    const { app, client } = await openClient({
      storeId,
      getToken: () => devToken({ sub: 'user_v', org: storeId, role }),
    });
    await eventually(() => expect(client.getSnapshot().readOnly).toBe(true));
    role = 'org:member';
    client.reconnect();
    await eventually(() => expect(client.getSnapshot().readOnly).toBe(false));
    await eventually(() => expect(statusOf(client)).toBe('synced'));
    const row = app.tables.users.create(ada);
    const other = await plainClient(storeId);
    await eventually(() => expect(other.store.hasRow('users', row.id)).toBe(true));
  });

  it("makes a read-only session's copy the server's again when it holds writes the server will not take", async () => {
    const storeId = 'org_client5d';
    const { app, client } = await openClient({
      storeId,
      getToken: () => devToken({ sub: 'user_v', org: storeId, role: 'org:viewer' }),
    });
    const other = await plainClient(storeId);
    other.store.setRow('users', 'shared', ada);
    await eventually(() => expect(app.store.getRow('users', 'shared')).toEqual(ada));
    await eventually(() => expect(statusOf(client)).toBe('synced'));
    // A write the server will never take (past the hooks, which throw ReadOnlyError).
    app.store.setRow('users', 'mine', ada);
    app.store.setCell('users', 'shared', 'name', 'Changed locally');
    await eventually(() => expect(statusOf(client)).toBe('synced'), 15_000);
    expect(app.store.hasRow('users', 'mine')).toBe(false);
    expect(app.store.getRow('users', 'shared')).toEqual(ada);
    other.store.setCell('users', 'shared', 'name', 'Ada L.');
    await eventually(() => expect(app.store.getCell('users', 'shared', 'name')).toBe('Ada L.'));
  });

  it('sends no writes once it knows it is read-only, and keeps receiving', async () => {
    const storeId = 'org_client5b';
    const sent: string[] = [];
    class RecordingWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        const send = this.send.bind(this);
        this.send = ((data: string) => {
          sent.push(data);
          send(data);
        }) as typeof this.send;
      }
    }
    const { app, client } = await openClient({
      storeId,
      getToken: () => devToken({ sub: 'user_v', org: storeId, role: 'org:viewer' }),
      WebSocketClass: RecordingWebSocket as typeof WebSocket,
    });
    await eventually(() => expect(client.getSnapshot().readOnly).toBe(true));
    await eventually(() => expect(client.getSnapshot().status).toBe('synced'));
    const before = sent.length;
    // Past the hooks (which throw ReadOnlyError): the raw TinyBase store.
    app.store.setRow('users', 'raw', ada);
    // The client asks the server whether it holds everything after each local change: once
    // that question is out, a push of the change would have gone before it.
    await eventually(() =>
      expect(sent.slice(before).some((frame) => frame.includes('tinysync.confirm.'))).toBe(true),
    );
    const pushes = sent.slice(before).filter((frame) => /^\n\["[^"]*",3,/.test(frame));
    expect(pushes).toEqual([]);
    const other = await plainClient(storeId);
    other.store.setRow('users', 'fromOther', ada);
    await eventually(() => expect(app.store.getRow('users', 'fromOther')).toEqual(ada));
    expect(client.getSnapshot().readOnly).toBe(true);
  });

  it('sends edits made offline, across a reload, once it reconnects', async () => {
    const storeId = 'org_client6';
    const storage: MemoryStorage = new Map();
    const first = await openClient({ storeId, getToken: adminToken(storeId), storage });
    await eventually(() => expect(statusOf(first.client)).toBe('synced'));
    first.client.stop();
    expect(statusOf(first.client)).toBe('offline');
    first.app.tables.users.create({ id: 'offline-1', ...ada });
    first.app.tables.users.create({ id: 'offline-2', ...ada, name: 'Bo' });
    expect(first.client.getSnapshot().pendingChanges).toBe(2);
    await first.client.destroy();
    await first.app.destroy(); // the page goes away; its data stays in storage

    const other: NodeClient = await plainClient(storeId);
    const reloaded = await openClient({ storeId, getToken: adminToken(storeId), storage });
    expect(reloaded.app.tables.users.count()).toBe(2);
    await eventually(() =>
      expect(other.store.getRowIds('users').sort()).toEqual(['offline-1', 'offline-2']),
    );
    await eventually(() => expect(statusOf(reloaded.client)).toBe('synced'));
  });

  it("moves offline edits over TinyBase's 16 MiB message limit both ways, once it reconnects", async () => {
    const storeId = 'org_client_big_upload';
    const { app, client } = await openClient({ storeId, getToken: adminToken(storeId) });
    const other = await openClient({ storeId, getToken: adminToken(storeId) });
    other.app.tables.users.create({ id: 'u2', ...ada }); // so it starts from the socket, not a snapshot
    await eventually(() => expect(statusOf(client)).toBe('synced'));
    await eventually(() => expect(statusOf(other.client)).toBe('synced'));
    client.stop();
    // 200 tasks of 99,000 characters: a 20 MB answer to the server's diff request, then a
    // 20 MB answer to the other client's. TinyBase gives a connection up beyond 16 MiB, unsent
    // or received.
    const longTitle = 'x'.repeat(99_000);
    app.batch(() => {
      app.tables.projects.create({ id: 'p1', name: 'Big', ownerId: 'u1' });
      for (let index = 0; index < 200; index++) {
        app.tables.tasks.create({
          id: `t${index}`,
          title: `${index} ${longTitle}`,
          projectId: 'p1',
        });
      }
    });

    await client.start();
    await eventually(() => expect(statusOf(client)).toBe('synced'), 60_000);
    await eventually(() => expect(other.app.tables.tasks.count()).toBe(200), 60_000);
    expect(other.app.tables.tasks.get('t199')?.title).toBe(`199 ${longTitle}`);
    await eventually(() => expect(statusOf(other.client)).toBe('synced'), 60_000);
    expect(app.tables.users.get('u2')?.name).toBe('Ada');
    // Catching up from the snapshot is part of syncing, not an error to show.
    expect(other.statuses).not.toContain('error');
    expect(other.client.getSnapshot().error).toBeNull();
  }, 120_000);

  it('sends edits made while TinyBase reloads from the server (it drops those itself)', async () => {
    const storeId = 'org_client7';
    // Frames reach this client late (in order), as from a busy server.
    let inboundDelayMs = 0;
    let lastDeliveryAt = 0;
    class SlowInboundWebSocket extends WebSocket {
      override emit(event: string | symbol, ...args: unknown[]): boolean {
        if (event !== 'message') return super.emit(event, ...args);
        lastDeliveryAt = Math.max(Date.now() + inboundDelayMs, lastDeliveryAt);
        setTimeout(() => super.emit(event, ...args), lastDeliveryAt - Date.now());
        return true;
      }
    }
    const { app, client } = await openClient({
      storeId,
      getToken: adminToken(storeId),
      WebSocketClass: SlowInboundWebSocket,
      requestTimeoutSeconds: 1,
    });
    await eventually(() => expect(statusOf(client)).toBe('synced'));

    // Every write makes the server announce its hashes and the client pull what differs. With
    // answers slower than the request timeout, the pull fails and TinyBase falls back to a full
    // reload, during which it ignores local saves.
    inboundDelayMs = 1_200;
    const written: string[] = [];
    for (let index = 0; index < 60; index++) {
      written.push(app.tables.users.create({ ...ada, name: `Writer ${index}` }).id);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    inboundDelayMs = 0;
    const other = await plainClient(storeId);
    await eventually(
      () => expect(other.store.getRowIds('users').sort()).toEqual(written.sort()),
      10_000,
    );
    await eventually(() => expect(statusOf(client)).toBe('synced'));
  });
});

describe('SyncClient against a server that refuses its messages (end to end)', () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker({ vars: { TINYSYNC_MAX_MESSAGE_BYTES: String(1024 * 1024) } });
  });
  afterAll(async () => {
    await worker?.stop();
  });

  it('reports why as a typed error instead of a bare "connecting", and keeps retrying', async () => {
    const storeId = 'org_refused';
    const app = createTinySyncStore(appSchema);
    const client = createSyncClient({
      store: app,
      url: worker.wsUrl,
      storeId,
      getToken: () => devToken({ sub: 'user_1', org: storeId, role: 'org:admin' }),
      WebSocket,
      loadSnapshot: false,
      minReconnectDelayMs: 100,
      maxReconnectDelayMs: 500,
    });
    try {
      // 2 MB of offline edits: one answer over the 1 MiB this server takes.
      app.batch(() => {
        app.tables.projects.create({ id: 'p1', name: 'Big', ownerId: 'u1' });
        for (let index = 0; index < 20; index++) {
          app.tables.tasks.create({ id: `t${index}`, title: 'x'.repeat(99_000), projectId: 'p1' });
        }
      });
      const errors: unknown[] = [];
      client.subscribe(() => {
        const { status, error } = client.getSnapshot();
        if (status === 'error') errors.push(error);
      });
      await client.start();
      await eventually(() => expect(errors.length).toBeGreaterThanOrEqual(2), 20_000);
      expect(errors[0]).toBeInstanceOf(SyncRefusedError);
      expect(errors[0]).toMatchObject({ code: 'sync_refused', closeCode: 1009 });
      expect(String(errors[0])).toContain('size limit');
      const response = await fetch(`${worker.url}/stores/${storeId}/export`, {
        headers: {
          Authorization: `Bearer ${await devToken({ sub: 'user_1', org: storeId, role: 'org:admin' })}`,
        },
      });
      expect(((await response.json()) as { tables: object }).tables).toEqual({});
    } finally {
      await client.destroy();
      await app.destroy();
    }
  });
});
