import { eventually, type NodeClient } from '@tinysync/sync-worker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../scale.ts';
import { writeBackToBack } from '../support/back-to-back-writes.ts';
import { type RunningSystem, startSystem } from '../support/running-system.ts';
import { expectDurableObjectToHold, expectTursoToHold } from '../support/server-copies.ts';
import { rowCounts, tableDifferences } from '../support/table-differences.ts';
import { assertSynced, openTinySyncClient } from '../support/tinysync-client.ts';
import { burstTask, burstTaskId } from './burst-task.ts';

/** The 50k; the soak run goes four times further. */
const ROWS = scaled(50_000, 200_000);
/** Small transactions, so the burst is many sync messages rather than one giant one. */
const ROWS_PER_TRANSACTION = 500;
/** Generous: on a busy two-core machine a 50k-row burst takes tens of seconds to settle. */
const SETTLE_MS = scaled(120_000, 900_000);
/** A test outlives its waits, so that a timeout reports what was still missing. */
const TEST_MS = SETTLE_MS + 30_000;
/** The setup starts wrangler dev (up to a minute on a loaded machine) and writes the burst. */
const SETUP_MS = 60_000 + 2 * SETTLE_MS;
const STORE_ID = 'org_burst';

describe(`a burst of ${ROWS} rows written back to back by one client`, () => {
  let system: RunningSystem;
  let writer: NodeClient;
  let readers: NodeClient[];
  /** How the writer's socket ended, if it did: a standard client does not reconnect. */
  let writerClosedWith: string | undefined;
  /** What the writer holds once it has written everything: every other copy must equal it. */
  let written: ReturnType<NodeClient['store']['getTables']>;

  beforeAll(async () => {
    system = await startSystem();
    writer = await system.connect(STORE_ID);
    writer.socket.on('close', (code, reason) => {
      writerClosedWith = `${code} ${String(reason)}`;
    });
    readers = [await system.connect(STORE_ID), await system.connect(STORE_ID)];
    await writeBackToBack({
      from: 0,
      to: ROWS,
      rowsPerTransaction: ROWS_PER_TRANSACTION,
      writeTransaction: (first, end) =>
        writer.store.transaction(() => {
          for (let index = first; index < end; index++) {
            writer.store.setRow('tasks', burstTaskId(index), burstTask(index));
          }
        }),
      unsentBytes: () => writer.socket.bufferedAmount,
    });
    written = writer.store.getTables();
  }, SETUP_MS);
  afterAll(async () => {
    await system?.stop();
  });

  it('leaves the writer holding every row it wrote, still connected', () => {
    expect(rowCounts(written)).toEqual({ tasks: ROWS });
    expect(writerClosedWith).toBeUndefined();
  });

  // A writer whose socket closed cannot deliver the rest: the checks below then fail at once.

  it(
    'reaches both other connected clients, every row',
    async () => {
      expect(writerClosedWith).toBeUndefined();
      await eventually(() => {
        expect(readers.map((reader) => reader.store.getRowCount('tasks'))).toEqual([ROWS, ROWS]);
      }, SETTLE_MS);
      for (const reader of readers) {
        expect(tableDifferences(written, reader.store.getTables())).toEqual([]);
      }
    },
    TEST_MS,
  );

  it(
    "reaches the Durable Object's copy, every row",
    async () => {
      expect(writerClosedWith).toBeUndefined();
      await expectDurableObjectToHold(system, STORE_ID, written, SETTLE_MS);
    },
    TEST_MS,
  );

  it(
    'reaches Turso, every row',
    async () => {
      expect(writerClosedWith).toBeUndefined();
      await expectTursoToHold(system, STORE_ID, 'tasks', written, SETTLE_MS);
    },
    TEST_MS,
  );

  it(
    `gives a client joining the ${ROWS}-row store every row`,
    async () => {
      // The product's client on a device with nothing stored yet, as a new member would open it.
      const joiner = await openTinySyncClient(system, STORE_ID, { session: { sub: 'user_3' } });
      try {
        await eventually(() => {
          assertSynced('the joining client', joiner);
          expect(joiner.app.tables.tasks.count()).toBe(ROWS);
        }, SETTLE_MS);
        expect(tableDifferences(written, joiner.app.store.getTables())).toEqual([]);
      } finally {
        await joiner.close();
      }
    },
    TEST_MS,
  );
});
