import type { Meta, StoryObj } from '@storybook/react-vite';
import { UndoRedo, UsersTable } from '@tinysync/react';
import { expect, waitFor } from 'storybook/test';
import { seedTeam } from './support/seed.ts';

const meta = {
  title: 'Components/UndoRedo',
  component: UndoRedo,
  parameters: { tinysync: { seed: seedTeam } },
} satisfies Meta<typeof UndoRedo>;

export default meta;
type Story = StoryObj<typeof meta>;

export const NothingToUndo: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: 'Undo' })).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Redo' })).toBeDisabled();
    await expect(canvas.getByRole('group', { name: 'History' })).toBeVisible();
  },
};

/** Deleting a user, then undoing (button) and redoing (keyboard shortcut). */
export const UndoRestoresDeletedRow: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <UndoRedo {...args} />
      <UsersTable />
    </div>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Delete Edsger Lovelace' }));
    await expect(canvas.queryByText('Edsger Lovelace')).toBeNull();
    const undo = canvas.getByRole('button', { name: 'Undo' });
    await expect(undo).toHaveAttribute('title', 'Undo delete users');
    await userEvent.click(undo);
    await expect(canvas.getByText('Edsger Lovelace')).toBeVisible();
    await expect(canvas.getByText('edsger.lovelace4@example.com')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Redo' })).toBeEnabled();
    await userEvent.keyboard('{Control>}{Shift>}z{/Shift}{/Control}');
    await waitFor(() => expect(canvas.queryByText('Edsger Lovelace')).toBeNull());
    await userEvent.keyboard('{Control>}z{/Control}');
    await waitFor(() => expect(canvas.getByText('Edsger Lovelace')).toBeVisible());
  },
};

export const ShortcutsOff: Story = {
  args: { keyboardShortcuts: false },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <UndoRedo {...args} />
      <UsersTable />
    </div>
  ),
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Delete Ada Lovelace' }));
    await userEvent.keyboard('{Control>}z{/Control}');
    await expect(canvas.queryByText('Ada Lovelace')).toBeNull();
    await expect(canvas.getByRole('button', { name: 'Undo' })).not.toHaveAttribute(
      'aria-keyshortcuts',
    );
  },
};

export const Dark: Story = {
  parameters: { theme: 'dark' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: 'Undo' })).toBeDisabled();
  },
};
