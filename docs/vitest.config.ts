import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../scripts/workspace-source.ts';

export default defineConfig({
  plugins: [workspaceSource()],
  test: {
    include: ['examples/**/*.test.{ts,tsx}'],
    setupFiles: ['examples/test-setup.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
