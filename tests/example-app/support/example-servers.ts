import { join } from 'node:path';
import { freePort } from '@tinysync/sync-worker/testing';
import { type BackgroundProcess, startBackgroundProcess } from './background-process.ts';
import { toolEnv } from './run-command.ts';

/**
 * The example's own worker under `wrangler dev`, from its installed copy, on `port`, with
 * `vars` passed as `--var NAME:value` (the secrets a deployment would have).
 */
export async function startExampleWorker(
  dir: string,
  port: number,
  vars: Readonly<Record<string, string>>,
): Promise<BackgroundProcess> {
  const url = `http://127.0.0.1:${port}`;
  const varArgs = Object.entries(vars).flatMap(([name, value]) => ['--var', `${name}:${value}`]);
  return startBackgroundProcess(
    join(dir, 'node_modules/.bin/wrangler'),
    [
      'dev',
      ...varArgs,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(await freePort()),
      '--show-interactive-dev-session=false',
      '--log-level',
      'warn',
    ],
    { cwd: dir, env: toolEnv(), url, readyUrl: `${url}/health` },
  );
}

/** The example's built app (dist/), served by `vite preview` on `port`. */
export function startExamplePreview(dir: string, port: number): Promise<BackgroundProcess> {
  const url = `http://127.0.0.1:${port}`;
  return startBackgroundProcess(
    join(dir, 'node_modules/.bin/vite'),
    ['preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    { cwd: dir, env: toolEnv(), url, readyUrl: url },
  );
}
