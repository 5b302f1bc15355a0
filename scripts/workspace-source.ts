// Inside this repository the workspace packages resolve to their TypeScript source, not to the
// dist/ builds npm ships: each export lists a "@tinysync/source" condition first (src/*.ts), then
// `types` and `default` (dist/). TypeScript reads it from the root tsconfig's `customConditions`,
// wrangler from WRANGLER_BUILD_CONDITIONS, tsx from `--conditions`, and Vite (dev, build, Vitest,
// Storybook) from this plugin. A name of our own rather than "development": an app that installs
// the packages resolves "development" in Vite's dev server and in Vitest, and would then look
// for source files the packages do not ship.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defaultServerConditions, type Plugin } from 'vite';

export const SOURCE_CONDITION = '@tinysync/source';

/**
 * The sync worker's Node test helpers (`wrangler dev`, the libSQL dev server, dev tokens): for
 * this repository's tests and benchmarks only, so the package does not export them (nor ship
 * them, nor the dev key they read). The root tsconfig maps the same name with `paths`.
 */
const SYNC_WORKER_TESTING = fileURLToPath(
  new URL('../packages/sync-worker/testing/index.ts', import.meta.url),
);

/** Adds the source condition to every Vite environment, keeping each one's own conditions. */
export function workspaceSource(): Plugin {
  return {
    name: 'tinysync:workspace-source',
    config: () => ({
      resolve: {
        alias: [{ find: /^@tinysync\/sync-worker\/testing$/, replacement: SYNC_WORKER_TESTING }],
      },
    }),
    configEnvironment(name, config, env) {
      // Vite's defaults apply only when an environment sets no conditions of its own.
      const client = (config.consumer ?? (name === 'client' ? 'client' : 'server')) === 'client';
      const defaults =
        client || env.isSsrTargetWebworker ? defaultClientConditions : defaultServerConditions;
      const own = config.resolve?.conditions === undefined ? defaults : [];
      return { resolve: { conditions: [SOURCE_CONDITION, ...own] } };
    },
  };
}
