import type { Meta, StoryObj } from '@storybook/react-vite';
import { SyncStatusBadge } from '@tinysync/react';
import { expect } from 'storybook/test';

const LAST_SYNCED = Date.UTC(2026, 10, 3, 9, 30);

const meta = {
  title: 'Components/SyncStatusBadge',
  component: SyncStatusBadge,
  parameters: { tinysync: { sync: { status: 'synced', lastSyncedAt: LAST_SYNCED } } },
} satisfies Meta<typeof SyncStatusBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Synced: Story = {
  play: async ({ canvas }) => {
    const badge = canvas.getByRole('status');
    await expect(badge).toHaveTextContent('Synced');
    await expect(badge).toHaveAccessibleName(/^Sync status: Synced, last synced at/);
    await expect(canvas.getByText((_, element) => element?.tagName === 'TIME')).toHaveAttribute(
      'datetime',
      new Date(LAST_SYNCED).toISOString(),
    );
  },
};

export const SyncingWithPendingChanges: Story = {
  parameters: {
    tinysync: { sync: { status: 'syncing', pendingChanges: 3, lastSyncedAt: LAST_SYNCED } },
  },
  play: async ({ canvas }) => {
    const badge = canvas.getByRole('status');
    await expect(badge).toHaveTextContent('Syncing…');
    await expect(badge).toHaveTextContent('3 pending');
    await expect(badge).toHaveAccessibleName(/3 local changes not yet synced/);
  },
};

export const Connecting: Story = {
  parameters: { tinysync: { sync: { status: 'connecting', lastSyncedAt: null } } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveAccessibleName('Sync status: Connecting….');
  },
};

export const Offline: Story = {
  parameters: {
    tinysync: { sync: { status: 'offline', pendingChanges: 1, lastSyncedAt: LAST_SYNCED } },
  },
  play: async ({ canvas }) => {
    const badge = canvas.getByRole('status');
    await expect(badge).toHaveTextContent('Offline');
    await expect(badge).toHaveAccessibleName(/1 local change not yet synced/);
  },
};

export const Unauthorized: Story = {
  parameters: {
    tinysync: { sync: { status: 'unauthorized', error: new Error('Not signed in') } },
  },
  play: async ({ canvas }) => {
    const badge = canvas.getByRole('status');
    await expect(badge).toHaveTextContent('Not signed in');
    await expect(badge).toHaveAttribute('data-status', 'unauthorized');
  },
};

export const SyncError: Story = {
  parameters: {
    tinysync: { sync: { status: 'error', error: new Error('getToken failed') } },
  },
  play: async ({ canvas }) => {
    const badge = canvas.getByRole('status');
    await expect(badge).toHaveTextContent('Sync error');
    await expect(badge).toHaveAccessibleName(/getToken failed/);
  },
};

export const ReadOnlyViewer: Story = {
  parameters: {
    tinysync: { sync: { status: 'synced', readOnly: true, lastSyncedAt: LAST_SYNCED } },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Read-only');
  },
};

export const Dark: Story = {
  parameters: { theme: 'dark', tinysync: { sync: { status: 'syncing', pendingChanges: 2 } } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('2 pending');
  },
};
