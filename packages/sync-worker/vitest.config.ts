import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../../scripts/workspace-source.ts';

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        // Unit and integration tests inside workerd, against the dev configuration.
        plugins: [
          workspaceSource(),
          cloudflareTest({
            wrangler: { configPath: './wrangler.jsonc', environment: 'dev' },
            // Small limits, so the tests can reach them.
            miniflare: {
              bindings: {
                // The Turso mirror is tested against wrangler dev (test/node/turso) and in its
                // parts; here Durable Objects run without one.
                TURSO_DATABASE_URL: '',
                TINYSYNC_MAX_CONNECTIONS_PER_STORE: '6',
                TINYSYNC_MAX_CONNECTIONS_PER_USER: '5',
                TINYSYNC_MESSAGES_PER_SECOND: '50',
                TINYSYNC_MESSAGE_BURST: '100',
                // 2 MiB messages: the object's fragment budget (two of them) is within reach.
                TINYSYNC_MAX_MESSAGE_BYTES: String(2 * 1024 * 1024),
              },
            },
          }),
        ],
        test: {
          name: 'worker',
          include: ['test/worker/**/*.test.ts'],
          testTimeout: 30_000,
          globalSetup: ['test/worker/libsql-global-setup.ts'],
        },
      },
      {
        // Node-side tests: scripts, and end-to-end runs against `wrangler dev`.
        plugins: [workspaceSource()],
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          // One file at a time: each end-to-end file runs its own wrangler dev (and libSQL
          // server), and on two cores several at once starve each other's syncs into timeouts.
          fileParallelism: false,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
