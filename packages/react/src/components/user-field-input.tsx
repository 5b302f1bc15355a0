import { FormField } from './form-field.js';
import { USER_FIELD_LABELS, USER_ROLES, type UserDraft, type UserField } from './user-draft.js';

export interface UserFieldInputProps {
  readonly field: UserField;
  readonly draft: UserDraft;
  readonly onChange: (field: UserField, value: string) => void;
  readonly error: string | undefined;
  readonly hideLabel?: boolean;
  /** Extra context for the accessible name, e.g. which row of a table is being edited. */
  readonly labelSuffix?: string;
}

/** One user field with its label and schema error: the same control in the form and the table. */
export function UserFieldInput(props: UserFieldInputProps) {
  const { field, draft, onChange, error, hideLabel = false, labelSuffix } = props;
  const label =
    labelSuffix === undefined
      ? USER_FIELD_LABELS[field]
      : `${USER_FIELD_LABELS[field]} ${labelSuffix}`;
  return (
    <FormField label={label} error={error} hideLabel={hideLabel}>
      {(control) =>
        field === 'role' ? (
          <select
            {...control}
            className="tinysync-input"
            value={draft.role}
            onChange={(event) => onChange(field, event.target.value)}
          >
            {USER_ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...control}
            className="tinysync-input"
            type={field === 'email' ? 'email' : 'text'}
            autoComplete={field === 'email' ? 'email' : 'name'}
            value={draft[field]}
            onChange={(event) => onChange(field, event.target.value)}
          />
        )
      }
    </FormField>
  );
}
