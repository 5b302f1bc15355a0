import { fileURLToPath } from 'node:url';
import { appSchema, createSyncClient, createTinySyncStore, memoryPersister } from '@tinysync/store';
import {
  connectNodeClient,
  devToken,
  eventually,
  type NodeClient,
  type RunningWorker,
  startWorker,
  untilWritesAreSent,
} from '@tinysync/sync-worker/testing';
import type { MergeableStore } from 'tinybase';
import { WebSocket } from 'ws';
import { type BenchResult, median } from './measure.ts';
import { ALONE_ON_RELAY_TIMEOUT_SECONDS, withTimeout } from './timed-write.ts';
import { writeUsers } from './write-users.ts';

export interface SyncBenchOptions {
  /** Store sizes to measure at. */
  readonly sizes: readonly number[];
  /** Single-cell changes timed per size and server. */
  readonly changes: number;
}

interface Server {
  readonly name: string;
  readonly worker: RunningWorker;
  /** WebSocket URL and token for a store of this server. */
  endpoint(storeId: string): Promise<{ url: string; token?: string }>;
  /** Opens the client a new user of this server runs; resolves with a way to close it. */
  join(storeId: string, hasAllRows: (store: MergeableStore) => boolean): Promise<() => unknown>;
  /** Request timeout of a store's first client, where the default would only make it wait. */
  readonly firstClientTimeoutSeconds?: number;
}

interface Measured {
  readonly p50: number;
  readonly p99: number;
  readonly initialSyncMs: number;
}

/**
 * Change → other client latency (p50/p99) through TinySync's worker and through two TinyBase
 * baselines, in the same run: a bare WsServerDurableObject relay (no auth, validation or
 * persistence) and the same with TinyBase's stock fragmented SQL persister. Also the time a new
 * client takes to receive a whole store.
 */
export async function runSyncBench({ sizes, changes }: SyncBenchOptions): Promise<BenchResult[]> {
  const baselines = await startWorker({
    configPath: fileURLToPath(new URL('./sync-variants/wrangler.jsonc', import.meta.url)),
  });
  const tinysync = await startWorker();
  const servers: Server[] = [
    {
      name: 'TinySync worker',
      worker: tinysync,
      endpoint: async (storeId) => ({
        url: `${tinysync.wsUrl}/sync/${storeId}`,
        token: await benchToken(storeId),
      }),
      join: (storeId, hasAllRows) => joinWithTinySyncClient(tinysync, storeId, hasAllRows),
    },
    {
      name: 'bare relay',
      worker: baselines,
      endpoint: async (id) => ({ url: `${baselines.wsUrl}/bare-${id}` }),
      firstClientTimeoutSeconds: ALONE_ON_RELAY_TIMEOUT_SECONDS,
      join(storeId, hasAllRows) {
        return joinWithTinyBaseClient(this, storeId, hasAllRows);
      },
    },
    {
      name: 'stock fragmented persister',
      worker: baselines,
      endpoint: async (id) => ({ url: `${baselines.wsUrl}/stock-${id}` }),
      join(storeId, hasAllRows) {
        return joinWithTinyBaseClient(this, storeId, hasAllRows);
      },
    },
  ];
  try {
    const measured = new Map<string, Measured>();
    for (const size of sizes) {
      const storeId = `org_bench${size}_${Date.now()}`;
      const servedStores = await measureServers(servers, storeId, size, changes);
      for (const [server, { latencies, initialSyncMs }] of servedStores) {
        measured.set(`${server.name}@${size}`, {
          p50: median(latencies),
          p99: percentile(latencies, 0.99),
          initialSyncMs,
        });
      }
    }
    return toResults(measured, sizes);
  } finally {
    await Promise.all([tinysync.stop(), baselines.stop()]);
  }
}

async function connect(
  server: Server,
  storeId: string,
  requestTimeoutSeconds?: number,
): Promise<NodeClient> {
  const { url, token } = await server.endpoint(storeId);
  return connectNodeClient(
    url,
    token,
    undefined,
    requestTimeoutSeconds ? { requestTimeoutSeconds } : {},
  );
}

/**
 * One writer and one reader per server on a store of `size` rows, then `changes` single-cell
 * changes timed from the writer's write to the reader's listener. The servers take turns change
 * by change (in a rotating order), so a burst of noise on this shared machine lands on all of
 * them alike instead of on whichever server happened to be measured then. Last, a new client
 * joins each store (while the pair is still connected: the bare relay keeps no copy itself).
 */
async function measureServers(
  servers: readonly Server[],
  storeId: string,
  size: number,
  changes: number,
): Promise<Map<Server, { latencies: number[]; initialSyncMs: number }>> {
  const pairs = new Map<Server, { writer: NodeClient; reader: NodeClient }>();
  const latencies = new Map<Server, number[]>(servers.map((server) => [server, []]));
  try {
    for (const server of servers) {
      const writer = await connect(server, storeId, server.firstClientTimeoutSeconds);
      const reader = await connect(server, storeId);
      pairs.set(server, { writer, reader });
      await fill(writer, reader, size);
    }
    for (let change = 0; change < changes; change++) {
      for (let turn = 0; turn < servers.length; turn++) {
        const server = servers[(change + turn) % servers.length] as Server;
        const { writer, reader } = pairs.get(server) as { writer: NodeClient; reader: NodeClient };
        latencies.get(server)?.push(await timeOneChange(writer, reader, change, size, server.name));
      }
    }
    const measured = new Map<Server, { latencies: number[]; initialSyncMs: number }>();
    for (const server of servers) {
      measured.set(server, {
        latencies: latencies.get(server) as number[],
        initialSyncMs: await measureInitialSync(server, storeId, size),
      });
    }
    return measured;
  } finally {
    const clients = [...pairs.values()].flatMap(({ writer, reader }) => [writer, reader]);
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  }
}

async function timeOneChange(
  writer: NodeClient,
  reader: NodeClient,
  change: number,
  size: number,
  serverName: string,
): Promise<number> {
  const rowId = `u${change % size}`;
  const value = `changed ${change}`;
  let listenerId = '';
  const arrived = new Promise<void>((resolve) => {
    listenerId = reader.store.addCellListener('users', rowId, 'name', (store) => {
      if (store.getCell('users', rowId, 'name') === value) {
        reader.store.delListener(listenerId);
        resolve();
      }
    });
  });
  await untilWritesAreSent(writer);
  const start = performance.now();
  writer.store.setCell('users', rowId, 'name', value);
  await withTimeout(arrived, 60_000, () => {
    reader.store.delListener(listenerId);
    return `${serverName} @ ${size} rows: change ${change} did not reach the reader in 60 s (writer socket state ${writer.socket.readyState}, reader ${reader.socket.readyState})`;
  });
  return performance.now() - start;
}

/** How long a new client takes from connecting to holding every row of the store. */
async function measureInitialSync(server: Server, storeId: string, size: number): Promise<number> {
  const start = performance.now();
  const close = await server.join(storeId, (store) => store.getRowCount('users') === size);
  const elapsed = performance.now() - start;
  await Promise.resolve(close()).catch(() => undefined);
  return elapsed;
}

/** A plain TinyBase client (MergeableStore + WsSynchronizer), as the baselines serve. */
async function joinWithTinyBaseClient(
  server: Server,
  storeId: string,
  hasAllRows: (store: MergeableStore) => boolean,
): Promise<() => unknown> {
  const joiner = await connect(server, storeId);
  await waitFor(() => hasAllRows(joiner.store));
  return () => joiner.close();
}

/**
 * TinySync's own client, as an app runs it: a TinySync store (schema, indexes, a local
 * persister) and the sync client, which starts an empty store from the server's snapshot.
 */
async function joinWithTinySyncClient(
  worker: RunningWorker,
  storeId: string,
  hasAllRows: (store: MergeableStore) => boolean,
): Promise<() => unknown> {
  const app = createTinySyncStore(appSchema, { persister: memoryPersister(new Map(), storeId) });
  const client = createSyncClient({
    store: app,
    url: worker.wsUrl,
    storeId,
    getToken: () => benchToken(storeId),
    WebSocket,
  });
  await client.start();
  await waitFor(() => hasAllRows(app.store as unknown as MergeableStore));
  return async () => {
    await client.destroy();
    await app.destroy();
  };
}

function waitFor(condition: () => boolean): Promise<void> {
  return eventually(() => {
    if (!condition()) throw new Error('not yet');
  }, 120_000);
}

function benchToken(storeId: string): Promise<string> {
  return devToken({ sub: 'user_bench', org: storeId, role: 'org:admin', ttlSeconds: 7200 });
}

/** Writes `size` users and waits until the reader has them all. */
async function fill(writer: NodeClient, reader: NodeClient, size: number) {
  await writeUsers(writer, size);
  await eventually(() => {
    if (reader.store.getRowCount('users') !== size) throw new Error('not yet');
  }, 300_000);
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

function toResults(measured: Map<string, Measured>, sizes: readonly number[]): BenchResult[] {
  const results: BenchResult[] = [];
  const get = (server: string, size: number) => measured.get(`${server}@${size}`) as Measured;
  const smallest = sizes[0] as number;
  for (const size of sizes) {
    const ours = get('TinySync worker', size);
    const bare = get('bare relay', size);
    const stock = get('stock fragmented persister', size);
    results.push(
      {
        metric: `change → other client p50 @ ${size} rows`,
        unit: 'ms',
        ours: ours.p50,
        baseline: bare.p50,
        baselineName: 'bare relay',
        target: '≤ 1.3× bare relay',
        pass: ours.p50 <= 1.3 * bare.p50,
      },
      {
        metric: `change → other client p50 @ ${size} rows, vs stock persister`,
        unit: 'ms',
        ours: ours.p50,
        baseline: stock.p50,
        baselineName: 'stock fragmented persister',
        ...(size >= 50_000 ? { target: '≤ 5 ms', pass: ours.p50 <= 5 } : {}),
      },
      {
        metric: `change → other client p99 @ ${size} rows`,
        unit: 'ms',
        ours: ours.p99,
        baseline: bare.p99,
        baselineName: 'bare relay',
        ...(size >= 10_000 ? { target: '≤ 10 ms', pass: ours.p99 <= 10 } : {}),
      },
      {
        metric: `new client's initial sync @ ${size} rows`,
        unit: 'ms',
        ours: ours.initialSyncMs,
        baseline: stock.initialSyncMs,
        baselineName: 'stock fragmented persister',
        ...(size >= 50_000 ? { target: '≤ 3000 ms', pass: ours.initialSyncMs <= 3000 } : {}),
      },
    );
    if (size !== smallest) {
      const growth = ours.p50 / get('TinySync worker', smallest).p50;
      results.push({
        metric: `p50 growth ${smallest} → ${size} rows`,
        unit: '×',
        ours: growth,
        target: '≤ 1.5×',
        pass: growth <= 1.5,
      });
    }
  }
  return results;
}
