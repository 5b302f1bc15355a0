import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

export interface RunningDemoApp {
  /** The app's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  close(): Promise<void>;
}

const appDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the demo against `workerUrl` and serves the build on loopback `port`. A build (not
 * the dev server): the app shell is a few fixed files the offline cache can hold, and no
 * on-demand dependency optimisation reloads a page in the middle of a test.
 */
export async function startDemoApp({
  workerUrl,
  port,
}: {
  readonly workerUrl: string;
  readonly port: number;
}): Promise<RunningDemoApp> {
  const outDir = mkdtempSync(join(tmpdir(), 'tinysync-demo-'));
  const common = {
    root: appDir,
    configFile: join(appDir, 'vite.config.ts'),
    logLevel: 'warn' as const,
    // The dev sign-in picker against this test's worker, whatever the shell has set.
    define: {
      'import.meta.env.VITE_TINYSYNC_URL': JSON.stringify(workerUrl),
      'import.meta.env.VITE_CLERK_PUBLISHABLE_KEY': 'undefined',
    },
  };
  await build({ ...common, build: { outDir, emptyOutDir: true } });
  const server = await preview({
    ...common,
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true },
  });
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => server.close(),
  };
}
