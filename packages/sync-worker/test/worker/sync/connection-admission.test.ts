import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { READ_ONLY_NOTICE } from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../src/sync/connection-info.ts';
import { ADMIN, connectClient, eventually, openSocket, VIEWER } from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
let storeCounter = 0;
const newStoreId = () => `org_admission${++storeCounter}_${Date.now()}`;
const stubOf = (storeId: string) => env.STORES.get(env.STORES.idFromName(storeId));

/** Each server-side socket's client id (its first tag) and the user its attachment names. */
const serverSockets = (storeId: string) =>
  runInDurableObject(stubOf(storeId), (_instance, state) =>
    state.getWebSockets().map((socket) => ({
      clientId: state.getTags(socket)[0],
      userId: (socket.deserializeAttachment() as ConnectionInfo | null)?.userId,
    })),
  );

const upgrade = (storeId: string, connection: ConnectionInfo) =>
  stubOf(storeId).fetch(`http://store/${storeId}`, {
    headers: {
      Upgrade: 'websocket',
      'Sec-WebSocket-Key': btoa(crypto.randomUUID()).slice(0, 24),
      'X-TinySync-Connection': JSON.stringify(connection),
    },
  });

describe('connection identity', () => {
  it('gives two upgrades with one Sec-WebSocket-Key their own client ids and sessions', async () => {
    const storeId = newStoreId();
    const key = 'b25lIGtleSBmb3IgdHdvIQ==';
    const viewer = await connectClient(storeId, VIEWER, key);
    const member = await connectClient(storeId, ADMIN, key);
    const observer = await connectClient(storeId);

    const sockets = await serverSockets(storeId);
    const clientIds = sockets.map((socket) => socket.clientId);
    expect(new Set(clientIds).size).toBe(3);
    expect(clientIds).not.toContain(key);
    expect(sockets.map((socket) => socket.userId).sort()).toEqual([
      'user_admin',
      'user_admin',
      'user_viewer',
    ]);

    // The member writes, as its own session allows.
    member.store.setRow('users', 'm1', ada);
    await eventually(() => expect(observer.store.getRow('users', 'm1')).toEqual(ada));
    // The viewer's write is refused, and the viewer is told (again) that it is read-only.
    const notices = () => viewer.received.filter((frame) => frame === READ_ONLY_NOTICE).length;
    const noticesBefore = notices();
    viewer.store.setRow('users', 'v1', ada);
    await eventually(() => expect(notices()).toBeGreaterThan(noticesBefore));
    expect(observer.store.hasRow('users', 'v1')).toBe(false);
    expect(member.store.hasRow('users', 'v1')).toBe(false);
    expect(member.received.filter((frame) => frame === READ_ONLY_NOTICE)).toEqual([]);
    expect(member.socket.readyState).toBe(WebSocket.OPEN);
  });
});

describe('connections per user (TINYSYNC_MAX_CONNECTIONS_PER_USER is 5 in vitest.config.ts)', () => {
  it("refuses a user's connection beyond its maximum with 429, and takes other users'", async () => {
    const storeId = newStoreId();
    const sockets: WebSocket[] = [];
    for (let index = 0; index < 5; index++) sockets.push(await openSocket(storeId, ADMIN));

    const refused = await upgrade(storeId, ADMIN);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: {
        code: 'too_many_connections',
        message: 'You have too many connections to this store',
      },
    });
    // Another user still gets in, and the refused upgrade left nothing behind.
    await openSocket(storeId, VIEWER);
    expect((await serverSockets(storeId)).length).toBe(6);

    // A place the user frees is theirs again.
    sockets[0]?.close(1000, 'done');
    await eventually(async () => expect((await upgrade(storeId, ADMIN)).status).toBe(101));
  });
});
