import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../../scripts/workspace-source.ts';

export default defineConfig({
  plugins: [workspaceSource()],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    typecheck: {
      enabled: true,
      include: ['src/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
