import type { Meta, StoryObj } from '@storybook/react-vite';
import { ProjectList } from '@tinysync/react';
import { useState } from 'react';
import { expect, fn, waitFor, within } from 'storybook/test';
import { loadingStory } from './support/loading-story.ts';
import { manyUsers, seedTeam } from './support/seed.ts';

const meta = {
  title: 'Components/ProjectList',
  component: ProjectList,
  args: { onSelect: fn() },
  parameters: { tinysync: { seed: seedTeam } },
} satisfies Meta<typeof ProjectList>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Populated: Story = {
  args: { selectedId: 'launch' },
  play: async ({ canvas, userEvent, args }) => {
    const list = canvas.getByRole('list');
    const items = within(list).getAllByRole('listitem');
    await expect(items.map((item) => item.textContent)).toEqual([
      'DocumentationGrace Lovelace · 1 task',
      'LaunchAda Lovelace · 5 tasks',
    ]);
    await expect(canvas.getByRole('button', { name: /^Launch/ })).toHaveAttribute(
      'aria-current',
      'true',
    );
    await userEvent.click(canvas.getByRole('button', { name: /^Documentation/ }));
    await expect(args.onSelect).toHaveBeenCalledWith('docs');
  },
};

export const Empty: Story = {
  parameters: { tinysync: { seed: () => undefined } },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No projects yet.')).toBeVisible();
    await expect(canvas.getByRole('combobox', { name: 'Owner' })).toHaveTextContent('No users yet');
  },
};

export const CreateProject: Story = {
  render: function Selectable(args) {
    const [selectedId, setSelectedId] = useState<string | undefined>();
    return <ProjectList {...args} selectedId={selectedId} onSelect={setSelectedId} />;
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: 'Project name' }), 'Beta');
    await userEvent.selectOptions(
      canvas.getByRole('combobox', { name: 'Owner' }),
      'Edsger Lovelace',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Add project' }));
    const created = await canvas.findByRole('button', { name: /^Beta/ });
    await expect(created).toHaveTextContent('Edsger Lovelace · 0 tasks');
    // Creating selects the new project.
    await waitFor(() => expect(created).toHaveAttribute('aria-current', 'true'));
    await expect(canvas.getByRole('textbox', { name: 'Project name' })).toHaveValue('');
  },
};

export const ValidationErrors: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.type(canvas.getByRole('textbox', { name: 'Project name' }), '   ');
    await userEvent.click(canvas.getByRole('button', { name: 'Add project' }));
    await expect(canvas.getByRole('textbox', { name: 'Project name' })).toHaveAccessibleDescription(
      'name is required',
    );
    await expect(within(canvas.getByRole('list')).getAllByRole('listitem')).toHaveLength(2);
  },
};

export const ManyOwners: Story = {
  parameters: { tinysync: { seed: manyUsers(1_000) } },
  play: async ({ canvas }) => {
    await expect(
      within(canvas.getByRole('combobox', { name: 'Owner' })).getAllByRole('option'),
    ).toHaveLength(1_000);
  },
};

export const ReadOnlyViewer: Story = {
  parameters: { tinysync: { sync: { readOnly: true } } },
  play: async ({ canvas }) => {
    await expect(canvas.getAllByRole('listitem')).toHaveLength(2);
    await expect(canvas.queryByRole('button', { name: 'Add project' })).toBeNull();
  },
};

export const Loading: Story = loadingStory;

export const Dark: Story = {
  args: { selectedId: 'docs' },
  parameters: { theme: 'dark' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: /^Documentation/ })).toHaveAttribute(
      'aria-current',
      'true',
    );
  },
};
