// A connection's session token expires at `expiresAt`; the alarm closes the socket then. A
// hostile review found that until the alarm ran (late, or not yet rescheduled) the socket could
// go on writing: no frame check looked at the expiry.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { CLOSE } from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../src/sync/connection-info.ts';
import { ADMIN, connectClient, eventually } from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
let storeCounter = 0;
const newStoreId = () => `org_expired${++storeCounter}_${Date.now()}`;

/** Moves the expiry of `userId`'s sockets into the past, as time would, without the alarm. */
const expireSocketsOf = (storeId: string, userId: string) =>
  runInDurableObject(env.STORES.get(env.STORES.idFromName(storeId)), (_instance, state) => {
    for (const socket of state.getWebSockets()) {
      const connection = socket.deserializeAttachment() as ConnectionInfo;
      if (connection.userId !== userId) continue;
      socket.serializeAttachment({ ...connection, expiresAt: Date.now() - 1 });
    }
  });

describe('a connection whose token has expired', () => {
  it('is closed token_expired by its next frame, before the alarm runs; its write is not applied', async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    const expiring = await connectClient(storeId, { ...ADMIN, userId: 'user_expiring' });
    expiring.store.setRow('users', 'before', ada);
    await eventually(() => expect(observer.store.getRow('users', 'before')).toEqual(ada));

    // The alarm is set for the token's original expiry, an hour away: it does not run here.
    await expireSocketsOf(storeId, 'user_expiring');
    expiring.store.setRow('users', 'late', ada);
    const closed = await expiring.closed;
    expect([closed.code, closed.reason]).toEqual([
      CLOSE.tokenExpired.code,
      CLOSE.tokenExpired.reason,
    ]);
    // A sentinel written after: once the observer has it, the server had read the late write.
    const other = await connectClient(storeId, { ...ADMIN, userId: 'user_other' });
    other.store.setRow('users', 'sentinel', ada);
    await eventually(() => expect(observer.store.getRow('users', 'sentinel')).toEqual(ada));
    expect(observer.store.hasRow('users', 'late')).toBe(false);
    expect(other.store.hasRow('users', 'late')).toBe(false);
  });

  it('keeps a connection whose token was refreshed in time (the attachment read anew)', async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    const firstExpiry = Date.now() + 1_000;
    const refreshed = await connectClient(storeId, {
      ...ADMIN,
      userId: 'user_refreshed',
      expiresAt: firstExpiry,
    });
    // A refresh moves `expiresAt` in the attachment (token-refresh.ts): done here by hand,
    // before the first expiry (the socket's own frames would be refused after it).
    await runInDurableObject(env.STORES.get(env.STORES.idFromName(storeId)), (_i, state) => {
      for (const socket of state.getWebSockets()) {
        const connection = socket.deserializeAttachment() as ConnectionInfo;
        if (connection.userId !== 'user_refreshed') continue;
        socket.serializeAttachment({ ...connection, expiresAt: Date.now() + 60_000 });
      }
    });
    // Past the first expiry, the socket still writes: its frames are judged by the new one.
    await eventually(() => expect(Date.now()).toBeGreaterThan(firstExpiry + 100));
    refreshed.store.setRow('users', 'in-time', ada);
    await eventually(() => expect(observer.store.getRow('users', 'in-time')).toEqual(ada));
    expect(refreshed.socket.readyState).toBe(WebSocket.OPEN);
  });
});
