// Hostile row ids are data: a row whose id is `__proto__`, SQL, a path or odd characters,
// written through sync or through the HTTP API, is stored, mirrored to Turso as that id, and
// still there — with the rest of its store — after the worker restarts and each Durable
// Object reloads its store from its own storage, and when a Durable Object that has no state
// of its own loads the store from Turso.
import { eventually, type RunningWorker, startWorker } from '@tinysync/sync-worker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningSystem, startSystem } from '../support/running-system.ts';
import type { Tables } from './guarded-store.ts';
import { callApi } from './store-api.ts';

/**
 * Each hostile id under a readable name. Ids naming an Object.prototype member (`__proto__`,
 * `constructor`, `hasOwnProperty`) fail when written: the Durable Object's load from its own
 * storage and its hydration from Turso index plain objects by row id, so the load throws and
 * the store comes up empty, neighbours included. A list, not an object literal: in one, a
 * `__proto__` key sets the prototype instead of adding an entry.
 */
const HOSTILE_IDS: [name: string, rowId: string][] = [
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['prototype', 'prototype'],
  ['hasOwnProperty', 'hasOwnProperty'],
  ['SQL', "'); DROP TABLE users;--"],
  ['a path', '../../org_other/tables/users/x'],
  ['spaces, accents and an emoji', 'spaces, ünïcödé and 🙂'],
  ['256 characters (the longest allowed)', 'x'.repeat(256)],
];
const CHANNELS = ['sync', 'http'] as const;
type Channel = (typeof CHANNELS)[number];

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
const hostileRow = {
  name: 'Hostile id',
  email: 'hostile@example.com',
  role: 'member',
  createdAt: 2,
};

interface Case {
  readonly name: string;
  readonly channel: Channel;
  readonly rowId: string;
  readonly storeId: string;
}
const cases: Case[] = CHANNELS.flatMap((channel) =>
  HOSTILE_IDS.map(([name, rowId], index) => ({
    name,
    channel,
    rowId,
    storeId: `org_ids_${channel}${index}`,
  })),
);

/** A store with its neighbour row `ada` and the hostile row, built with own properties only. */
const expectedTables = (rowId: string): Tables => ({
  users: Object.fromEntries([
    ['ada', ada],
    [rowId, hostileRow],
  ]),
});

let system: RunningSystem;

/** Row ids Turso holds for the store, read as a list (no object keys to lose `__proto__` in). */
async function tursoUserIds(storeId: string): Promise<string[]> {
  const { rows } = await system.db.execute({
    sql: 'SELECT id FROM users WHERE _tinysync_store = ? ORDER BY id',
    args: [storeId],
  });
  return rows.map((row) => String(row.id));
}

async function write({ channel, rowId, storeId }: Case): Promise<void> {
  const client = await system.connect(storeId);
  client.store.setRow('users', 'ada', ada);
  if (channel === 'sync') {
    client.store.setRow('users', rowId, hostileRow);
  } else {
    const answer = await callApi(system.worker.url, {
      method: 'POST',
      path: `/stores/${storeId}/tables/users`,
      token: await system.tokenFor(storeId),
      body: { id: rowId, ...hostileRow },
    });
    expect(answer.status).toBe(201);
  }
  await eventually(async () => {
    expect(await system.durableObjectTables(storeId)).toEqual(expectedTables(rowId));
    expect(await tursoUserIds(storeId)).toEqual(['ada', rowId].sort());
  }, 30_000);
  await client.close();
}

beforeAll(async () => {
  system = await startSystem();
  for (const hostileCase of cases) await write(hostileCase);
  // Every store's Durable Object now has to load its store from its own storage.
  await system.worker.restart();
}, 600_000);
afterAll(async () => {
  await system?.stop();
});

describe('hostile row ids, after a restart of the worker', () => {
  it.each(cases)(
    'keeps a row with $name as its id, written through $channel, and its store',
    async ({ rowId, storeId }) => {
      expect(await system.durableObjectTables(storeId)).toEqual(expectedTables(rowId));
      expect(await tursoUserIds(storeId)).toEqual(['ada', rowId].sort());
      const read = await callApi(system.worker.url, {
        method: 'GET',
        path: `/stores/${storeId}/tables/users/${encodeURIComponent(rowId)}`,
        token: await system.tokenFor(storeId),
      });
      expect(read).toMatchObject({ status: 200, body: { ...hostileRow, id: rowId } });
      const newcomer = await system.connect(storeId);
      await eventually(() => expect(newcomer.store.getTables()).toEqual(expectedTables(rowId)));
      await newcomer.close();
    },
  );
});

describe('hostile row ids, loaded from Turso by Durable Objects that start empty', () => {
  // A second worker with storage of its own, mirroring to the same database: each of its
  // Durable Objects starts with no state and hydrates its store from Turso.
  let fresh: RunningWorker;
  beforeAll(async () => {
    fresh = await startWorker({ vars: { TURSO_DATABASE_URL: system.libsql.url } });
  });
  afterAll(async () => {
    await fresh?.stop();
  });

  it.each(cases)(
    'loads the row with $name as its id, written through $channel, and its store',
    async ({ rowId, storeId }) => {
      const token = await system.tokenFor(storeId);
      await eventually(async () => {
        const answer = await callApi(fresh.url, {
          method: 'GET',
          path: `/stores/${storeId}/export`,
          token,
        });
        expect(answer.body).toMatchObject({ tables: expectedTables(rowId) });
      }, 10_000);
    },
  );
});
