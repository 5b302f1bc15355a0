// A hostile review: fragment reassembly was budgeted per connection only (32 MiB each), so one
// user's 16 sockets could hold 16 × 32 MiB of unfinished messages for a minute, past the
// Durable Object's 128 MB. The tests' messages are 2 MiB (vitest.config.ts): the object holds
// two of them, for all its connections together.
import { CLOSE, MESSAGE, SERVER_CLIENT_ID } from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import { ADMIN, connectClient, eventually, openSocket, type TestClient } from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
const T = 'Nn1JUF-----7JQY8';
const CHUNK_CHARS = 1_000_000;
let storeCounter = 0;
const newStoreId = () => `org_fragbudget${++storeCounter}_${Date.now()}`;

/** A raw socket of its own user, and what became of it. */
async function rawSocket(storeId: string, userId: string) {
  const socket = await openSocket(storeId, { ...ADMIN, userId });
  let closedWith: number | undefined;
  const closed = new Promise<void>((resolve) =>
    socket.addEventListener('close', (event) => {
      closedWith = event.code;
      resolve();
    }),
  );
  /** Sends part `index` of `total` of message `id`, a chunk of CHUNK_CHARS characters. */
  const sendPart = (id: string, index: number, total: number) =>
    socket.send(`${SERVER_CLIENT_ID}\n${id}\n${index}\n${total}\n${'x'.repeat(CHUNK_CHARS)}`);
  /** Writes a row; once `observer` has it, the server has read every frame sent before. */
  const sentinel = async (observer: TestClient, rowId: string) => {
    const cells = Object.fromEntries(Object.entries(ada).map(([id, value]) => [id, [value, T]]));
    const change = [[{ users: [{ [rowId]: [cells] }] }], [{}], 1];
    socket.send(`${SERVER_CLIENT_ID}\n${JSON.stringify([null, MESSAGE.contentDiff, change])}`);
    await eventually(() => expect(observer.store.getRow('users', rowId)).toEqual(ada));
  };
  return { socket, sendPart, sentinel, closed, closedWith: () => closedWith };
}

/** Two connections, each holding two of three parts: under their own 2 MiB, about 4 MiB together. */
async function fillTheBudget(storeId: string, observer: TestClient, users: [string, string]) {
  const clients = await Promise.all(users.map((userId) => rawSocket(storeId, userId)));
  for (const [index, client] of clients.entries()) {
    const id = String.fromCharCode(65 + index).repeat(16);
    client.sendPart(id, 0, 3);
    client.sendPart(id, 1, 3);
    await client.sentinel(observer, `${users[index]}_holds`);
  }
  return clients;
}

describe("the object's budget for unfinished fragmented messages", () => {
  it('closes with 1009 the connection whose frame would go past it; the others stay', async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    const holders = await fillTheBudget(storeId, observer, ['user_first', 'user_second']);
    const third = await rawSocket(storeId, 'user_third');
    third.sendPart('CCCCCCCCCCCCCCCC', 0, 3);
    await third.closed;
    expect(third.closedWith()).toBe(CLOSE.tooBig.code);
    // The others hold their parts still, and may go on.
    for (const [index, holder] of holders.entries()) {
      await holder.sentinel(observer, `after${index}`);
      expect(holder.closedWith()).toBeUndefined();
    }
  });

  it('gets back what a closed connection held', async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    const holders = await fillTheBudget(storeId, observer, ['user_first', 'user_second']);
    for (const holder of holders) holder.socket.close();
    await Promise.all(holders.map((holder) => holder.closed));
    // Two more connections fill the budget again: what the first two held was given back.
    const others = await fillTheBudget(storeId, observer, ['user_third', 'user_fourth']);
    for (const other of others) expect(other.closedWith()).toBeUndefined();
  });
});
