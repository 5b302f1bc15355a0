import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../../scripts/workspace-source.ts';

export default defineConfig({
  plugins: [workspaceSource()],
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // One libSQL server, one worker, one built app and one Chromium for the whole suite.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
