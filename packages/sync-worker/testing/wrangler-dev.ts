import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DevTokenOptions, signDevToken } from '../src/auth/sign-dev-token.ts';
import { freePort } from './free-port.ts';

// From the file path string: a DOM test environment may replace the global URL.
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const devPrivateKey = readFileSync(join(packageDir, 'dev/dev-jwt-private.pem'), 'utf8');

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
}

export interface StartWorkerOptions {
  /** Where local Durable Object data lives; a fresh temporary folder by default. */
  readonly persistDir?: string;
  /** A wrangler config other than this package's (e.g. a benchmark's); its dev env is not used. */
  readonly configPath?: string;
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
    options.configPath === undefined ? ['--env', 'dev'] : ['--config', options.configPath];
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const vars = { TURSO_DATABASE_URL: '', ...options.vars };
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  const launchWorker = () => launch(port, persistDir, url, [...configArgs, ...varArgs]);
  let child = await launchWorker();
  const stop = async () => {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return {
    url,
    wsUrl: url.replace('http', 'ws'),
    stop,
    async restart() {
      await stop();
      child = await launchWorker();
    },
  };
}

async function launch(
  port: number,
  persistDir: string,
  url: string,
  extraArgs: string[],
): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    NO_UPDATE_NOTIFIER: '1',
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
      String(await freePort()),
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
