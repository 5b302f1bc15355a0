import { type FormEvent, useId, useState } from 'react';
import { useCreateProject, useUsers } from './app-hooks.js';
import { type FieldErrors, fieldErrors, NO_ERRORS } from './field-errors.js';
import { FormAlert } from './form-alert.js';
import { FormField } from './form-field.js';

const byName = { sortBy: 'name' } as const;

/** Name and owner of a new project; the schema's messages show on the fields. */
export function NewProjectForm({
  onCreated,
}: {
  readonly onCreated?: ((projectId: string) => void) | undefined;
}) {
  const { users = [] } = useUsers(undefined, byName);
  const [name, setName] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const create = useCreateProject();
  const headingId = useId();
  const owner = ownerId === '' ? users[0]?.id : ownerId;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, ownerId: owner ?? '' },
      {
        // Once it is saved locally: offline, the server has it at the next connection.
        onWritten: (project) => {
          setName('');
          setErrors(NO_ERRORS);
          onCreated?.(project.id);
        },
        onError: (error) => setErrors(fieldErrors(error)),
      },
    );
  };
  return (
    <form className="tinysync-form" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId} className="tinysync-subheading">
        New project
      </h3>
      <FormAlert message={errors.general} />
      <div className="tinysync-form__row">
        <FormField label="Project name" error={errors.byField.name}>
          {(control) => (
            <input
              {...control}
              className="tinysync-input"
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </FormField>
        <FormField label="Owner" error={errors.byField.ownerId}>
          {(control) => (
            <select
              {...control}
              className="tinysync-input"
              value={owner ?? ''}
              onChange={(event) => setOwnerId(event.target.value)}
            >
              {users.length === 0 ? <option value="">No users yet</option> : null}
              {users.map((user) => (
                <option key={user.id} value={user.id}>
                  {user.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="submit" className="tinysync-button" data-variant="primary">
          Add project
        </button>
      </div>
    </form>
  );
}
