import type { Meta, StoryObj } from '@storybook/react-vite';
import { TaskBoard, UndoRedo } from '@tinysync/react';
import { expect, waitFor, within } from 'storybook/test';
import { loadingStory } from './support/loading-story.ts';
import { seedTeam, seedTiedTasks } from './support/seed.ts';

const meta = {
  title: 'Components/TaskBoard',
  component: TaskBoard,
  args: { projectId: 'launch' },
  parameters: { tinysync: { seed: seedTeam } },
} satisfies Meta<typeof TaskBoard>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The card titles of one column, top to bottom. */
function column(canvasElement: HTMLElement, name: RegExp): string[] {
  const region = within(canvasElement).getByRole('region', { name });
  return within(region)
    .queryAllByRole('listitem')
    .map((card) => card.getAttribute('aria-label') ?? '');
}

export const Populated: Story = {
  play: async ({ canvasElement }) => {
    await expect(column(canvasElement, /^To do/)).toEqual([
      'Write the announcement',
      'Record the demo video',
    ]);
    await expect(column(canvasElement, /^In progress/)).toEqual([
      'Fix the offline banner copy',
      'Ship the sync worker',
    ]);
    await expect(column(canvasElement, /^Done/)).toEqual(['Set up the project']);
  },
};

export const AllProjects: Story = {
  args: { projectId: undefined },
  play: async ({ canvasElement }) => {
    await expect(column(canvasElement, /^To do/)).toContain('Document the hooks');
  },
};

export const Empty: Story = {
  parameters: { tinysync: { seed: () => undefined } },
  play: async ({ canvas }) => {
    await expect(canvas.getAllByText('No tasks')).toHaveLength(3);
  },
};

export const MoveBetweenColumns: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    const move = canvas.getByRole('button', {
      name: 'Move “Write the announcement” to In progress',
    });
    await userEvent.click(move);
    await expect(column(canvasElement, /^In progress/)).toEqual([
      'Fix the offline banner copy',
      'Ship the sync worker',
      'Write the announcement',
    ]);
    // Focus follows the card, so the keyboard can keep moving it.
    await waitFor(() =>
      expect(
        canvas.getByRole('button', { name: 'Move “Write the announcement” to Done' }),
      ).toHaveFocus(),
    );
    await userEvent.keyboard('{Enter}');
    await expect(column(canvasElement, /^Done/)).toEqual([
      'Set up the project',
      'Write the announcement',
    ]);
    await expect(
      canvas.getByRole('button', { name: 'Move “Write the announcement” right' }),
    ).toBeDisabled();
  },
};

export const Reorder: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Move “Record the demo video” up' }));
    await expect(column(canvasElement, /^To do/)).toEqual([
      'Record the demo video',
      'Write the announcement',
    ]);
    await expect(
      canvas.getByRole('button', { name: 'Move “Record the demo video” up' }),
    ).toBeDisabled();
    await userEvent.click(
      canvas.getByRole('button', { name: 'Move “Record the demo video” down' }),
    );
    await expect(column(canvasElement, /^To do/)).toEqual([
      'Write the announcement',
      'Record the demo video',
    ]);
  },
};

/** A move is one write, so one undo puts the task back where it was. */
export const UndoRestoresMove: Story = {
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <UndoRedo />
      <TaskBoard {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(canvas.getByRole('button', { name: 'Undo' })).toBeDisabled();
    await userEvent.click(
      canvas.getByRole('button', { name: 'Move “Set up the project” to In progress' }),
    );
    await expect(column(canvasElement, /^Done/)).toEqual([]);
    await userEvent.click(canvas.getByRole('button', { name: 'Undo' }));
    await expect(column(canvasElement, /^Done/)).toEqual(['Set up the project']);
    await expect(column(canvasElement, /^In progress/)).toHaveLength(2);
    await userEvent.click(canvas.getByRole('button', { name: 'Redo' }));
    await expect(column(canvasElement, /^Done/)).toEqual([]);
  },
};

/**
 * Tasks created with the default position (all 0) have no room between them; a move renumbers
 * the column, still as one step that one undo reverts.
 */
export const ReorderTiedPositions: Story = {
  parameters: { tinysync: { seed: seedTiedTasks } },
  render: (args) => (
    <div style={{ display: 'grid', gap: '1rem' }}>
      <UndoRedo />
      <TaskBoard {...args} />
    </div>
  ),
  play: async ({ canvas, canvasElement, userEvent }) => {
    const before = column(canvasElement, /^To do/);
    await expect(before).toHaveLength(3);
    const last = before[2] ?? '';
    await userEvent.click(canvas.getByRole('button', { name: `Move “${last}” up` }));
    await expect(column(canvasElement, /^To do/)).toEqual([before[0], last, before[1]]);
    await userEvent.click(canvas.getByRole('button', { name: `Move “${last}” up` }));
    await expect(column(canvasElement, /^To do/)).toEqual([last, before[0], before[1]]);
    await userEvent.click(canvas.getByRole('button', { name: 'Undo' }));
    await expect(column(canvasElement, /^To do/)).toEqual([before[0], last, before[1]]);
  },
};

export const ReadOnlyViewer: Story = {
  parameters: { tinysync: { sync: { readOnly: true } } },
  play: async ({ canvas, canvasElement }) => {
    await expect(column(canvasElement, /^To do/)).toHaveLength(2);
    await expect(canvas.queryByRole('button', { name: /^Move / })).toBeNull();
  },
};

export const Offline: Story = {
  parameters: { tinysync: { sync: { status: 'offline', pendingChanges: 2 } } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await userEvent.click(
      canvas.getByRole('button', { name: 'Move “Ship the sync worker” to Done' }),
    );
    await expect(column(canvasElement, /^Done/)).toContain('Ship the sync worker');
  },
};

export const Loading: Story = loadingStory;

export const Dark: Story = {
  parameters: { theme: 'dark' },
  play: async ({ canvasElement }) => {
    await expect(column(canvasElement, /^Done/)).toEqual(['Set up the project']);
  },
};
