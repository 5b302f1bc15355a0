import { appSchema, createTinySyncStore, memoryPersister } from '@tinysync/store';
import { eventually } from '@tinysync/sync-worker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../scale.ts';
import { writeBackToBack } from '../support/back-to-back-writes.ts';
import { type RunningSystem, startSystem } from '../support/running-system.ts';
import { tableDifferences } from '../support/table-differences.ts';
import {
  assertSynced,
  openTinySyncClient,
  type TinySyncClient,
} from '../support/tinysync-client.ts';
import { tursoRowCount } from '../support/turso-row-count.ts';
import {
  editAfterTheOfflineEdits,
  editBeforeTheOfflineEdits,
  editOffline,
  expectLatestWritesWon,
  newTask,
  offlineEditPlan,
} from './offline-edits.ts';

/** The 1,000 offline edits; the soak run makes ten times as many. */
const EDITS = scaled(1_000, 10_000);
/**
 * Tasks created offline before reconnecting: 10k make about 1.6 MB of changes, more than one
 * 1 MiB WebSocket frame (the most the server accepts); the soak run's 150k make about 25 MB,
 * more than TinyBase's client lets pile up unsent (16 MiB).
 */
const CREATED_OFFLINE = scaled(10_000, 150_000);
/** Tasks in the store whose local copy is wiped. */
const STORE_TASKS = scaled(5_000, 50_000);
const SETTLE_MS = scaled(60_000, 300_000);
/** Each test waits for up to four things in turn, each for at most SETTLE_MS. */
const TEST_MS = 4 * SETTLE_MS;

type Tables = ReturnType<TinySyncClient['app']['store']['getTables']>;

/** Lets the wall clock move on, so that the next edits get later CRDT stamps than the last. */
const nextMoment = () => new Promise((resolve) => setTimeout(resolve, 50));

/**
 * Gives the store a history in every table: users and projects, `tasks` tasks written back to
 * back, then some changed and some deleted, and a user deleted.
 */
async function fillWithHistory({ app, unsentBytes }: TinySyncClient, tasks: number) {
  app.batch(() => {
    for (let index = 0; index < 20; index++) {
      const user = { name: `User ${index}`, email: `user${index}@example.com` };
      app.tables.users.create({ id: `u${index}`, ...user });
      app.tables.projects.create({
        id: `p${index}`,
        name: `Project ${index}`,
        ownerId: `u${index}`,
      });
    }
  });
  await writeBackToBack({
    from: 0,
    to: tasks,
    rowsPerTransaction: 500,
    writeTransaction: (first, end) =>
      app.batch(() => {
        for (let index = first; index < end; index++) {
          const id = `t${index}`;
          app.tables.tasks.create({ id, ...newTask(id), projectId: `p${index % 20}` });
        }
      }),
    unsentBytes,
  });
  app.batch(() => {
    for (let index = 0; index < tasks; index += 10) {
      app.tables.tasks.update(`t${index}`, { status: 'done', assigneeId: `u${index % 20}` });
    }
    for (let index = 5; index < tasks; index += 25) app.tables.tasks.delete(`t${index}`);
    app.tables.users.delete('u19');
  });
}

describe('a client offline for a long time', () => {
  let system: RunningSystem;
  const clients: TinySyncClient[] = [];
  const open = async (...args: Parameters<typeof openTinySyncClient>) => {
    const client = await openTinySyncClient(...args);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await system?.stop();
  });

  it(
    `reconnects with ${EDITS} offline edits and converges with a client that edited meanwhile`,
    async () => {
      const storeId = 'org_offline';
      const plan = offlineEditPlan(EDITS);
      // Both run the product's client, kept in local storage.
      const away = await open(system, storeId);
      const other = await open(system, storeId, { session: { sub: 'user_2' } });
      other.app.batch(() => {
        for (const id of plan.seeded) other.app.tables.tasks.create({ id, ...newTask(id) });
      });
      await eventually(() => {
        expect(away.app.tables.tasks.count()).toBe(plan.seeded.length);
        assertSynced('the client going offline', away);
        assertSynced('the other client', other);
      }, SETTLE_MS);

      away.client.stop();
      expect(away.client.getSnapshot().status).toBe('offline');
      editBeforeTheOfflineEdits(other.app.tables.tasks, plan);
      await nextMoment();
      const pendingBefore = away.client.getSnapshot().pendingChanges;
      expect(editOffline(away.app.tables.tasks, plan)).toBe(EDITS);
      expect(away.client.getSnapshot().pendingChanges - pendingBefore).toBe(EDITS);
      await nextMoment();
      editAfterTheOfflineEdits(other.app.tables.tasks, plan);

      await away.client.start();
      await eventually(() => {
        assertSynced('the client back online', away);
        assertSynced('the other client', other);
        expect(tableDifferences(away.app.store.getTables(), other.app.store.getTables())).toEqual(
          [],
        );
      }, SETTLE_MS);
      const converged: Tables = away.app.store.getTables();
      await eventually(async () => {
        expect(tableDifferences(converged, await system.durableObjectTables(storeId))).toEqual([]);
        expect(tableDifferences(converged, await system.tursoTables(storeId))).toEqual([]);
      }, SETTLE_MS);
      expectLatestWritesWon(converged.tasks ?? {}, plan);
    },
    TEST_MS,
  );

  it(
    `sends ${CREATED_OFFLINE} tasks created offline once it reconnects`,
    async () => {
      const storeId = 'org_offline_volume';
      const away = await open(system, storeId);
      await eventually(() => assertSynced('the client going offline', away), SETTLE_MS);
      away.client.stop();
      for (let first = 0; first < CREATED_OFFLINE; first += 1_000) {
        away.app.batch(() => {
          for (let index = first; index < first + 1_000; index++) {
            away.app.tables.tasks.create({ id: `t${index}`, ...newTask(`t${index}`) });
          }
        });
      }
      const createdOffline: Tables = away.app.store.getTables();

      await away.client.start();
      await eventually(() => assertSynced('the client back online', away), SETTLE_MS);
      await eventually(async () => {
        expect(tableDifferences(createdOffline, await system.durableObjectTables(storeId))).toEqual(
          [],
        );
      }, SETTLE_MS);
      await eventually(
        async () => expect(await tursoRowCount(system.db, 'tasks', storeId)).toBe(CREATED_OFFLINE),
        SETTLE_MS,
      );
    },
    TEST_MS,
  );

  it(
    `gives a client whose local store was wiped the whole ${STORE_TASKS}-task store back`,
    async () => {
      const storeId = 'org_wiped';
      const first = await open(system, storeId);
      await fillWithHistory(first, STORE_TASKS);
      await eventually(() => assertSynced('the first device', first), SETTLE_MS);
      const everything: Tables = first.app.store.getTables();
      await first.close();

      // The same user with no local data (site data cleared, a new browser): an empty store.
      const wiped = await open(system, storeId);
      await eventually(() => {
        assertSynced('the wiped device', wiped);
        expect(tableDifferences(everything, wiped.app.store.getTables())).toEqual([]);
      }, SETTLE_MS);

      // What it reloaded is kept locally again: reopened from its storage, offline, all is there.
      await wiped.close();
      const reopened = createTinySyncStore(appSchema, {
        persister: memoryPersister(wiped.storage, storeId),
      });
      await reopened.ready;
      expect(tableDifferences(everything, reopened.store.getTables())).toEqual([]);
      await reopened.destroy();
    },
    TEST_MS,
  );
});
