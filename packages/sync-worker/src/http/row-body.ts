import { jsonValueIssue, ValidationError, type ValidationIssue } from '@tinysync/store';
import * as z from 'zod';
import { cellLengthIssue } from '../sync/cell-length.js';
import { ApiError } from './api-error.js';
import { parseJsonBody } from './parse-json-body.js';

/**
 * The cells of a row as the HTTP API accepts them: an object of the values a TinyBase cell can
 * hold (strings, numbers, booleans, null, and JSON objects and arrays for object and array
 * cells). Nesting is bounded before anything walks it deeper (`jsonValueIssue`): a value nested
 * thousands of levels deep once overflowed the stack further on (a 500 instead of a 400).
 */
const rowBody = z.record(z.string(), z.unknown()).superRefine((cells, context) => {
  for (const [cellId, value] of Object.entries(cells)) {
    const message =
      typeof value === 'object' && value !== null
        ? jsonValueIssue(value)
        : ['string', 'number', 'boolean'].includes(typeof value) || value === null
          ? undefined
          : 'cells are strings, numbers, booleans, null, objects or arrays';
    if (message !== undefined) context.addIssue({ code: 'custom', path: [cellId], message });
  }
});

export type RowBody = z.output<typeof rowBody>;

/**
 * Reads the cells of a row to create or update, refusing what sync refuses before the row's
 * schema is checked (by the store, which knows nothing of the server's cell length limit).
 *
 * @param rowId the row an update changes; a create's is its `id` cell, when it names one.
 * @throws ApiError as `parseJsonBody`, and `validation_failed` with a ValidationError issue per
 * cell longer than `MAX_CELL_CHARS`.
 */
export async function parseRowBody(
  request: Request,
  tableId: string,
  rowId?: string,
): Promise<RowBody> {
  const cells = await parseJsonBody(request, rowBody);
  const targetRowId = rowId ?? (typeof cells.id === 'string' ? cells.id : undefined);
  const target = targetRowId === undefined ? { tableId } : { tableId, rowId: targetRowId };
  const issues: ValidationIssue[] = [];
  for (const [cellId, value] of Object.entries(cells)) {
    const message = cellLengthIssue(value);
    if (message !== undefined) issues.push({ ...target, cellId, message });
  }
  if (issues.length > 0) {
    const error = new ValidationError(issues);
    throw new ApiError('validation_failed', error.message, error.issues);
  }
  return cells;
}
