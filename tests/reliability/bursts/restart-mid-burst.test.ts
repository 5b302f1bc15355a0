import { eventually } from '@tinysync/sync-worker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../scale.ts';
import { writeBackToBack } from '../support/back-to-back-writes.ts';
import { type RunningSystem, startSystem } from '../support/running-system.ts';
import { expectDurableObjectToHold, expectTursoToHold } from '../support/server-copies.ts';
import { rowCounts, tableDifferences } from '../support/table-differences.ts';
import {
  assertSynced,
  openTinySyncClient,
  type TinySyncClient,
} from '../support/tinysync-client.ts';
import { burstTask, burstTaskId } from './burst-task.ts';

/**
 * 10k in `npm test`, where the 50k through the product's client (validated writes, a
 * reconnect and a resync of what the restart cut off) takes a minute or two on two cores; the
 * soak run writes 50k.
 */
const ROWS = scaled(10_000, 50_000);
const ROWS_PER_TRANSACTION = 500;
/** Generous: after the restart the writer resends what the server lost, on a busy machine. */
const SETTLE_MS = scaled(150_000, 900_000);
/** A test outlives its waits, so that a timeout reports what was still missing. */
const TEST_MS = SETTLE_MS + 30_000;
/**
 * The setup starts wrangler dev twice (each start may take up to a minute on a loaded machine)
 * and waits for both clients to be in sync before the burst.
 */
const SETUP_MS = 2 * 60_000 + 2 * SETTLE_MS;
const STORE_ID = 'org_restart';

type Tables = ReturnType<TinySyncClient['app']['store']['getTables']>;

describe('wrangler dev restarted (the Durable Object unloaded and reloaded) in the middle of a burst', () => {
  let system: RunningSystem;
  let writer: TinySyncClient;
  let reader: TinySyncClient;
  /** What the writer holds once it has written everything: every other copy must equal it. */
  let written: Tables;

  beforeAll(async () => {
    system = await startSystem();
    // The product's client, as users run it: it reconnects by itself after the restart. No
    // local persistence: a reload is not under test here, and the memory persister copies the
    // whole store on every save, which would make the burst crawl.
    writer = await openTinySyncClient(system, STORE_ID, { persisted: false });
    reader = await openTinySyncClient(system, STORE_ID, {
      session: { sub: 'user_2' },
      persisted: false,
    });
    await eventually(() => {
      assertSynced('the writer', writer);
      assertSynced('the reader', reader);
    }, SETTLE_MS);
    const write = (from: number, to: number) =>
      writeBackToBack({
        from,
        to,
        rowsPerTransaction: ROWS_PER_TRANSACTION,
        writeTransaction: (first, end) =>
          writer.app.batch(() => {
            for (let index = first; index < end; index++) {
              writer.app.tables.tasks.create({ id: burstTaskId(index), ...burstTask(index) });
            }
          }),
        unsentBytes: () => writer.unsentBytes(),
      });
    await write(0, ROWS / 2);
    // The second half is written while the worker stops (its sockets die, the Durable Object
    // is unloaded) and starts again (the Durable Object reloads from its storage).
    await Promise.all([system.worker.restart(), write(ROWS / 2, ROWS)]);
    written = writer.app.store.getTables();
  }, SETUP_MS);
  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await system?.stop();
  });

  it(
    'the writer reconnects and the server ends up holding every row it wrote',
    async () => {
      expect(rowCounts(written)).toEqual({ tasks: ROWS });
      await eventually(() => assertSynced('the writer', writer), SETTLE_MS);
      expect(writer.socketsOpened()).toBeGreaterThan(1);
    },
    TEST_MS,
  );

  // The checks below compare with the writer's rows, so they first require the writer to be in
  // sync: if it never got there, they fail at once, with the reason.

  it(
    'the other client, which reconnected too, gets every row',
    async () => {
      assertSynced('the writer', writer);
      await eventually(() => expect(reader.app.tables.tasks.count()).toBe(ROWS), SETTLE_MS);
      expect(reader.socketsOpened()).toBeGreaterThan(1);
      expect(tableDifferences(written, reader.app.store.getTables())).toEqual([]);
    },
    TEST_MS,
  );

  it(
    "the reloaded Durable Object's copy holds every row",
    async () => {
      assertSynced('the writer', writer);
      await expectDurableObjectToHold(system, STORE_ID, written, SETTLE_MS);
    },
    TEST_MS,
  );

  it(
    'Turso holds every row',
    async () => {
      assertSynced('the writer', writer);
      await expectTursoToHold(system, STORE_ID, 'tasks', written, SETTLE_MS);
    },
    TEST_MS,
  );

  it(
    'a standard TinyBase client joining afterwards gets every row',
    async () => {
      assertSynced('the writer', writer);
      const joiner = await system.connect(STORE_ID);
      await eventually(() => expect(joiner.store.getRowCount('tasks')).toBe(ROWS), SETTLE_MS);
      expect(tableDifferences(written, joiner.store.getTables())).toEqual([]);
    },
    TEST_MS,
  );
});
