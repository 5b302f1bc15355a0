import { type ReactNode, useId } from 'react';

/** What a field's control needs to be labelled by the field and described by its error. */
export interface FieldControlProps {
  readonly id: string;
  readonly 'aria-invalid': boolean;
  readonly 'aria-describedby': string | undefined;
}

export interface FormFieldProps {
  readonly label: string;
  readonly error?: string | undefined;
  /** Keeps the label for assistive technology only, e.g. inside a table row. */
  readonly hideLabel?: boolean;
  readonly children: (control: FieldControlProps) => ReactNode;
}

/** A labelled control with its validation message; shared by every editable component. */
export function FormField({ label, error, hideLabel = false, children }: FormFieldProps) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="tinysync-field" data-invalid={error === undefined ? undefined : ''}>
      <label
        htmlFor={id}
        className={hideLabel ? 'tinysync-visually-hidden' : 'tinysync-field__label'}
      >
        {label}
      </label>
      {children({
        id,
        'aria-invalid': error !== undefined,
        'aria-describedby': error === undefined ? undefined : errorId,
      })}
      {error === undefined ? null : (
        <span id={errorId} className="tinysync-field__error">
          {error}
        </span>
      )}
    </div>
  );
}
