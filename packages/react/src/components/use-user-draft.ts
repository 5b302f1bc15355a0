import { useCallback, useState } from 'react';
import { type FieldErrors, fieldErrors, NO_ERRORS } from './field-errors.js';
import type { UserDraft, UserField } from './user-draft.js';

export interface UserDraftState {
  readonly draft: UserDraft;
  readonly errors: FieldErrors;
  readonly change: (field: UserField, value: string) => void;
  /** Shows a refused write's messages on the fields they concern. */
  readonly fail: (error: Error) => void;
  readonly reset: (next: UserDraft) => void;
}

/** A user being edited and the schema's complaints about it; editing a field clears its error. */
export function useUserDraft(initial: UserDraft): UserDraftState {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const change = useCallback((field: UserField, value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => {
      if (current.byField[field] === undefined) return current;
      const { [field]: _cleared, ...rest } = current.byField;
      return { ...current, byField: rest };
    });
  }, []);
  const fail = useCallback((error: Error) => setErrors(fieldErrors(error)), []);
  const reset = useCallback((next: UserDraft) => {
    setDraft(next);
    setErrors(NO_ERRORS);
  }, []);
  return { draft, errors, change, fail, reset };
}
