import { env } from 'cloudflare:workers';
import { MESSAGE } from '@tinysync/store/protocol';
import { createMergeableStore } from 'tinybase';
import { createWsSynchronizer } from 'tinybase/synchronizers/synchronizer-ws-client';
import { describe, expect, it } from 'vitest';
import {
  DIFF_REQUEST_BURST,
  DIFF_REQUESTS_PER_SECOND,
} from '../../../src/durable-object/request-guard.ts';
import type { ConnectionInfo } from '../../../src/sync/connection-info.ts';
import { ADMIN, connectClient, eventually, openSocket, rawClient } from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
let storeCounter = 0;
const newStoreId = () => `org_requests${++storeCounter}_${Date.now()}`;
const userNamed = (userId: string): ConnectionInfo => ({ ...ADMIN, userId });

/** A TinyBase client that wrote a row before connecting (offline), then syncs. */
async function connectWithOfflineRow(storeId: string, rowId: string) {
  const store = createMergeableStore();
  store.setRow('users', rowId, ada);
  const synchronizer = await createWsSynchronizer(store, await openSocket(storeId, ADMIN), 10);
  await synchronizer.startSync();
  return store;
}

describe("the server's requests to clients", () => {
  it("cannot be used up by one client's bogus content hashes: others' offline rows still arrive", async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    // Two attackers (the message burst is 100 per connection in the tests): each announces
    // hashes the server cannot match, which makes it ask for the difference, and never answers.
    const attackers = [
      await rawClient(storeId, userNamed('user_attacker1')),
      await rawClient(storeId, userNamed('user_attacker2')),
    ];
    for (const [index, attacker] of attackers.entries()) {
      for (let hashes = 0; hashes < 50; hashes++) {
        attacker.send(`bogus${index}_${hashes}`, MESSAGE.contentHashes, [hashes + 1, 7]);
      }
    }
    await Promise.all(attackers.map((attacker, index) => attacker.sentinel(`sentinel${index}`)));
    // Each attacker was asked once: further pulls from a connection wait for its answers.
    for (const attacker of attackers)
      expect(attacker.requestsOf(MESSAGE.getTableDiff)).toHaveLength(1);

    await connectWithOfflineRow(storeId, 'offline1');
    await eventually(() => expect(observer.store.getRow('users', 'offline1')).toEqual(ada), 10_000);
  });

  it('asks a connection again once it answered', async () => {
    const storeId = newStoreId();
    const client = await rawClient(storeId, userNamed('user_answers'));
    client.send('first', MESSAGE.contentHashes, [1, 0]);
    await eventually(() => expect(client.requestsOf(MESSAGE.getTableDiff)).toHaveLength(1));
    client.send('second', MESSAGE.contentHashes, [2, 0]);
    await client.sentinel('before-answer');
    expect(client.requestsOf(MESSAGE.getTableDiff)).toHaveLength(1);

    // Answered (no tables, no differing hashes): the pull is over and the next may start.
    const requestId = client.requestsOf(MESSAGE.getTableDiff)[0]?.[0] ?? '';
    client.send(requestId, MESSAGE.response, [[{}], {}]);
    client.send('third', MESSAGE.contentHashes, [3, 0]);
    await eventually(() => expect(client.requestsOf(MESSAGE.getTableDiff)).toHaveLength(2));
  });

  it("counts a user's requests after its sockets close, so reconnecting frees nothing early", async () => {
    const storeId = newStoreId();
    const attacker = userNamed('user_reconnects');
    // Up to the per-user maximum (5 connections in the tests): each connection asked once.
    for (let index = 0; index < 5; index++) {
      const client = await rawClient(storeId, attacker);
      client.send(`pull${index}`, MESSAGE.contentHashes, [index + 1, 0]);
      await eventually(() => expect(client.requestsOf(MESSAGE.getTableDiff)).toHaveLength(1));
      client.socket.close(1000, 'again');
    }
    const again = await rawClient(storeId, attacker);
    again.send('pull5', MESSAGE.contentHashes, [6, 0]);
    await again.sentinel('after-pull5');
    expect(again.requestsOf(MESSAGE.getTableDiff)).toEqual([]);
    // Another user is asked as ever.
    const other = await rawClient(storeId, userNamed('user_other'));
    other.send('pull', MESSAGE.contentHashes, [7, 0]);
    await eventually(() => expect(other.requestsOf(MESSAGE.getTableDiff)).toHaveLength(1));
  });
});

describe('whole-store diff requests', () => {
  it('are answered at a bounded rate per connection', async () => {
    const storeId = newStoreId();
    const writer = await connectClient(storeId);
    writer.store.transaction(() => {
      for (let index = 0; index < 20; index++) writer.store.setRow('users', `u${index}`, ada);
    });
    const stub = env.STORES.get(env.STORES.idFromName(storeId));
    await eventually(async () => {
      const exported = await stub.exportContent();
      expect(exported.ok && Object.keys(exported.value.tables.users ?? {})).toHaveLength(20);
    });
    const asker = await rawClient(storeId, userNamed('user_asker'));

    // Hashes naming no table: each answer is every row of the store.
    const startedAt = Date.now();
    for (let index = 0; index < 90; index++) asker.send(`d${index}`, MESSAGE.getTableDiff, {});
    await asker.sentinel('after-flood');
    const seconds = (Date.now() - startedAt) / 1000;
    const answers = asker.messages.filter(([id]) => id?.startsWith('d'));
    for (const [, , body] of answers) expect(Object.keys(wholeUsersTable(body))).toHaveLength(20);
    // Before the limit: 90 answers, 1,800 rows serialised. Now the burst, plus the rate.
    expect(answers.length).toBeLessThanOrEqual(
      DIFF_REQUEST_BURST + Math.ceil(seconds * DIFF_REQUESTS_PER_SECOND),
    );
    expect(answers.length).toBeGreaterThan(0);
  });
});

/** The rows of the `users` table in a table-diff answer: `[[tables stamp], differing hashes]`. */
function wholeUsersTable(body: unknown): Record<string, unknown> {
  const [[tables]] = body as [[Record<string, [Record<string, unknown>]>]];
  return tables.users?.[0] ?? {};
}
