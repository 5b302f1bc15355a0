import type { AppSchema, RowWithId } from '@tinysync/store';
import { useCallback, useId, useState } from 'react';
import { useSyncStatus } from '../use-sync-status.js';
import { useUsers } from './app-hooks.js';
import { kitClassName } from './kit-class-name.js';
import { Pager } from './pager.js';
import { SortHeader, type SortState } from './sort-header.js';
import { useRowCount } from './use-row-count.js';
import { UsersTableRow } from './users-table-row.js';

type User = RowWithId<AppSchema, 'users'>;
type Column = 'name' | 'email' | 'role';

const COLUMNS: readonly { readonly column: Column; readonly label: string }[] = [
  { column: 'name', label: 'Name' },
  { column: 'email', label: 'Email' },
  { column: 'role', label: 'Role' },
];

export interface UsersTableProps {
  /** Rows per page (default 50): only one page is ever rendered, however big the table. */
  readonly pageSize?: number;
  /** The table's accessible name (default `Users`). */
  readonly label?: string;
  readonly className?: string;
}

/**
 * Users, sortable by column, filtered by name or email, edited in place. Paginated through the
 * store's limited lists, so a page costs its own rows, not the table's.
 */
export function UsersTable({ pageSize = 50, label = 'Users', className }: UsersTableProps) {
  const { readOnly } = useSyncStatus();
  const [sort, setSort] = useState<SortState<Column>>({ by: 'name', descending: false });
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(0);
  const [editingId, setEditingId] = useState<string | undefined>(undefined);
  const filterId = useId();

  const needle = query.trim().toLowerCase();
  const matches = useCallback(
    (user: User) =>
      user.name.toLowerCase().includes(needle) || user.email.toLowerCase().includes(needle),
    [needle],
  );
  // One row more than the page shows whether there is a next page without counting matches.
  const { users = [] } = useUsers(needle === '' ? undefined : matches, {
    sortBy: sort.by,
    descending: sort.descending,
    limit: pageSize + 1,
    offset: page * pageSize,
  });
  const total = useRowCount('users');
  const pageRows = users.slice(0, pageSize);
  // Deleting the last rows of the last page would leave an empty page: step back instead.
  if (page > 0 && users.length === 0) setPage(page - 1);

  const onSort = (next: SortState<Column>) => {
    setSort(next);
    setPage(0);
  };
  return (
    <div className={kitClassName('users-table', className)}>
      <div className="tinysync-toolbar">
        <label htmlFor={filterId} className="tinysync-field__label">
          Filter users
        </label>
        <input
          id={filterId}
          type="search"
          className="tinysync-input"
          placeholder="Name or email"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setPage(0);
          }}
        />
      </div>
      <div className="tinysync-table-scroll">
        <table className="tinysync-table" aria-label={label}>
          <thead>
            <tr>
              {COLUMNS.map(({ column, label: columnLabel }) => (
                <SortHeader
                  key={column}
                  column={column}
                  label={columnLabel}
                  sort={sort}
                  onSort={onSort}
                />
              ))}
              <th scope="col">
                <span className="tinysync-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pageRows.length === 0 ? (
              <tr>
                <td colSpan={COLUMNS.length + 1} className="tinysync-empty">
                  {total === 0 ? 'No users yet.' : `No users match “${query.trim()}”.`}
                </td>
              </tr>
            ) : (
              pageRows.map((user) => (
                <UsersTableRow
                  key={user.id}
                  user={user}
                  editing={editingId === user.id}
                  readOnly={readOnly}
                  onEdit={setEditingId}
                />
              ))
            )}
          </tbody>
        </table>
      </div>
      <Pager
        page={page}
        pageSize={pageSize}
        shown={pageRows.length}
        hasNext={users.length > pageSize}
        total={needle === '' ? total : undefined}
        onPage={setPage}
        noun="Users"
      />
    </div>
  );
}
