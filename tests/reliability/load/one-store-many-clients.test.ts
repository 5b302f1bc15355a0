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

/** The count in both runs; the soak run writes faster and for longer. */
const CLIENTS = 100;
const WRITES_PER_SECOND = scaled(0.5, 1);
const WRITING_MS = scaled(4_000, 60_000);
/** Generous: on a busy two-core machine 100 clients take tens of seconds to settle. */
const SETTLE_MS = scaled(120_000, 900_000);
/** Longer than SETTLE_MS, so a copy that never agrees fails with its differences, not a timeout. */
const TEST_MS = SETTLE_MS + 60_000;
const STORE_ID = 'org_load';
/** Every client also overwrites this one cell, so the copies must agree on a last writer. */
const HOT_USER = 'hot';

describe(`${CLIENTS} clients writing steadily to one store`, () => {
  let system: RunningSystem;
  let clients: NodeClient[];
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

  beforeAll(async () => {
    system = await startSystem();
    idleMemory = system.worker.memory();
    clients = await connectClients(system, STORE_ID, CLIENTS);
    clients.forEach((client, index) => {
      latency.watch(client);
      troubles.watch(client, `client ${index}`);
    });
    const first = clients[0] as NodeClient;
    first.store.setRow('users', HOT_USER, {
      name: 'nobody yet',
      email: 'hot@example.com',
      role: 'member',
      createdAt: 1,
    });
    await eventually(() => {
      for (const client of clients) expect(client.store.hasRow('users', HOT_USER)).toBe(true);
    }, SETTLE_MS);

    const start = performance.now();
    cpuMeter = startCpuMeter(system.worker);
    writesEach = await writeSteadily({
      writers: CLIENTS,
      writesPerSecond: WRITES_PER_SECOND,
      durationMs: WRITING_MS,
      write: (writer, sequence) => {
        const client = clients[writer] as NodeClient;
        const rowId = loadTaskId(STORE_ID, writer, sequence);
        latency.wrote(rowId, client);
        client.store.transaction(() => {
          client.store.setRow('tasks', rowId, loadTask(STORE_ID, writer, sequence));
          client.store.setCell('users', HOT_USER, 'name', rowId);
        });
      },
    });
    writingEndedAt = performance.now();
    writingMs = writingEndedAt - start;
  }, TEST_MS);

  afterAll(async () => {
    if (system === undefined) return;
    try {
      recordLoadReport({
        scenario: `one store, ${CLIENTS} clients`,
        stores: 1,
        clientsPerStore: CLIENTS,
        writesPerClientPerSecond: WRITES_PER_SECOND,
        writes: writesEach * CLIENTS,
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

  /** What every copy must hold: every write's task, and one agreed winner of the hot cell. */
  let expectedTasks: ReturnType<typeof expectedLoadTasks>;
  const expectedTables = () => {
    expectedTasks ??= expectedLoadTasks(STORE_ID, CLIENTS, writesEach);
    return { tasks: expectedTasks, users: (clients[0] as NodeClient).store.getTable('users') };
  };

  it(
    'brings every client to the same content, every write included',
    async () => {
      await waitUntilClientsHold(
        expectedTables,
        clients.map((client, index) => [`client ${index}`, client] as const),
        SETTLE_MS,
      );
      const winner = (clients[0] as NodeClient).store.getCell('users', HOT_USER, 'name');
      expect(expectedTables().tasks).toHaveProperty([String(winner)]);
      // Each write arrived once at each of the other clients, so every latency is counted.
      expect(latency.summary().samples).toBe(CLIENTS * writesEach * (CLIENTS - 1));
      converged();
    },
    TEST_MS,
  );

  it(
    "brings the Durable Object's copy to the same content",
    async () => {
      await eventually(async () => {
        expect(
          tableDifferences(expectedTables(), await system.durableObjectTables(STORE_ID)),
        ).toEqual([]);
      }, SETTLE_MS);
      converged();
    },
    TEST_MS,
  );

  it(
    'brings Turso to the same content',
    async () => {
      await eventually(async () => {
        expect((await mirrorStatus(system, STORE_ID)).pendingRows).toBe(0);
        expect(tableDifferences(expectedTables(), await system.tursoTables(STORE_ID))).toEqual([]);
      }, SETTLE_MS);
      converged();
    },
    TEST_MS,
  );

  it('closes no socket and reports no socket error under the load', () => {
    expect(troubles.troubles()).toEqual([]);
  });
});
