import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { workspaceSource } from './scripts/workspace-source.ts';

const configDir = fileURLToPath(new URL('./.storybook', import.meta.url));

/**
 * The component kit's stories as tests: every story renders in Chromium (Debian's, not a
 * downloaded one), runs its play function and is checked with axe; plus a smoke test of the
 * static build.
 */
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/stories.json' }]],
    projects: [
      {
        // Without the React plugin here: "react/index.js does not provide an export named 'default'".
        plugins: [react(), workspaceSource(), storybookTest({ configDir })],
        test: {
          name: 'stories',
          testTimeout: 30_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
                args: ['--no-sandbox', '--disable-dev-shm-usage'],
              },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        plugins: [workspaceSource()],
        test: {
          name: 'storybook-build',
          include: ['stories/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
