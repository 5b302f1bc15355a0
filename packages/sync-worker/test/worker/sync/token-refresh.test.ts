import { runDurableObjectAlarm } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import {
  MAX_REFRESH_TOKEN_CHARS,
  parseTokenAccepted,
  READ_ONLY_NOTICE,
  type TokenAccepted,
  tokenRefreshFrame,
} from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import type { ConnectionInfo } from '../../../src/sync/connection-info.ts';
import { devToken, nowSeconds, sessionClaims } from '../auth/test-tokens.ts';
import {
  ADMIN,
  connectClient,
  eventually,
  openSocket,
  type TestClient,
  VIEWER,
} from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
let storeCounter = 0;
/** An organization's store; its id is the Clerk organization id. */
const newStoreId = () => `org_refresh${++storeCounter}_${Date.now()}`;
const stubOf = (storeId: string) => env.STORES.get(env.STORES.idFromName(storeId));

/** The connection the Worker would hand over for user_1, a member, until `expiresAt`. */
const memberUntil = (expiresAt: number): ConnectionInfo => ({
  ...ADMIN,
  userId: 'user_1',
  role: 'org:member',
  expiresAt,
});

/** A dev-signed session token of user_1 in `storeId`'s organization. */
const tokenFor = (storeId: string, rol: string, overrides: Record<string, unknown> = {}) =>
  devToken(sessionClaims({ o: { id: storeId, rol }, ...overrides }));

const answers = (client: TestClient): TokenAccepted[] =>
  client.received.flatMap((frame) => parseTokenAccepted(frame) ?? []);

const closeOf = async (closed: Promise<CloseEvent>) => {
  const event = await closed;
  return [event.code, event.reason];
};

describe('in-band token refresh in the Durable Object', () => {
  it('extends the connection: it outlives the token it opened with, and closes at the new one', async () => {
    const storeId = newStoreId();
    const exp = nowSeconds() + 5;
    const fresh = await tokenFor(storeId, 'member', { exp });
    const expiresAt = Date.now() + 2_000;
    const refreshed = await connectClient(storeId, memberUntil(expiresAt));
    const control = await connectClient(storeId, memberUntil(expiresAt));
    refreshed.socket.send(tokenRefreshFrame(fresh));
    await eventually(() =>
      expect(answers(refreshed)).toEqual([{ expiresAt: exp * 1000, readOnly: false }]),
    );
    await eventually(() => expect(Date.now()).toBeGreaterThan(expiresAt));
    await runDurableObjectAlarm(stubOf(storeId));
    // The alarm did run past the old expiry: the client that did not refresh is gone.
    expect(await closeOf(control.closed)).toEqual([4001, 'token_expired']);
    expect(refreshed.socket.readyState).toBe(WebSocket.OPEN);
    const writer = await connectClient(storeId);
    writer.store.setRow('users', 'u1', ada);
    await eventually(() => expect(refreshed.store.getRow('users', 'u1')).toEqual(ada));

    // It stops refreshing: closed when the token it sent expires.
    await eventually(() => expect(Date.now()).toBeGreaterThan(exp * 1000), 10_000);
    await runDurableObjectAlarm(stubOf(storeId));
    expect(await closeOf(refreshed.closed)).toEqual([4001, 'token_expired']);
  });

  it('makes a connection read-only at once when the new token is a viewer’s', async () => {
    const storeId = newStoreId();
    const demoted = await connectClient(storeId, memberUntil(Date.now() + 60_000));
    const observer = await connectClient(storeId);
    demoted.store.setRow('users', 'before', ada);
    await eventually(() => expect(observer.store.getRow('users', 'before')).toEqual(ada));

    demoted.socket.send(tokenRefreshFrame(await tokenFor(storeId, 'viewer')));
    await eventually(() => expect(answers(demoted)).toMatchObject([{ readOnly: true }]));
    expect(demoted.received).toContain(READ_ONLY_NOTICE);
    demoted.store.setRow('users', 'after', ada);
    // The correction puts the server's state back on the viewer: proof the write was taken
    // in and refused, after which nothing of it can still be on its way.
    await eventually(() => expect(demoted.store.hasRow('users', 'after')).toBe(false));
    observer.store.setCell('users', 'before', 'name', 'sentinel');
    await eventually(() =>
      expect(demoted.store.getCell('users', 'before', 'name')).toBe('sentinel'),
    );
    expect(observer.store.hasRow('users', 'after')).toBe(false);
  });

  it('makes a viewer writable when the new token is a member’s', async () => {
    const storeId = newStoreId();
    const promoted = await connectClient(storeId, {
      ...VIEWER,
      userId: 'user_1',
      expiresAt: Date.now() + 60_000,
    });
    const observer = await connectClient(storeId);
    promoted.socket.send(tokenRefreshFrame(await tokenFor(storeId, 'member')));
    await eventually(() => expect(answers(promoted)).toMatchObject([{ readOnly: false }]));
    promoted.store.setRow('users', 'u1', ada);
    await eventually(() => expect(observer.store.getRow('users', 'u1')).toEqual(ada));
  });

  it('lets a token that does not outlive the one in force change nothing', async () => {
    const storeId = newStoreId();
    // Well past the replayed token's own expiry (an hour from when it is made), whatever the
    // time between the two.
    const expiresAt = Date.now() + 2 * 3_600_000;
    const client = await connectClient(storeId, memberUntil(expiresAt));
    const observer = await connectClient(storeId);
    // An older viewer token, replayed: it must not bring a role back, nor shorten the connection.
    client.socket.send(tokenRefreshFrame(await tokenFor(storeId, 'viewer')));
    await eventually(() => expect(answers(client)).toEqual([{ expiresAt, readOnly: false }]));
    client.store.setRow('users', 'u1', ada);
    await eventually(() => expect(observer.store.getRow('users', 'u1')).toEqual(ada));
  });

  it('closes the connection for a refused token, and only that one', async () => {
    const storeId = newStoreId();
    const bystander = await connectClient(storeId, memberUntil(Date.now() + 60_000));
    const cases: [string, Promise<string>, [number, string]][] = [
      [
        "another user's",
        devToken(sessionClaims({ sub: 'user_2', o: { id: storeId, rol: 'admin' } })),
        [4003, 'token_refused'],
      ],
      ["another organization's", tokenFor('org_elsewhere', 'admin'), [4003, 'token_refused']],
      ['expired', tokenFor(storeId, 'admin', { exp: nowSeconds() - 60 }), [4001, 'token_expired']],
      ['not a JWT', Promise.resolve('not a token'), [1007, 'malformed_frame']],
      [
        'too long',
        Promise.resolve('a'.repeat(MAX_REFRESH_TOKEN_CHARS + 1)),
        [1009, 'message_too_big'],
      ],
    ];
    for (const [name, token, expected] of cases) {
      const client = await connectClient(storeId, memberUntil(Date.now() + 60_000));
      client.socket.send(tokenRefreshFrame(await token));
      expect(await closeOf(client.closed), name).toEqual(expected);
    }
    const writer = await connectClient(storeId);
    writer.store.setRow('users', 'u1', ada);
    await eventually(() => expect(bystander.store.getRow('users', 'u1')).toEqual(ada));
  });

  it('closes a connection that refreshes faster than the server allows', async () => {
    const storeId = newStoreId();
    const socket = await openSocket(storeId, memberUntil(Date.now() + 60_000));
    const closed = new Promise<CloseEvent>((resolve) => socket.addEventListener('close', resolve));
    const token = await tokenFor(storeId, 'member');
    for (let index = 0; index < 10; index++) socket.send(tokenRefreshFrame(token));
    expect(await closeOf(closed)).toEqual([4029, 'rate_limited']);
  });
});
