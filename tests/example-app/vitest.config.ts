import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../../scripts/workspace-source.ts';

export default defineConfig({
  // Only for the repository's own test helpers (@tinysync/sync-worker/testing): the example
  // itself is installed from tarballs and resolves nothing from this workspace.
  plugins: [workspaceSource()],
  test: {
    include: ['**/*.test.ts'],
    environment: 'node',
    // One file at a time: the end-to-end file runs npm, tsc, Vite, wrangler and Chromium, and
    // on two cores anything beside it only makes both slower.
    fileParallelism: false,
    testTimeout: 120_000,
    // Packing and installing the example is one step, and the slowest.
    hookTimeout: 240_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
