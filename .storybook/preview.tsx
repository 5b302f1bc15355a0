import type { Preview } from '@storybook/react-vite';
import '@tinysync/react/styles.css';
import '../stories/support/story-canvas.css';
import { withTheme } from '../stories/support/with-theme.tsx';
import { withTinySync } from '../stories/support/with-tinysync.tsx';

const preview: Preview = {
  // Order matters: the theme wraps the store, so loading fallbacks get the backdrop too.
  decorators: [withTinySync, withTheme],
  tags: ['autodocs'],
  parameters: {
    layout: 'fullscreen',
    // Every story is checked with axe; a violation fails its test.
    a11y: { test: 'error' },
    controls: { matchers: { date: /At$/ } },
  },
  globalTypes: {
    theme: {
      description: 'Colour theme of the kit',
      toolbar: {
        title: 'Theme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    syncStatus: {
      description: 'Overrides the fake sync status of the story',
      toolbar: {
        title: 'Sync status',
        icon: 'transfer',
        items: [
          { value: '', title: 'Story default' },
          { value: 'synced', title: 'synced' },
          { value: 'syncing', title: 'syncing' },
          { value: 'connecting', title: 'connecting' },
          { value: 'offline', title: 'offline' },
          { value: 'unauthorized', title: 'unauthorized' },
          { value: 'error', title: 'error' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', syncStatus: '' },
};

export default preview;
