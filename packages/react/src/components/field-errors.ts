import { ValidationError } from '@tinysync/store';

/** A refused write's messages, by cell, plus what belongs to no field (shown above the form). */
export interface FieldErrors {
  readonly byField: Readonly<Record<string, string>>;
  readonly general: string | undefined;
}

export const NO_ERRORS: FieldErrors = { byField: {}, general: undefined };

/** Splits a write error into field messages (from the schema's ValidationError) and the rest. */
export function fieldErrors(error: Error | null): FieldErrors {
  if (error === null) return NO_ERRORS;
  if (!(error instanceof ValidationError)) return { byField: {}, general: error.message };
  const byField: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const issue of error.issues) {
    if (issue.cellId === undefined) unplaced.push(issue.message);
    else byField[issue.cellId] ??= issue.message;
  }
  return { byField, general: unplaced.length > 0 ? unplaced.join('; ') : undefined };
}
