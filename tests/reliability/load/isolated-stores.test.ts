import { eventually, type NodeClient, type RunningWorker } from '@tinysync/sync-worker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaled } from '../scale.ts';
import { mirrorStatus } from '../support/mirror-status.ts';
import { type RunningSystem, startSystem } from '../support/running-system.ts';
import { tableDifferences } from '../support/table-differences.ts';
import { waitUntilClientsHold } from './clients-converge.ts';
import { connectClients } from './connect-clients.ts';
import { type CpuUse, startCpuMeter } from './cpu-meter.ts';
import { recordLoadReport } from './load-report.ts';
import { expectedLoadTasks, loadTask, loadTaskId } from './load-tasks.ts';
import { PropagationLatency } from './propagation-latency.ts';
import { serverMemory } from './server-memory.ts';
import { SocketTroubles } from './socket-troubles.ts';
import { writeSteadily } from './steady-writes.ts';

/** The counts in both runs; the soak run writes faster and for longer. */
const STORES = 20;
const CLIENTS_PER_STORE = 10;
const WRITES_PER_SECOND = scaled(0.5, 1);
const WRITING_MS = scaled(4_000, 60_000);
/** How long the copies may take to agree: generous, a busy two-core machine is slow. */
const SETTLE_MS = scaled(120_000, 900_000);
/** Longer than SETTLE_MS, so a copy that never agrees fails with its differences, not a timeout. */
const TEST_MS = SETTLE_MS + 60_000;
const storeIds = Array.from({ length: STORES }, (_, index) => `org_isolated${index}`);

describe(`${STORES} stores × ${CLIENTS_PER_STORE} clients writing steadily at once`, () => {
  let system: RunningSystem;
  /** The clients of each store, in the order of `storeIds`. */
  const clientsOf = new Map<string, NodeClient[]>();
  const latency = new PropagationLatency('tasks');
  const troubles = new SocketTroubles();
  let idleMemory: ReturnType<RunningWorker['memory']>;
  let writesEach = 0;
  let writingMs = Number.NaN;
  let writingEndedAt = 0;
  let convergedAt = Number.NaN;
  let cpuMeter: ReturnType<typeof startCpuMeter> | undefined;
  let cpuUntilConverged: CpuUse | undefined;
  /** Every check that waits for the copies to agree ends here: the last one is the report's. */
  const converged = () => {
    convergedAt = performance.now();
    cpuUntilConverged = cpuMeter?.read();
  };

  /** Exactly the writes made to `storeId`: a row of any other store shows up as extra. */
  const expectedByStore = new Map<string, { tasks: ReturnType<typeof expectedLoadTasks> }>();
  const expectedTables = (storeId: string) => {
    let expected = expectedByStore.get(storeId);
    if (expected === undefined) {
      expected = { tasks: expectedLoadTasks(storeId, CLIENTS_PER_STORE, writesEach) };
      expectedByStore.set(storeId, expected);
    }
    return expected;
  };

  beforeAll(async () => {
    system = await startSystem();
    idleMemory = system.worker.memory();
    for (const storeId of storeIds) {
      const clients = await connectClients(system, storeId, CLIENTS_PER_STORE);
      clients.forEach((client, index) => {
        latency.watch(client);
        troubles.watch(client, `${storeId} client ${index}`);
      });
      clientsOf.set(storeId, clients);
    }
    const start = performance.now();
    cpuMeter = startCpuMeter(system.worker);
    writesEach = await writeSteadily({
      writers: STORES * CLIENTS_PER_STORE,
      writesPerSecond: WRITES_PER_SECOND,
      durationMs: WRITING_MS,
      write: (writerIndex, sequence) => {
        // Writers take turns across the stores, so every store is written to all the time.
        const storeId = storeIds[writerIndex % STORES] as string;
        const writer = Math.floor(writerIndex / STORES);
        const client = clientsOf.get(storeId)?.[writer] as NodeClient;
        const rowId = loadTaskId(storeId, writer, sequence);
        latency.wrote(rowId, client);
        client.store.setRow('tasks', rowId, loadTask(storeId, writer, sequence));
      },
    });
    writingEndedAt = performance.now();
    writingMs = writingEndedAt - start;
  }, TEST_MS);

  afterAll(async () => {
    if (system === undefined) return;
    try {
      recordLoadReport({
        scenario: `${STORES} stores × ${CLIENTS_PER_STORE} clients`,
        stores: STORES,
        clientsPerStore: CLIENTS_PER_STORE,
        writesPerClientPerSecond: WRITES_PER_SECOND,
        writes: writesEach * STORES * CLIENTS_PER_STORE,
        writingMs,
        propagation: latency.summary(),
        convergedAfterMs: convergedAt - writingEndedAt,
        server: await serverMemory(system.worker, idleMemory),
        cpu: cpuUntilConverged,
      });
    } finally {
      await system.stop();
    }
  }, TEST_MS);

  it(
    "brings every client to exactly its own store's writes",
    async () => {
      const deadline = Date.now() + SETTLE_MS;
      for (const storeId of storeIds) {
        await waitUntilClientsHold(
          () => expectedTables(storeId),
          (clientsOf.get(storeId) ?? []).map(
            (client, index) => [`${storeId} client ${index}`, client] as const,
          ),
          deadline - Date.now(),
        );
      }
      // Each write arrived once at each other client of its store, and nowhere else.
      expect(latency.summary().samples).toBe(
        STORES * CLIENTS_PER_STORE * writesEach * (CLIENTS_PER_STORE - 1),
      );
      converged();
    },
    TEST_MS,
  );

  it(
    "brings every store's Durable Object to exactly its own writes",
    async () => {
      const deadline = Date.now() + SETTLE_MS;
      for (const storeId of storeIds) {
        await eventually(async () => {
          expect(
            tableDifferences(expectedTables(storeId), await system.durableObjectTables(storeId)),
            storeId,
          ).toEqual([]);
        }, deadline - Date.now());
      }
      converged();
    },
    TEST_MS,
  );

  it(
    'mirrors every store to Turso under its own id, with no row anywhere else',
    async () => {
      const deadline = Date.now() + SETTLE_MS;
      for (const storeId of storeIds) {
        await eventually(async () => {
          expect((await mirrorStatus(system, storeId)).pendingRows, storeId).toBe(0);
          expect(
            tableDifferences(expectedTables(storeId), await system.tursoTables(storeId)),
            storeId,
          ).toEqual([]);
        }, deadline - Date.now());
      }
      converged();
      // A row filed under an id that is none of these stores' would escape the checks above.
      const { rows } = await system.db.execute(
        'SELECT _tinysync_store AS store, COUNT(*) AS count FROM tasks GROUP BY _tinysync_store',
      );
      expect(Object.fromEntries(rows.map((row) => [row.store, Number(row.count)]))).toEqual(
        Object.fromEntries(storeIds.map((storeId) => [storeId, CLIENTS_PER_STORE * writesEach])),
      );
    },
    TEST_MS,
  );

  it('closes no socket and reports no socket error under the load', () => {
    expect(troubles.troubles()).toEqual([]);
  });
});
