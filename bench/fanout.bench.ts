import { fileURLToPath } from 'node:url';
import {
  connectNodeClient,
  devToken,
  eventually,
  type NodeClient,
  type RunningWorker,
  type StartWorkerOptions,
  startWorker,
  untilWritesAreSent,
} from '@tinysync/sync-worker/testing';
import { type BenchResult, median } from './measure.ts';
import { ALONE_ON_RELAY_TIMEOUT_SECONDS, withTimeout } from './timed-write.ts';
import { writeUsers } from './write-users.ts';

export interface FanoutBenchOptions {
  /** Clients connected besides the writer; each write is timed until the last of them has it. */
  readonly clients: number;
  /** Rows in the store while it is measured (at least 1: the writes change existing rows). */
  readonly rows: number;
  /** Single-cell writes timed per server. */
  readonly writes: number;
}

interface Server {
  readonly name: string;
  readonly options: StartWorkerOptions;
  /** WebSocket URL and token for a store of this server. */
  endpoint(worker: RunningWorker, storeId: string): Promise<{ url: string; token?: string }>;
  /** Request timeout of a store's first client, where the default would only make it wait. */
  readonly firstClientTimeoutSeconds?: number;
}

/** What one server measured; memory in MiB. */
interface Measured {
  readonly lastReceivesP50: number;
  readonly lastReceivesP99: number;
  readonly firstReceivesP50: number;
  readonly rssMiB: number;
  readonly idleRssMiB: number;
  readonly liveHeapMiB: number;
  readonly heapReservedMiB: number;
}

/** Connections opened at once while the clients join. */
const JOIN_AT_ONCE = 10;
/**
 * Pause after each timed write, so that the hash announcement TinySync's server makes 20 ms
 * after a change, and any requests it prompts, are over before the next write is timed: each
 * write is timed alone, as one user's edit reaching everyone else.
 */
const SPACING_MS = 100;
const MiB = 1024 * 1024;

const baselineConfig = fileURLToPath(new URL('./sync-variants/wrangler.jsonc', import.meta.url));
const SERVERS: readonly Server[] = [
  {
    name: 'TinySync worker',
    options: {},
    endpoint: async (worker, storeId) => ({
      url: `${worker.wsUrl}/sync/${storeId}`,
      token: await devToken({
        sub: 'user_bench',
        org: storeId,
        role: 'org:admin',
        ttlSeconds: 7200,
      }),
    }),
  },
  {
    name: 'bare relay',
    options: { configPath: baselineConfig },
    endpoint: async (worker, id) => ({ url: `${worker.wsUrl}/bare-${id}` }),
    firstClientTimeoutSeconds: ALONE_ON_RELAY_TIMEOUT_SECONDS,
  },
  {
    name: 'stock fragmented persister',
    options: { configPath: baselineConfig },
    endpoint: async (worker, id) => ({ url: `${worker.wsUrl}/stock-${id}` }),
  },
];

/**
 * Fan-out: one client changes one cell while `clients` others are connected to the same
 * store of `rows` rows; timed until the last of them has the change. TinySync's worker against
 * TinyBase's bare WsServerDurableObject relay (no auth, validation or server copy) and the
 * same with TinyBase's stock SQL persister (a server copy, like ours), in the same run.
 *
 * And the worker's memory with that store and those clients. Each server runs in a workerd
 * of its own, started for it, so its memory is its own. Memory is read (see `measureMemory`) as
 * the runtime process's resident set, total and as the increase over the same process idle
 * with an empty store, and as the worker isolate's JS heap, live and reserved.
 *
 * All clients live in this one Node process: the time to the last client includes this
 * process applying the change in every client one after the other (the same for every
 * server), so it overstates what one client on its own machine would see.
 */
export async function runFanoutBench(options: FanoutBenchOptions): Promise<BenchResult[]> {
  if (options.rows < 1) throw new Error('the fan-out benchmark needs at least one row');
  const measured = new Map<string, Measured>();
  for (const server of SERVERS) measured.set(server.name, await measureServer(server, options));
  return toResults(measured, options);
}

async function measureServer(server: Server, options: FanoutBenchOptions): Promise<Measured> {
  const worker = await startWorker(server.options);
  const storeId = `org_fanout${Date.now()}`;
  const clients: NodeClient[] = [];
  const connect = async (requestTimeoutSeconds?: number) => {
    const { url, token } = await server.endpoint(worker, storeId);
    const client = await connectNodeClient(
      url,
      token,
      undefined,
      requestTimeoutSeconds ? { requestTimeoutSeconds } : {},
    );
    clients.push(client);
    return client;
  };
  try {
    const writer = await connect(server.firstClientTimeoutSeconds);
    let writerClosed = '';
    writer.socket.on('close', (code, reason) => {
      writerClosed = ` (the writer's socket closed: ${code} ${String(reason)})`;
    });
    // Idle: the worker has loaded its code and opened the (empty) store for one client.
    const idleRssMiB = worker.memory().runtimeRssBytes / MiB;
    // The clients join while the store is empty, then receive the rows as they are written:
    // the TinyBase baselines have every client answer every joining client's requests, so
    // joining a full store would cost them the store once per client already there.
    const receivers: NodeClient[] = [];
    for (let joined = 0; joined < options.clients; joined += JOIN_AT_ONCE) {
      const batch = Math.min(JOIN_AT_ONCE, options.clients - joined);
      receivers.push(...(await Promise.all(Array.from({ length: batch }, () => connect()))));
    }
    await fill(writer, receivers, options.rows);
    const fanOut = await timeFanOut(
      writer,
      receivers,
      options,
      () => `${server.name}${writerClosed}`,
    );
    const loaded = await measureMemory(worker);
    return {
      lastReceivesP50: median(fanOut.last),
      lastReceivesP99: percentile(fanOut.last, 0.99),
      firstReceivesP50: median(fanOut.first),
      rssMiB: loaded.rssMiB,
      idleRssMiB,
      liveHeapMiB: loaded.liveHeapMiB,
      heapReservedMiB: loaded.heapReservedMiB,
    };
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await worker.stop();
  }
}

/**
 * Two kinds of reading, because neither alone answers "how much memory does this take":
 * - the resident set of the workerd process that runs the worker and its Durable Objects
 *   (not wrangler's dev-only proxy in front of it). Its total is mostly the runtime itself
 *   (~75 MiB idle here, none of which a Worker is charged for in production), so the figure
 *   compared with the target is the increase over the same process idle with an empty store:
 *   everything the store and the connections made the process hold, including heap the
 *   garbage collector has not given back, SQLite's page cache and socket buffers — an upper
 *   bound;
 * - the worker isolate's JS heap after a full garbage collection: what the store and the
 *   connections keep alive, the part of Cloudflare's 128 MB per-isolate limit they use — the
 *   lower bound. Next to it, the heap V8 had reserved before that collection: with no memory
 *   pressure under `wrangler dev`, V8 lets garbage pile up (applying rows through TinyBase's
 *   merge allocates ~35 KB per row), and the resident set keeps what it reserved.
 * The resident set is read first: the heap snapshot that forces the collection grows it by
 * ~30 MiB for good (allocator memory the process keeps), which is also why the idle reading is
 * the resident set alone — a snapshot there would have the load reuse that memory unseen.
 */
async function measureMemory(worker: RunningWorker) {
  const { runtimeRssBytes } = worker.memory();
  const reserved = await worker.heapUsage();
  const live = await worker.heapUsage({ collectGarbage: true });
  return {
    rssMiB: runtimeRssBytes / MiB,
    heapReservedMiB: reserved.totalBytes / MiB,
    liveHeapMiB: live.usedBytes / MiB,
  };
}

/** Writes `rows` users and waits until every receiver has them all. */
async function fill(writer: NodeClient, receivers: readonly NodeClient[], rows: number) {
  await writeUsers(writer, rows);
  // Every client applies every row in this one process: allow for that on a slow machine.
  const allowedMs = 60_000 + rows * receivers.length * 0.5;
  await eventually(() => {
    const behind = receivers.filter((receiver) => receiver.store.getRowCount('users') !== rows);
    if (behind.length > 0) throw new Error(`${behind.length} clients do not have all ${rows} rows`);
  }, allowedMs);
}

/** Per write: ms until the first and until the last receiver had it. */
async function timeFanOut(
  writer: NodeClient,
  receivers: readonly NodeClient[],
  { rows, writes }: FanoutBenchOptions,
  describeServer: () => string,
) {
  const first: number[] = [];
  const last: number[] = [];
  for (let write = 0; write < writes; write++) {
    const rowId = `u${write % rows}`;
    const value = `fan-out ${write}`;
    const arrivals: number[] = [];
    const listeners = new Map<NodeClient, string>();
    const allArrived = new Promise<void>((resolve) => {
      for (const receiver of receivers) {
        const listenerId = receiver.store.addCellListener('users', rowId, 'name', (store) => {
          if (store.getCell('users', rowId, 'name') !== value) return;
          store.delListener(listenerId);
          arrivals.push(performance.now());
          if (arrivals.length === receivers.length) resolve();
        });
        listeners.set(receiver, listenerId);
      }
    });
    await untilWritesAreSent(writer);
    const start = performance.now();
    writer.store.setCell('users', rowId, 'name', value);
    await withTimeout(allArrived, 60_000, () => {
      for (const [receiver, listenerId] of listeners) receiver.store.delListener(listenerId);
      return `${describeServer()}: write ${write} reached ${arrivals.length} of ${receivers.length} clients in 60 s`;
    });
    first.push(Math.min(...arrivals) - start);
    last.push(Math.max(...arrivals) - start);
    await new Promise((resolve) => setTimeout(resolve, SPACING_MS));
  }
  return { first, last };
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

function toResults(
  measured: Map<string, Measured>,
  { clients, rows }: FanoutBenchOptions,
): BenchResult[] {
  const ours = measured.get('TinySync worker') as Measured;
  const bare = measured.get('bare relay') as Measured;
  const stock = measured.get('stock fragmented persister') as Measured;
  const fanOut = `fan-out to ${clients} clients @ ${rows} rows`;
  const load = `${rows} rows + ${clients} clients`;
  const increase = (server: Measured) => server.rssMiB - server.idleRssMiB;
  return [
    {
      metric: `${fanOut}: last receives p50`,
      unit: 'ms',
      ours: ours.lastReceivesP50,
      baseline: bare.lastReceivesP50,
      baselineName: 'bare relay',
      target: '≤ 50 ms',
      pass: ours.lastReceivesP50 <= 50,
    },
    {
      metric: `${fanOut}: last receives p99`,
      unit: 'ms',
      ours: ours.lastReceivesP99,
      baseline: bare.lastReceivesP99,
      baselineName: 'bare relay',
    },
    {
      metric: `${fanOut}: first receives p50`,
      unit: 'ms',
      ours: ours.firstReceivesP50,
      baseline: bare.firstReceivesP50,
      baselineName: 'bare relay',
    },
    {
      metric: `${fanOut}: last receives p50, vs stock persister`,
      unit: 'ms',
      ours: ours.lastReceivesP50,
      baseline: stock.lastReceivesP50,
      baselineName: 'stock fragmented persister',
    },
    {
      metric: `worker memory (workerd RSS increase over idle) with ${load}`,
      unit: 'MiB',
      ours: increase(ours),
      baseline: increase(stock),
      baselineName: 'stock fragmented persister',
      target: '≤ 64 MiB',
      pass: increase(ours) <= 64,
    },
    {
      metric: `worker memory (workerd RSS increase over idle) with ${load}, vs bare relay`,
      unit: 'MiB',
      ours: increase(ours),
      baseline: increase(bare),
      baselineName: 'bare relay (no server copy)',
    },
    {
      metric: `worker memory (workerd RSS total) with ${load}`,
      unit: 'MiB',
      ours: ours.rssMiB,
      baseline: stock.rssMiB,
      baselineName: 'stock fragmented persister',
    },
    {
      metric: `worker memory (live JS heap after GC) with ${load}`,
      unit: 'MiB',
      ours: ours.liveHeapMiB,
      baseline: stock.liveHeapMiB,
      baselineName: 'stock fragmented persister',
    },
    {
      metric: `worker memory (JS heap reserved before GC) with ${load}`,
      unit: 'MiB',
      ours: ours.heapReservedMiB,
      baseline: stock.heapReservedMiB,
      baselineName: 'stock fragmented persister',
    },
  ];
}
