import { defineConfig } from 'vitest/config';
import { workspaceSource } from '../../scripts/workspace-source.ts';

export default defineConfig({
  plugins: [workspaceSource()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    environment: 'happy-dom',
    // The demo app's origin, which the dev worker's CORS allows.
    environmentOptions: { happyDOM: { url: 'http://127.0.0.1:5173' } },
    typecheck: { enabled: true, include: ['src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
