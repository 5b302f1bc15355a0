import type { Meta, StoryObj } from '@storybook/react-vite';
import { OfflineBanner } from '@tinysync/react';
import { expect } from 'storybook/test';
import { loadingStory } from './support/loading-story.ts';

const meta = {
  title: 'Components/OfflineBanner',
  component: OfflineBanner,
  parameters: { tinysync: { sync: { status: 'offline' } } },
} satisfies Meta<typeof OfflineBanner>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Offline: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent(
      'You are offline. Changes are saved on this device and sync when the connection is back.',
    );
  },
};

export const OfflineWithPendingChanges: Story = {
  parameters: { tinysync: { sync: { status: 'offline', pendingChanges: 4 } } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('(4 changes waiting)');
  },
};

export const Online: Story = {
  parameters: { tinysync: { sync: { status: 'synced' } } },
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole('status')).toBeNull();
  },
};

export const CustomMessage: Story = {
  args: { children: 'No connection: your edits stay on this laptop for now.' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent(
      'No connection: your edits stay on this laptop for now.',
    );
  },
};

export const Loading: Story = loadingStory;

export const Dark: Story = {
  parameters: { theme: 'dark', tinysync: { sync: { status: 'offline', pendingChanges: 1 } } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('(1 change waiting)');
  },
};
