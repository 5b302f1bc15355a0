import { eventually, type NodeClient } from '@tinysync/sync-worker/testing';
import { expect, onTestFinished } from 'vitest';
import { mirrorStatus } from '../support/mirror-status.ts';
import type { RunningSystem } from '../support/running-system.ts';

export type Tables = Record<string, Record<string, Record<string, unknown>>>;

/** What every guarded store holds before it is attacked: one row in each table. */
export const BASELINE: Tables = {
  users: { ada: { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 } },
  projects: { engine: { name: 'Engine', ownerId: 'ada', createdAt: 2 } },
  tasks: { sketch: { title: 'Sketch', status: 'todo', projectId: 'engine', position: 1 } },
};

/** Long enough for a flush to Turso on a busy two-core machine. */
const SETTLE_TIMEOUT_MS = 30_000;
/** Between two looks at the worker: its HTTP API rate-limits each user (50 requests/s). */
const POLL_PAUSE_MS = 100;

/**
 * A store under attack, watched by two standard TinyBase clients that are connected to it
 * throughout (the bystanders).
 */
export interface GuardedStore {
  readonly storeId: string;
  readonly bystanders: readonly [NodeClient, NodeClient];
  /**
   * Proves that the attack left the store as `expected` (the baseline unless the case
   * legitimately wrote something) and harmed nobody: the bystanders are still connected and
   * still sync (a new row written by one reaches the other), the Durable Object and Turso hold
   * exactly `expected` plus that row with nothing left to flush, both bystanders hold the
   * same, and the worker still serves: `/health` answers and a new client gets the content.
   */
  expectIntact(expected?: Tables): Promise<void>;
}

/**
 * Seeds `storeId` with the baseline through a bystander and waits until Turso has it. Call it
 * inside a test: the bystanders disconnect when the test ends, so that the stores of earlier
 * cases stop polling Turso (every store with a client does) and loading the machine.
 */
export async function guardStore(system: RunningSystem, storeId: string): Promise<GuardedStore> {
  const bystanders = [await system.connect(storeId), await system.connect(storeId)] as const;
  onTestFinished(async () => {
    await Promise.all(bystanders.map((client) => client.close().catch(() => undefined)));
  });
  const [writer, watcher] = bystanders;
  const connectionStates = watchConnections(bystanders);
  writer.store.transaction(() => {
    for (const [tableId, rows] of Object.entries(BASELINE)) {
      for (const [rowId, row] of Object.entries(rows))
        writer.store.setRow(tableId, rowId, row as never);
    }
  });
  await eventually(() => expect(watcher.store.getTables()).toEqual(BASELINE));
  await expectServerHolds(system, storeId, BASELINE);

  // Rows written to prove the store still syncs; each check adds one.
  const proofRows: Record<string, Record<string, unknown>> = {};
  return {
    storeId,
    bystanders,
    async expectIntact(expected = BASELINE) {
      const proofId = `proof${Object.keys(proofRows).length + 1}`;
      proofRows[proofId] = {
        name: 'Still syncing',
        email: 'proof@example.com',
        role: 'member',
        createdAt: 3,
      };
      const want = withRows(expected, 'users', proofRows);

      expect(connectionStates(), 'the bystanders').toEqual(['open', 'open']);
      writer.store.setRow('users', proofId, proofRows[proofId] as never);
      await eventually(() => {
        // First: a bystander that lost its connection will never see the row.
        expect(connectionStates(), 'the bystanders').toEqual(['open', 'open']);
        expect(watcher.store.getRow('users', proofId)).toEqual(proofRows[proofId]);
      });
      await expectServerHolds(system, storeId, want);
      await eventually(() => {
        expect(writer.store.getTables()).toEqual(want);
        expect(watcher.store.getTables()).toEqual(want);
      });
      expect(connectionStates(), 'the bystanders').toEqual(['open', 'open']);

      expect((await fetch(`${system.worker.url}/health`)).status).toBe(200);
      const newcomer = await system.connect(storeId);
      try {
        await eventually(() => expect(newcomer.store.getTables()).toEqual(want));
      } finally {
        await newcomer.close();
      }
    },
  };
}

/**
 * Each client's connection as a word: `open`, `closing` (it gave up on the connection, e.g.
 * after a message it could not read), or `closed <code> <reason>` as the server closed it.
 */
function watchConnections(clients: readonly NodeClient[]): () => string[] {
  const closes = clients.map((client) => {
    let close: string | undefined;
    client.socket.once('close', (code, reason) => {
      close = `closed ${code} ${String(reason)}`;
    });
    return () => close;
  });
  return () =>
    clients.map(
      (client, index) =>
        closes[index]?.() ?? (client.socket.readyState === client.socket.OPEN ? 'open' : 'closing'),
    );
}

/** Waits until the Durable Object and Turso both hold exactly `want`, with nothing to flush. */
async function expectServerHolds(system: RunningSystem, storeId: string, want: Tables) {
  await eventually(async () => {
    try {
      const status = await withinTime(mirrorStatus(system, storeId), 'the status route');
      expect({ pendingRows: status.pendingRows, lastError: status.lastError }).toEqual({
        pendingRows: 0,
        lastError: null,
      });
      const durableObject = await withinTime(
        system.durableObjectTables(storeId),
        'the export route',
      );
      expect(durableObject, 'the Durable Object').toEqual(want);
      expect(await system.tursoTables(storeId), 'Turso').toEqual(want);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, POLL_PAUSE_MS));
      throw error;
    }
  }, SETTLE_TIMEOUT_MS);
}

/** `tables` with `rows` added to `tableId`. */
export function withRows(
  tables: Tables,
  tableId: string,
  rows: Record<string, Record<string, unknown>>,
): Tables {
  return { ...tables, [tableId]: { ...tables[tableId], ...rows } };
}

/** How long one look at the worker may take before it counts as a failed look. */
const REQUEST_TIMEOUT_MS = 5_000;

/**
 * `promise`, or a rejection once it has taken REQUEST_TIMEOUT_MS: a request that never
 * answers must fail the look (so `eventually` tries again and finally reports it) rather than
 * hang the test until its timeout.
 */
function withinTime<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${REQUEST_TIMEOUT_MS} ms`)),
      REQUEST_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
