import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../scripts/workspace-source.ts';

export default defineConfig({
  plugins: [workspaceSource()],
  test: {
    include: ['*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
