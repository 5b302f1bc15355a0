import type { AppSchema, RowWithId } from '@tinysync/store';
import { type FormEvent, useId, useState } from 'react';
import { useSyncStatus } from '../use-sync-status.js';
import { useCreateUser, useUpdateUser, useUser } from './app-hooks.js';
import { FormAlert } from './form-alert.js';
import { kitClassName } from './kit-class-name.js';
import { useUserDraft } from './use-user-draft.js';
import { draftOf, EMPTY_USER_DRAFT, USER_FIELDS } from './user-draft.js';
import { UserFieldInput } from './user-field-input.js';

type User = RowWithId<AppSchema, 'users'>;

export interface UserFormProps {
  /** Edits this user; without it the form creates a new one (and clears itself after saving). */
  readonly userId?: string;
  readonly onSaved?: (user: User) => void;
  /** Shows a Cancel button that calls this. */
  readonly onCancel?: () => void;
  readonly className?: string;
}

/** Creates or edits a user; the schema's validation messages appear under the fields. */
export function UserForm({ userId, onSaved, onCancel, className }: UserFormProps) {
  const { user } = useUser(userId);
  // A new key per edited user starts the fields from that user's saved values.
  return (
    <UserFormFields
      key={userId ?? 'new'}
      user={user}
      userId={userId}
      onSaved={onSaved}
      onCancel={onCancel}
      className={className}
    />
  );
}

interface UserFormFieldsProps {
  readonly user: User | undefined;
  readonly userId: string | undefined;
  readonly onSaved: ((user: User) => void) | undefined;
  readonly onCancel: (() => void) | undefined;
  readonly className: string | undefined;
}

function UserFormFields({ user, userId, onSaved, onCancel, className }: UserFormFieldsProps) {
  const { readOnly } = useSyncStatus();
  const { draft, errors, change, fail, reset } = useUserDraft(
    user === undefined ? EMPTY_USER_DRAFT : draftOf(user),
  );
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const create = useCreateUser();
  const update = useUpdateUser();
  const headingId = useId();
  const editing = userId !== undefined;

  const succeed = (savedUser: User) => {
    setSaved(`Saved ${savedUser.name}.`);
    reset(editing ? draftOf(savedUser) : EMPTY_USER_DRAFT);
    onSaved?.(savedUser);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    // Saved once it is in the local store: offline, the server has it at the next connection.
    const callbacks = { onWritten: succeed, onError: fail };
    if (editing) update.mutate({ id: userId, ...draft }, callbacks);
    else create.mutate(draft, callbacks);
  };

  if (editing && user === undefined) {
    return (
      <p role="alert" className={kitClassName('form', className)}>
        This user no longer exists.
      </p>
    );
  }
  return (
    <form
      className={kitClassName('form', className)}
      aria-labelledby={headingId}
      onSubmit={submit}
      noValidate
    >
      <h2 id={headingId} className="tinysync-heading">
        {editing ? `Edit ${user?.name}` : 'New user'}
      </h2>
      {readOnly ? (
        <p className="tinysync-note">You have read-only access: changes are not allowed.</p>
      ) : null}
      <FormAlert message={errors.general} />
      <fieldset className="tinysync-form__fields" disabled={readOnly}>
        {USER_FIELDS.map((field) => (
          <UserFieldInput
            key={field}
            field={field}
            draft={draft}
            onChange={change}
            error={errors.byField[field]}
          />
        ))}
      </fieldset>
      <div className="tinysync-actions">
        <button
          type="submit"
          className="tinysync-button"
          data-variant="primary"
          disabled={readOnly}
        >
          {editing ? 'Save changes' : 'Create user'}
        </button>
        {onCancel === undefined ? null : (
          <button type="button" className="tinysync-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      <p role="status" className="tinysync-note">
        {saved}
      </p>
    </form>
  );
}
