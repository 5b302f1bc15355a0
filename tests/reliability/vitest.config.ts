import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../../scripts/workspace-source.ts';

const soak = process.env.TINYSYNC_SOAK === '1';

export default defineConfig({
  plugins: [workspaceSource()],
  test: {
    include: ['**/*.test.ts'],
    environment: 'node',
    // One file at a time: each file runs its own wrangler dev and libSQL server, and on two
    // cores several at once starve each other into timeouts that say nothing about the code.
    fileParallelism: false,
    testTimeout: soak ? 1_800_000 : 180_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
