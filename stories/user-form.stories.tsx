import type { Meta, StoryObj } from '@storybook/react-vite';
import { UserForm, UsersTable } from '@tinysync/react';
import { expect, fn, waitFor, within } from 'storybook/test';
import { loadingStory } from './support/loading-story.ts';
import { seedTeam } from './support/seed.ts';

const meta = {
  title: 'Components/UserForm',
  component: UserForm,
  args: { onSaved: fn() },
  parameters: { tinysync: { seed: seedTeam } },
} satisfies Meta<typeof UserForm>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Create: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: 'Name' }), 'Katherine Johnson');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Email' }), 'katherine@example.com');
    await userEvent.selectOptions(canvas.getByRole('combobox', { name: 'Role' }), 'admin');
    await userEvent.click(canvas.getByRole('button', { name: 'Create user' }));
    await expect(args.onSaved).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'Katherine Johnson', role: 'admin' }),
    );
    await expect(canvas.getByText('Saved Katherine Johnson.')).toBeVisible();
    // A created user clears the form for the next one.
    await expect(canvas.getByRole('textbox', { name: 'Name' })).toHaveValue('');
  },
};

export const ValidationErrors: Story = {
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: 'Email' }), 'nope');
    await userEvent.click(canvas.getByRole('button', { name: 'Create user' }));
    const name = canvas.getByRole('textbox', { name: 'Name' });
    const email = canvas.getByRole('textbox', { name: 'Email' });
    await expect(name).toHaveAccessibleDescription('name is required');
    await expect(email).toHaveAccessibleDescription('must be an email address');
    await expect(args.onSaved).not.toHaveBeenCalled();
    // Fixing a field clears its message; the other stays until the next save.
    await userEvent.type(name, 'Ada');
    await expect(name).not.toHaveAccessibleDescription();
    await expect(email).toHaveAccessibleDescription('must be an email address');
  },
};

export const Edit: Story = {
  args: { userId: 'user-2' },
  play: async ({ canvas, userEvent, args }) => {
    await expect(canvas.getByRole('heading', { name: 'Edit Grace Lovelace' })).toBeVisible();
    const name = canvas.getByRole('textbox', { name: 'Name' });
    await expect(name).toHaveValue('Grace Lovelace');
    await userEvent.clear(name);
    await userEvent.type(name, 'Grace Hopper');
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await expect(args.onSaved).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'user-2', name: 'Grace Hopper' }),
    );
    await expect(canvas.getByRole('heading', { name: 'Edit Grace Hopper' })).toBeVisible();
  },
};

export const EditMissingUser: Story = {
  args: { userId: 'gone' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent('This user no longer exists.');
  },
};

export const WithCancel: Story = {
  args: { userId: 'user-1', onCancel: fn() },
  play: async ({ canvas, userEvent, args }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel' }));
    await expect(args.onCancel).toHaveBeenCalledOnce();
  },
};

export const ReadOnlyViewer: Story = {
  parameters: { tinysync: { sync: { readOnly: true } } },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/read-only access/)).toBeVisible();
    await expect(canvas.getByRole('textbox', { name: 'Name' })).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Create user' })).toBeDisabled();
  },
};

export const Loading: Story = loadingStory;

export const Dark: Story = {
  parameters: { theme: 'dark' },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Create user' }));
    await expect(canvas.getByText('name is required')).toBeVisible();
  },
};

/** The form and the table over one store: a created user appears in the table at once. */
export const CreateShowsInTable: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gap: '1.5rem' }}>
      <UserForm {...args} />
      <UsersTable />
    </div>
  ),
  play: async ({ canvas, userEvent }) => {
    const table = canvas.getByRole('table', { name: 'Users' });
    await expect(within(table).queryByText('Katherine Johnson')).toBeNull();
    await userEvent.type(canvas.getByRole('textbox', { name: 'Name' }), 'Katherine Johnson');
    await userEvent.type(canvas.getByRole('textbox', { name: 'Email' }), 'katherine@example.com');
    await userEvent.click(canvas.getByRole('button', { name: 'Create user' }));
    await waitFor(() => expect(within(table).getByText('Katherine Johnson')).toBeVisible());
    await expect(canvas.getByText('1–5 of 5')).toBeVisible();
  },
};
