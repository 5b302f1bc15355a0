import type { Meta, StoryObj } from '@storybook/react-vite';
import { StoreInspector } from '@tinysync/react';
import { expect, within } from 'storybook/test';
import { loadingStory } from './support/loading-story.ts';
import { manyUsers, seedTeam } from './support/seed.ts';

const meta = {
  title: 'Components/StoreInspector',
  component: StoreInspector,
  parameters: {
    tinysync: { seed: seedTeam, sync: { lastSyncedAt: Date.UTC(2026, 10, 3, 9, 30) } },
  },
} satisfies Meta<typeof StoreInspector>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Row count per table, from the inspector's table of tables. */
function counts(canvasElement: HTMLElement): Record<string, string> {
  const tables = within(canvasElement).getByRole('table', { name: 'Tables' });
  return Object.fromEntries(
    within(tables)
      .getAllByRole('row')
      .slice(1)
      .map((row) => [row.querySelector('th')?.textContent, row.querySelector('td')?.textContent]),
  );
}

export const Populated: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(counts(canvasElement)).toEqual({ users: '4', projects: '2', tasks: '6' });
    await expect(canvas.getByRole('status')).toHaveTextContent('Synced');
    await expect(canvas.getByText('memory')).toBeVisible();
    const show = canvas.getByRole('button', { name: 'Show projects rows' });
    await userEvent.click(show);
    await expect(canvas.getByRole('button', { name: 'Hide projects rows' })).toHaveAttribute(
      'aria-expanded',
      'true',
    );
    const preview = canvas.getByRole('table', { name: /projects: first 2 of 2 rows/ });
    await expect(within(preview).getByText('Documentation')).toBeVisible();
  },
};

export const Empty: Story = {
  parameters: { tinysync: { seed: () => undefined } },
  play: async ({ canvasElement }) => {
    await expect(counts(canvasElement)).toEqual({ users: '0', projects: '0', tasks: '0' });
  },
};

export const LargeStore: Story = {
  parameters: { tinysync: { seed: manyUsers(10_000) } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(counts(canvasElement).users).toBe('10,000');
    await userEvent.click(canvas.getByRole('button', { name: 'Show users rows' }));
    const preview = canvas.getByRole('table', { name: /users: first 10 of 10,000 rows/ });
    await expect(within(preview).getAllByRole('row')).toHaveLength(11);
  },
};

export const Offline: Story = {
  parameters: { tinysync: { sync: { status: 'offline', pendingChanges: 5 } } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('5 pending');
  },
};

export const Loading: Story = loadingStory;

export const Dark: Story = {
  parameters: { theme: 'dark' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Show tasks rows' }));
    await expect(canvas.getByRole('table', { name: /tasks: first 6 of 6 rows/ })).toBeVisible();
  },
};
