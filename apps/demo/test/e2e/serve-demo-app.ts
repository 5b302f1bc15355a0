import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

export interface ServedDemoApp {
  /** The app's origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** Builds the demo against `workerUrl` into the folder being served. */
  build(workerUrl: string): Promise<void>;
  close(): Promise<void>;
}

const appDir = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Serves a build folder of the demo on a loopback port the system picks, before anything is
 * built into it: the worker has to trust the app's origin (CORS, tokens' `azp`) before the app
 * can be built against the worker's URL, and a port chosen now but bound only after the
 * worker and the build had started could be taken by then (other suites run alongside).
 * The preview server looks files up per request, so the build can land afterwards.
 *
 * A build (not the dev server): the app shell is a few fixed files the offline cache can hold,
 * and no on-demand dependency optimisation reloads a page in the middle of a test.
 */
export async function serveDemoApp(): Promise<ServedDemoApp> {
  const outDir = mkdtempSync(join(tmpdir(), 'tinysync-demo-'));
  const common = {
    root: appDir,
    configFile: join(appDir, 'vite.config.ts'),
    logLevel: 'warn' as const,
  };
  const server = await preview({
    ...common,
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0 },
  });
  const { port } = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async build(workerUrl) {
      await build({
        ...common,
        // The dev sign-in picker against this test's worker, whatever the shell has set.
        define: {
          'import.meta.env.VITE_TINYSYNC_URL': JSON.stringify(workerUrl),
          'import.meta.env.VITE_CLERK_PUBLISHABLE_KEY': 'undefined',
        },
        build: { outDir, emptyOutDir: true },
      });
    },
    close: () => server.close(),
  };
}
