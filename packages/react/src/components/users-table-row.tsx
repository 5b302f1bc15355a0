import type { AppSchema, RowWithId } from '@tinysync/store';
import { type KeyboardEvent, memo, useEffect, useRef } from 'react';
import { useDeleteUser, useUpdateUser } from './app-hooks.js';
import { useUserDraft } from './use-user-draft.js';
import { draftOf, USER_FIELDS } from './user-draft.js';
import { UserFieldInput } from './user-field-input.js';

type User = RowWithId<AppSchema, 'users'>;

export interface UsersTableRowProps {
  readonly user: User;
  readonly editing: boolean;
  readonly readOnly: boolean;
  readonly onEdit: (userId: string | undefined) => void;
}

/** One user; memoised so an edit to one row re-renders that row only. */
export const UsersTableRow = memo(function UsersTableRow(props: UsersTableRowProps) {
  const { user, editing, readOnly, onEdit } = props;
  if (editing && !readOnly) return <EditingRow user={user} onDone={() => onEdit(undefined)} />;
  return (
    <tr>
      <td>{user.name}</td>
      <td>{user.email}</td>
      <td>
        <span className="tinysync-tag">{user.role}</span>
      </td>
      <td className="tinysync-table__actions-cell">
        <div className="tinysync-table__actions">
          {readOnly ? null : <RowActions user={user} onEdit={() => onEdit(user.id)} />}
        </div>
      </td>
    </tr>
  );
});

function RowActions({ user, onEdit }: { readonly user: User; readonly onEdit: () => void }) {
  const remove = useDeleteUser();
  return (
    <>
      <button
        type="button"
        className="tinysync-button"
        data-size="small"
        aria-label={`Edit ${user.name}`}
        onClick={onEdit}
      >
        Edit
      </button>
      <button
        type="button"
        className="tinysync-button"
        data-size="small"
        data-variant="danger"
        aria-label={`Delete ${user.name}`}
        onClick={() => remove.mutate(user.id)}
      >
        Delete
      </button>
    </>
  );
}

/** The row as inputs: Enter saves, Escape cancels, and schema errors show in the cells. */
function EditingRow({ user, onDone }: { readonly user: User; readonly onDone: () => void }) {
  const { draft, errors, change, fail } = useUserDraft(draftOf(user));
  const update = useUpdateUser();
  const rowRef = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    rowRef.current?.querySelector<HTMLElement>('input, select')?.focus();
  }, []);

  const save = () => update.mutate({ id: user.id, ...draft }, { onWritten: onDone, onError: fail });
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) save();
    if (event.key === 'Escape') onDone();
  };
  return (
    <tr ref={rowRef} onKeyDown={onKeyDown} data-editing="">
      {USER_FIELDS.map((field) => (
        <td key={field}>
          <UserFieldInput
            field={field}
            draft={draft}
            onChange={change}
            error={errors.byField[field]}
            hideLabel
            labelSuffix={`of ${user.name}`}
          />
        </td>
      ))}
      <td className="tinysync-table__actions-cell">
        <div className="tinysync-table__actions">
          {errors.general === undefined ? null : (
            <span role="alert" className="tinysync-field__error">
              {errors.general}
            </span>
          )}
          <button
            type="button"
            className="tinysync-button"
            data-size="small"
            data-variant="primary"
            onClick={save}
          >
            Save
          </button>
          <button type="button" className="tinysync-button" data-size="small" onClick={onDone}>
            Cancel
          </button>
        </div>
      </td>
    </tr>
  );
}
