import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SpawnedServer {
  readonly url: string;
  readonly child: ChildProcess;
  /** What the process wrote to stdout and stderr so far (e.g. an engine panic). */
  output(): string;
  stop(): Promise<void>;
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The server as operators run it (`npm run libsql`: `src/main.ts` in its own process) on a free
 * port and a fresh database file. A test that crashes it cannot take the test runner down with
 * it, and can tell whether the process is still there.
 */
export function spawnServer(): Promise<SpawnedServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: packageDir,
    env: {
      ...process.env,
      LIBSQL_PORT: '0',
      LIBSQL_DB_PATH: join(mkdtempSync(join(tmpdir(), 'libsql-spawned-')), 'spawned.db'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let listening = false;
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /libSQL dev server on (http:\/\/\S+)/.exec(output)?.[1];
      if (listening || url === undefined) return;
      listening = true;
      resolve({
        url,
        child,
        output: () => output,
        stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('exit', () => {
      if (!listening) reject(new Error(`The server exited before listening:\n${output}`));
    });
  });
}
