import type { StorybookConfig } from '@storybook/react-vite';
import react from '@vitejs/plugin-react';
import { workspaceSource } from '../scripts/workspace-source.ts';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  // There is no root vite.config: the React plugin (JSX, fast refresh) and the workspace
  // packages' source resolution are added here.
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    plugins: [...(viteConfig.plugins ?? []), react(), workspaceSource()],
  }),
};

export default config;
