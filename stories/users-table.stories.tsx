import type { Meta, StoryObj } from '@storybook/react-vite';
import { UsersTable } from '@tinysync/react';
import { expect, waitFor, within } from 'storybook/test';
import { manyUsers, seedTeam } from './support/seed.ts';

const meta = {
  title: 'Components/UsersTable',
  component: UsersTable,
  parameters: { tinysync: { seed: seedTeam } },
} satisfies Meta<typeof UsersTable>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The body rows' first cells: the names, in display order. */
function names(table: HTMLElement): string[] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelector('td')?.textContent ?? '');
}

export const Populated: Story = {
  play: async ({ canvas }) => {
    const table = canvas.getByRole('table', { name: 'Users' });
    await expect(names(table)).toEqual([
      'Ada Lovelace',
      'Alan Lovelace',
      'Edsger Lovelace',
      'Grace Lovelace',
    ]);
    await expect(canvas.getByText('1–4 of 4')).toBeVisible();
  },
};

export const Empty: Story = {
  parameters: { tinysync: { seed: () => undefined } },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No users yet.')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Next' })).toBeDisabled();
  },
};

export const Loading: Story = {
  parameters: { tinysync: { loading: true } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading local data…');
    await expect(canvas.queryByRole('table')).toBeNull();
  },
};

export const SortByColumn: Story = {
  play: async ({ canvas, userEvent }) => {
    const table = canvas.getByRole('table', { name: 'Users' });
    const nameHeader = canvas.getByRole('columnheader', { name: /Name/ });
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(within(nameHeader).getByRole('button'));
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(names(table)[0]).toBe('Grace Lovelace');
    await userEvent.click(canvas.getByRole('button', { name: /Email/ }));
    await expect(canvas.getByRole('columnheader', { name: /Email/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await expect(nameHeader).toHaveAttribute('aria-sort', 'none');
  },
};

export const FilterRows: Story = {
  play: async ({ canvas, userEvent }) => {
    const table = canvas.getByRole('table', { name: 'Users' });
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Filter users' }), 'gra');
    await waitFor(() => expect(names(table)).toEqual(['Grace Lovelace']));
    await userEvent.clear(canvas.getByRole('searchbox', { name: 'Filter users' }));
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Filter users' }), 'nobody');
    await expect(canvas.getByText('No users match “nobody”.')).toBeVisible();
  },
};

export const InlineEditWithValidation: Story = {
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Edit Grace Lovelace' }));
    const nameInput = canvas.getByRole('textbox', { name: 'Name of Grace Lovelace' });
    await expect(nameInput).toHaveFocus();
    await userEvent.clear(nameInput);
    const emailInput = canvas.getByRole('textbox', { name: 'Email of Grace Lovelace' });
    await userEvent.clear(emailInput);
    await userEvent.type(emailInput, 'not-an-email');
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    // The messages are the schema's own, on the cells they concern.
    await expect(nameInput).toHaveAccessibleDescription('name is required');
    await expect(emailInput).toHaveAccessibleDescription('must be an email address');
    await expect(nameInput).toHaveAttribute('aria-invalid', 'true');

    await userEvent.type(nameInput, 'Grace Hopper');
    await expect(nameInput).not.toHaveAccessibleDescription();
    await userEvent.clear(emailInput);
    await userEvent.type(emailInput, 'grace@example.com{Enter}');
    const table = canvas.getByRole('table', { name: 'Users' });
    await waitFor(() => expect(within(table).getByText('grace@example.com')).toBeVisible());
    await expect(within(table).getByText('Grace Hopper')).toBeVisible();
  },
};

export const ThousandsOfRows: Story = {
  parameters: { tinysync: { seed: manyUsers(1_200) } },
  play: async ({ canvas, userEvent }) => {
    const table = canvas.getByRole('table', { name: 'Users' });
    // Only one page is rendered, whatever the table's size.
    await expect(within(table).getAllByRole('row')).toHaveLength(51);
    await expect(canvas.getByText('1–50 of 1,200')).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Next' }));
    await expect(canvas.getByText('51–100 of 1,200')).toBeVisible();
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Filter users' }), ' 1199');
    await waitFor(() => expect(names(table)).toHaveLength(1));
    await expect(canvas.getByText('1–1 matching')).toBeVisible();
  },
};

export const TenThousandRows: Story = {
  parameters: { tinysync: { seed: manyUsers(10_000) } },
  play: async ({ canvas, userEvent }) => {
    await expect(canvas.getByText('1–50 of 10,000')).toBeVisible();
    const started = performance.now();
    await userEvent.click(canvas.getByRole('button', { name: /Email/ }));
    await expect(canvas.getByRole('columnheader', { name: /Email/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    // Not a benchmark: a generous bound that only a table rendering every row would miss.
    await expect(performance.now() - started).toBeLessThan(3_000);
  },
};

export const ReadOnlyViewer: Story = {
  parameters: { tinysync: { sync: { readOnly: true } } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('table', { name: 'Users' })).toBeVisible();
    await expect(canvas.queryByRole('button', { name: /^Edit / })).toBeNull();
    await expect(canvas.queryByRole('button', { name: /^Delete / })).toBeNull();
  },
};

export const Offline: Story = {
  parameters: { tinysync: { sync: { status: 'offline' } } },
  play: async ({ canvas, userEvent }) => {
    // Offline edits are local writes: they work, and sync later.
    await userEvent.click(canvas.getByRole('button', { name: 'Delete Alan Lovelace' }));
    await expect(canvas.queryByText('Alan Lovelace')).toBeNull();
  },
};

export const Dark: Story = {
  parameters: { theme: 'dark' },
  play: async ({ canvas, userEvent }) => {
    // The dark palette really applies: light text (--tinysync-text) on the table.
    await expect(getComputedStyle(canvas.getByRole('table', { name: 'Users' })).color).toBe(
      'rgb(230, 232, 235)',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Edit Alan Lovelace' }));
    await userEvent.clear(canvas.getByRole('textbox', { name: 'Name of Alan Lovelace' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Save' }));
    await expect(canvas.getByText('name is required')).toBeVisible();
  },
};
