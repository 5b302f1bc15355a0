import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { type DevTokenOptions, signDevToken } from '../src/auth/sign-dev-token.ts';
import { freePort, portReleased } from './free-port.ts';

// From the file path string: a DOM test environment may replace the global URL.
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const devPrivateKey = readFileSync(join(packageDir, 'dev/dev-jwt-private.pem'), 'utf8');
const devPublicKey = readFileSync(join(packageDir, 'dev/dev-jwt-public.pem'), 'utf8');

/**
 * The variables that make a worker's dev configuration trust the committed dev-only key pair
 * and serve POST /dev/token: an app's own wrangler config (the demo's) keeps keys out of it.
 */
export function devAuthVars(): Record<string, string> {
  return { CLERK_JWT_KEY: devPublicKey, TINYSYNC_DEV_SIGNING_KEY: devPrivateKey };
}

/** A dev-config token, as the demo's "sign in as" picker would get. */
export async function devToken(options: DevTokenOptions): Promise<string> {
  return (await signDevToken(devPrivateKey, options)).token;
}

export interface RunningWorker {
  readonly url: string;
  readonly wsUrl: string;
  /** Stops `wrangler dev` (the local Durable Object data stays in `persistDir`). */
  stop(): Promise<void>;
  /** Stops and starts it again on the same port and data, like a developer restarting it. */
  restart(): Promise<void>;
  /** Resident memory of the workerd processes behind it, from /proc (Linux only). */
  memory(): WorkerdMemory;
  /** CPU time the workerd processes behind it have used so far, from /proc (Linux only). */
  cpu(): WorkerdCpu;
  /**
   * The worker isolate's V8 heap (its Durable Objects run in the same isolate), through the
   * inspector `wrangler dev` serves. With `collectGarbage`, first takes and discards a heap
   * snapshot, the one request of workerd's inspector that runs a full garbage collection, so
   * `usedBytes` is the live heap; that takes seconds for a big heap.
   */
  heapUsage(options?: { readonly collectGarbage?: boolean }): Promise<HeapUsage>;
}

/**
 * `wrangler dev` runs two workerd processes: the runtime (the worker and its Durable Objects)
 * and its own proxy in front of it, which exists only in development and holds every socket a
 * second time. Production has neither the proxy nor a process of your own, so compare runtimes.
 */
export interface WorkerdMemory {
  readonly runtimeRssBytes: number;
  readonly devProxyRssBytes: number;
}

/** Seconds of CPU (user + system), split as `WorkerdMemory` is. */
export interface WorkerdCpu {
  readonly runtimeSeconds: number;
  readonly devProxySeconds: number;
}

export interface HeapUsage {
  readonly usedBytes: number;
  readonly totalBytes: number;
}

export interface StartWorkerOptions {
  /** Where local Durable Object data lives; a fresh temporary folder by default. */
  readonly persistDir?: string;
  /**
   * A wrangler config other than this package's (an app's, a benchmark's). Its top level runs
   * unless `environment` names one of its environments, which then also gets `devAuthVars()`.
   */
  readonly configPath?: string;
  readonly environment?: string;
  /**
   * Variables on top of the configuration's. `TURSO_DATABASE_URL` is empty (no mirror) unless
   * given here, so a test never writes to a developer's local database by accident.
   */
  readonly vars?: Readonly<Record<string, string>>;
}

/** Starts a worker with `wrangler dev` (workerd, offline) on a free loopback port. */
export async function startWorker(options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const persistDir = options.persistDir ?? mkdtempSync(join(tmpdir(), 'tinysync-worker-'));
  const configArgs =
    options.configPath === undefined
      ? ['--env', 'dev']
      : [
          '--config',
          options.configPath,
          ...(options.environment === undefined ? [] : ['--env', options.environment]),
        ];
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const appDevAuth =
    options.configPath !== undefined && options.environment !== undefined ? devAuthVars() : {};
  const vars = { TURSO_DATABASE_URL: '', ...appDevAuth, ...options.vars };
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  let inspectorPort = 0;
  const launchWorker = async () => {
    inspectorPort = await freePort();
    return launch(port, inspectorPort, persistDir, url, [...configArgs, ...varArgs]);
  };
  let child = await launchWorker();
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    await portReleased(port);
  };
  return {
    url,
    wsUrl: url.replace('http', 'ws'),
    stop,
    async restart() {
      await stop();
      child = await launchWorker();
    },
    memory: () => workerdMemory(child, port),
    cpu: () => workerdCpu(child, port),
    heapUsage: (heapOptions = {}) => isolateHeapUsage(inspectorPort, heapOptions),
  };
}

async function launch(
  port: number,
  inspectorPort: number,
  persistDir: string,
  url: string,
  extraArgs: string[],
): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    NO_UPDATE_NOTIFIER: '1',
    // The workspace packages' source, before wrangler's own conditions (scripts/workspace-source.ts).
    WRANGLER_BUILD_CONDITIONS: '@tinysync/source,workerd,worker,browser',
  };
  delete env.CLOUDFLARE_API_TOKEN;
  delete env.CLOUDFLARE_ACCOUNT_ID;
  const child = spawn(
    join(packageDir, '../../node_modules/.bin/wrangler'),
    [
      'dev',
      ...extraArgs,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--persist-to',
      persistDir,
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    { cwd: packageDir, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited:\n${output}`);
    if (await isHealthy(`${url}/health`)) return child;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`wrangler dev did not become healthy:\n${output}`);
}

/**
 * GET /health over node:http rather than `fetch`: in a DOM test environment the global fetch is
 * the DOM's, which applies CORS to a loopback health check.
 */
function isHealthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(url, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
  });
}

/** The workerd processes behind `wrangler dev`: its runtime, and the proxy in front of it. */
function workerdProcesses(wrangler: ChildProcess, port: number) {
  if (wrangler.pid === undefined) throw new Error('wrangler dev is not running');
  const workerds = descendantsOf(wrangler.pid).filter((pid) => procFile(pid, 'comm') === 'workerd');
  // The proxy listens on the port we asked for; the runtime on one of its own.
  const isProxy = (pid: number) =>
    procFile(pid, 'cmdline').includes(`--socket-addr=entry=127.0.0.1:${port}`);
  return {
    runtime: workerds.filter((pid) => !isProxy(pid)),
    devProxy: workerds.filter(isProxy),
  };
}

function workerdMemory(wrangler: ChildProcess, port: number): WorkerdMemory {
  const { runtime, devProxy } = workerdProcesses(wrangler, port);
  const rssOf = (pids: number[]) => pids.reduce((sum, pid) => sum + residentBytes(pid), 0);
  return { runtimeRssBytes: rssOf(runtime), devProxyRssBytes: rssOf(devProxy) };
}

function workerdCpu(wrangler: ChildProcess, port: number): WorkerdCpu {
  const { runtime, devProxy } = workerdProcesses(wrangler, port);
  const cpuOf = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  return { runtimeSeconds: cpuOf(runtime), devProxySeconds: cpuOf(devProxy) };
}

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses, so parse after the last ')'.
    const stat = procFile(pid, 'stat');
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ). */
const CLOCK_TICKS_PER_SECOND = 100;

/** User and system CPU time `pid` has used so far, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = procFile(pid, 'stat');
  // After `pid (comm)`: state is field 3, utime and stime are fields 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / CLOCK_TICKS_PER_SECOND;
}

function residentBytes(pid: number): number {
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(procFile(pid, 'status'))?.[1];
  return Number(kilobytes ?? 0) * 1024;
}

/** A /proc file of `pid` ('' once the process is gone: it may exit while we look). */
function procFile(pid: number, name: string): string {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8').replaceAll('\0', ' ').trim();
  } catch {
    return '';
  }
}

interface InspectorAnswer {
  readonly id?: number;
  readonly result?: Record<string, number>;
  readonly error?: object;
}

/** A heap snapshot of a big store on a busy machine takes tens of seconds; never hang forever. */
const INSPECTOR_ANSWER_MS = 120_000;

async function isolateHeapUsage(
  inspectorPort: number,
  { collectGarbage = false }: { readonly collectGarbage?: boolean },
): Promise<HeapUsage> {
  // wrangler's inspector proxy takes one debugger at a time: connect, ask, disconnect.
  const socket = new WebSocket(`ws://127.0.0.1:${inspectorPort}/ws`);
  // Every wait below ends when the socket closes; the deadline closes it.
  const deadline = setTimeout(() => socket.terminate(), INSPECTOR_ANSWER_MS);
  const closed = new Promise<never>((_, reject) => {
    socket.once('close', () =>
      reject(new Error(`the inspector closed or did not answer within ${INSPECTOR_ANSWER_MS} ms`)),
    );
    socket.once('error', reject);
  });
  closed.catch(() => undefined);
  const waiting = new Map<number, (message: InspectorAnswer) => void>();
  socket.on('message', (data) => {
    // Snapshot chunks and events arrive here too; only answers have an id.
    const message = JSON.parse(String(data)) as InspectorAnswer;
    if (message.id !== undefined) waiting.get(message.id)?.(message);
  });
  let lastId = 0;
  const call = (method: string, params: object = {}) => {
    const id = ++lastId;
    const answered = new Promise<Record<string, number>>((resolve, reject) => {
      waiting.set(id, ({ result, error }) => {
        waiting.delete(id);
        if (error) reject(new Error(`${method}: ${JSON.stringify(error)}`));
        else resolve(result ?? {});
      });
      socket.send(JSON.stringify({ id, method, params }));
    });
    return Promise.race([answered, closed]);
  };
  try {
    await Promise.race([new Promise((resolve) => socket.once('open', resolve)), closed]);
    if (collectGarbage) {
      await call('HeapProfiler.enable');
      await call('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    }
    const { usedSize = 0, totalSize = 0 } = await call('Runtime.getHeapUsage');
    return { usedBytes: usedSize, totalBytes: totalSize };
  } finally {
    clearTimeout(deadline);
    socket.close();
  }
}
