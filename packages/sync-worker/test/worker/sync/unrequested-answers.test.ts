// A hostile review: the server counted on the rows of every answer a client sent (queued-rows.ts
// lays them over the row being checked) before TinyBase decided to apply it, and TinyBase
// ignores an answer to no request it waits on, and a change stamped more than five minutes
// ahead. An answer carrying a whole row, then a push of half of it, stored the half row.
import { env } from 'cloudflare:workers';
import { MESSAGE } from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import { MAX_FUTURE_STAMP_MS } from '../../../src/sync/changes-shape.ts';
import { ADMIN, connectClient, eventually, hlcAt, rawClient } from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
const T = 'Nn1JUF-----7JQY8';
const T2 = 'Nn1JUF-----8JQY8';
let storeCounter = 0;
const newStoreId = () => `org_answers${++storeCounter}_${Date.now()}`;

const stamped = (cells: Record<string, unknown>, time = T) =>
  Object.fromEntries(Object.entries(cells).map(([cellId, value]) => [cellId, [value, time]]));
/** A tables stamp of `users` rows. */
const usersStamp = (rows: Record<string, Record<string, unknown>>, time = T) => [
  {
    users: [
      Object.fromEntries(Object.entries(rows).map(([id, row]) => [id, [stamped(row, time)]])),
    ],
  },
];
const push = (rows: Record<string, Record<string, unknown>>, time = T) => [
  usersStamp(rows, time),
  [{}],
  1,
];
const storedUsers = async (storeId: string) => {
  const exported = await env.STORES.get(env.STORES.idFromName(storeId)).exportContent();
  return exported.ok ? Object.keys(exported.value.tables.users ?? {}).sort() : [];
};

describe('answers to no request the server waits on', () => {
  it('bring nothing the row check counts on: half a row pushed after is held back', async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    const attacker = await rawClient(storeId, { ...ADMIN, userId: 'user_attacker' });
    // A flood of bogus answers, each with a whole row; then each row pushed without its email.
    const { email: _, ...withoutEmail } = ada;
    for (let index = 0; index < 30; index++) {
      attacker.send(`bogus${index}`, MESSAGE.response, [usersStamp({ [`r${index}`]: ada }), {}]);
      attacker.send(`bogus${index}`, MESSAGE.response, usersStamp({ [`r${index}`]: ada }));
    }
    for (let index = 0; index < 30; index++) {
      attacker.send(null, MESSAGE.contentDiff, push({ [`r${index}`]: withoutEmail }, T2));
    }
    attacker.send(null, MESSAGE.contentDiff, push({ sentinel: ada }));
    await eventually(() => expect(observer.store.getRow('users', 'sentinel')).toEqual(ada));
    expect(observer.store.getRowIds('users')).toEqual(['sentinel']);
    expect(await storedUsers(storeId)).toEqual(['sentinel']);
    expect(attacker.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('still take the answer to a request the server made, rows and all, once', async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    const client = await rawClient(storeId, { ...ADMIN, userId: 'user_offline' });
    client.send('pull', MESSAGE.contentHashes, [1, 0]);
    await eventually(() => expect(client.requestsOf(MESSAGE.getTableDiff)).toHaveLength(1));
    const requestId = client.requestsOf(MESSAGE.getTableDiff)[0]?.[0] ?? '';
    client.send(requestId, MESSAGE.response, [usersStamp({ offline: ada }), {}]);
    await eventually(() => expect(observer.store.getRow('users', 'offline')).toEqual(ada));
    // A second answer to the same request is no answer: its rows count for nothing.
    const { email: _, ...withoutEmail } = ada;
    client.send(requestId, MESSAGE.response, [usersStamp({ again: ada }), {}]);
    client.send(null, MESSAGE.contentDiff, push({ again: withoutEmail }, T2));
    client.send(null, MESSAGE.contentDiff, push({ sentinel: ada }));
    await eventually(() => expect(observer.store.getRow('users', 'sentinel')).toEqual(ada));
    expect(observer.store.hasRow('users', 'again')).toBe(false);
    expect(await storedUsers(storeId)).toEqual(['offline', 'sentinel']);
  });
});

describe('changes stamped more than five minutes ahead', () => {
  // TinyBase refuses such a change whole, so the server must not count on, relay or store any of
  // it; the connection stays (a client whose clock runs ahead still receives the others').
  type Message = (time: string) => [requestId: string | null, type: number, body: unknown];
  it.each<[string, Message]>([
    ['a push', (time) => [null, MESSAGE.contentDiff, push({ future: ada }, time)]],
    ['an answer', (time) => ['bogus', MESSAGE.response, usersStamp({ future: ada }, time)]],
  ])('are dropped whole: %s', async (_label, message) => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    const ahead = await rawClient(storeId, { ...ADMIN, userId: 'user_ahead' });
    ahead.send(...message(hlcAt(Date.now() + MAX_FUTURE_STAMP_MS + 60_000)));
    // Half the row, stamped now, after: had the server counted on the whole row, it took this.
    const { email: _, ...withoutEmail } = ada;
    ahead.send(null, MESSAGE.contentDiff, push({ future: withoutEmail }, hlcAt(Date.now())));
    ahead.send(null, MESSAGE.contentDiff, push({ sentinel: ada }));
    await eventually(() => expect(observer.store.getRow('users', 'sentinel')).toEqual(ada));
    expect(observer.store.hasRow('users', 'future')).toBe(false);
    expect(await storedUsers(storeId)).toEqual(['sentinel']);
    expect(ahead.socket.readyState).toBe(WebSocket.OPEN);
  });

  it('still settle the request an answer stamped too far ahead answers', async () => {
    const storeId = newStoreId();
    const client = await rawClient(storeId, { ...ADMIN, userId: 'user_ahead' });
    client.send('pull', MESSAGE.contentHashes, [1, 0]);
    await eventually(() => expect(client.requestsOf(MESSAGE.getTableDiff)).toHaveLength(1));
    const requestId = client.requestsOf(MESSAGE.getTableDiff)[0]?.[0] ?? '';
    const future = hlcAt(Date.now() + MAX_FUTURE_STAMP_MS + 60_000);
    client.send(requestId, MESSAGE.response, [usersStamp({ future: ada }, future), {}]);
    // Settled, the pull is over: the connection's next hashes start another.
    client.send('again', MESSAGE.contentHashes, [2, 0]);
    await eventually(() => expect(client.requestsOf(MESSAGE.getTableDiff)).toHaveLength(2));
    expect(await storedUsers(storeId)).toEqual([]);
  });

  it('takes a change stamped a little ahead (clocks differ)', async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    const ahead = await rawClient(storeId, { ...ADMIN, userId: 'user_ahead' });
    ahead.send(null, MESSAGE.contentDiff, push({ soon: ada }, hlcAt(Date.now() + 60_000)));
    await eventually(() => expect(observer.store.getRow('users', 'soon')).toEqual(ada));
  });
});
