import { appSchema, createSyncClient, createTinySyncStore, type SyncStatus } from '@tinysync/store';
import {
  parseTokenAccepted,
  READ_ONLY_NOTICE,
  type TokenAccepted,
  tokenRefreshFrame,
} from '@tinysync/store/protocol';
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

const ada = { name: 'Ada', email: 'ada@example.com', role: 'member' as const, createdAt: 1 };
/** Seconds a test token lives: several lifetimes fit in a test. */
const TTL = 5;

describe('in-band token refresh against wrangler dev (end to end)', () => {
  let worker: RunningWorker;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    await Promise.all(cleanups.map((cleanup) => cleanup().catch(() => undefined)));
    await worker?.stop();
  });

  const tokenOf = (storeId: string, role: string, sub = 'user_1', ttlSeconds = TTL) =>
    devToken({ sub, org: storeId, role, ttlSeconds });

  /** A TinySync client whose getToken answers `tokenFor`; every call and status is recorded. */
  const openClient = async (
    storeId: string,
    tokenFor: (request: { skipCache?: boolean } | undefined) => Promise<string | null>,
  ) => {
    const app = createTinySyncStore(appSchema);
    const requests: ({ skipCache?: boolean } | undefined)[] = [];
    const client = createSyncClient({
      store: app,
      url: worker.wsUrl,
      storeId,
      getToken: (request) => {
        requests.push(request);
        return tokenFor(request);
      },
      WebSocket,
      minReconnectDelayMs: 100,
      maxReconnectDelayMs: 500,
    });
    const statuses: { status: SyncStatus; at: number }[] = [];
    client.subscribe(() => {
      const { status } = client.getSnapshot();
      if (statuses.at(-1)?.status !== status) statuses.push({ status, at: Date.now() });
    });
    cleanups.push(async () => {
      await client.destroy();
      await app.destroy();
    });
    await client.start();
    await eventually(() => expect(client.getSnapshot().status).toBe('synced'));
    const connections = () => requests.filter((request) => !request?.skipCache).length;
    const refreshes = () => requests.filter((request) => request?.skipCache).length;
    return { app, client, statuses, connections, refreshes };
  };

  /** A standard TinyBase client, with the frames the server sent it and how its socket closed. */
  const plainClient = async (storeId: string, token: string) => {
    const frames: string[] = [];
    const client = await connectNodeClient(`${worker.wsUrl}/sync/${storeId}`, token, undefined, {
      onFrame: (frame) => frames.push(frame),
    });
    const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
      client.socket.once('close', (code, reason) =>
        resolve({ code, reason: String(reason), at: Date.now() }),
      ),
    );
    cleanups.push(() => client.close());
    const answers = (): TokenAccepted[] =>
      frames.flatMap((frame) => parseTokenAccepted(frame) ?? []);
    return { ...client, frames, closed, answers };
  };
  const admin = (storeId: string) => tokenOf(storeId, 'org:admin', 'user_admin', 3600);

  it('keeps one socket open across many token lifetimes: no reconnect, never connecting', async () => {
    const storeId = 'org_refresh_e2e1';
    const { app, client, statuses, connections, refreshes } = await openClient(storeId, () =>
      tokenOf(storeId, 'org:member'),
    );
    const syncedAt = Date.now();
    const connectionsWhenSynced = connections();
    // Each refresh extends the connection by one lifetime; four of them outlast three.
    await eventually(() => expect(refreshes()).toBeGreaterThanOrEqual(4), 4 * TTL * 1000);
    await eventually(() => expect(Date.now() - syncedAt).toBeGreaterThan(3 * TTL * 1000));
    expect(connections()).toBe(connectionsWhenSynced);
    const afterFirstSync = statuses.slice(statuses.findIndex((s) => s.status === 'synced'));
    expect(afterFirstSync.map((s) => s.status)).toEqual(['synced']);

    // Still the same live connection, both ways.
    const other: NodeClient = await plainClient(storeId, await admin(storeId));
    const row = app.tables.users.create(ada);
    await eventually(() => expect(other.store.hasRow('users', row.id)).toBe(true));
    other.store.setRow('users', 'from-other', ada);
    await eventually(() => expect(app.tables.users.get('from-other')).toBeDefined());
    expect(connections()).toBe(connectionsWhenSynced);
    expect(client.getSnapshot().status).not.toBe('connecting');
  });

  it('closes a client that stops refreshing when the token it last sent expires', async () => {
    const storeId = 'org_refresh_e2e2';
    const client = await plainClient(storeId, await tokenOf(storeId, 'org:member', 'user_1', 3));
    const refreshed = await tokenOf(storeId, 'org:member', 'user_1', 7);
    client.socket.send(tokenRefreshFrame(refreshed));
    await eventually(() => expect(client.answers()).toHaveLength(1));
    const [{ expiresAt }] = client.answers() as [TokenAccepted];
    // Then nothing more: closed at the refreshed token's expiry, not at the first one's.
    const closed = await client.closed;
    expect([closed.code, closed.reason]).toEqual([4001, 'token_expired']);
    expect(closed.at).toBeGreaterThanOrEqual(expiresAt);
    expect(closed.at).toBeLessThan(expiresAt + 3_000);
  });

  it("closes the socket when a refresh carries another user's or organization's token", async () => {
    const storeId = 'org_refresh_e2e3';
    const bystander = await plainClient(storeId, await tokenOf(storeId, 'org:member'));
    for (const token of [
      await tokenOf(storeId, 'org:admin', 'user_2'),
      await tokenOf('org_refresh_elsewhere', 'org:admin'),
    ]) {
      const client = await plainClient(storeId, await tokenOf(storeId, 'org:member'));
      client.socket.send(tokenRefreshFrame(token));
      const closed = await client.closed;
      expect([closed.code, closed.reason]).toEqual([4003, 'token_refused']);
    }
    // The others are untouched.
    const writer = await plainClient(storeId, await admin(storeId));
    writer.store.setRow('users', 'u1', ada);
    await eventually(() => expect(bystander.store.getRow('users', 'u1')).toEqual(ada));
  });

  it("refuses a connection's writes at once when its refreshed token is a viewer's", async () => {
    const storeId = 'org_refresh_e2e4';
    const demoted = await plainClient(storeId, await tokenOf(storeId, 'org:member'));
    const observer = await plainClient(storeId, await admin(storeId));
    demoted.store.setRow('users', 'before', ada);
    await eventually(() => expect(observer.store.getRow('users', 'before')).toEqual(ada));

    demoted.socket.send(tokenRefreshFrame(await tokenOf(storeId, 'org:viewer', 'user_1', 60)));
    await eventually(() => expect(demoted.answers()).toMatchObject([{ readOnly: true }]));
    expect(demoted.frames).toContain(READ_ONLY_NOTICE);
    demoted.store.setRow('users', 'after', ada);
    // The server puts its state back over the refused write: it was taken in and refused.
    await eventually(() => expect(demoted.store.hasRow('users', 'after')).toBe(false));
    observer.store.setCell('users', 'before', 'name', 'sentinel');
    await eventually(() =>
      expect(demoted.store.getCell('users', 'before', 'name')).toBe('sentinel'),
    );
    expect(observer.store.hasRow('users', 'after')).toBe(false);
  });

  it('follows role changes in the sync client without reconnecting', async () => {
    const storeId = 'org_refresh_e2e5';
    let role = 'org:member';
    const { app, client, statuses, connections } = await openClient(storeId, () =>
      tokenOf(storeId, role),
    );
    expect(client.getSnapshot().readOnly).toBe(false);
    role = 'org:viewer';
    await eventually(() => expect(client.getSnapshot().readOnly).toBe(true), 3 * TTL * 1000);
    role = 'org:member';
    await eventually(() => expect(client.getSnapshot().readOnly).toBe(false), 3 * TTL * 1000);
    const observer = await plainClient(storeId, await admin(storeId));
    const row = app.tables.users.create(ada);
    await eventually(() => expect(observer.store.hasRow('users', row.id)).toBe(true));
    expect(connections()).toBe(1);
    expect(statuses.map((s) => s.status)).not.toContain('unauthorized');
    expect(statuses.filter((s) => s.status === 'connecting')).toHaveLength(1); // the first
  });
});
