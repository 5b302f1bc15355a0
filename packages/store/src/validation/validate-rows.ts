import type { ZodMiniObject } from 'zod/mini';
import * as core from 'zod/v4/core';
import { ValidationError, type ValidationIssue } from '../errors.js';
import type { AnySchema } from '../schema/row-types.js';
import type { CellValue } from '../schema/schema-definition.js';
import { jsonValueIssue } from './json-value.js';

/** The longest row id either end accepts, in UTF-16 code units. */
export const MAX_ROW_ID_LENGTH = 256;
/**
 * Characters no row id may hold: control characters (they break logs, headers and file names
 * downstream) and lone surrogates (not text: they cannot be encoded as UTF-8, so Turso and
 * every JSON encoder would mangle them).
 */
const FORBIDDEN_ROW_ID_CHARACTERS = /[\p{Cc}\p{Cs}]/u;

type Cells = Record<string, CellValue>;

/** Where a write is aimed, for error messages. */
interface Target {
  readonly tableId: string;
  readonly rowId: string;
}

export function assertKnownTable(schema: AnySchema, tableId: string): ZodMiniObject {
  const rowSchema = Object.hasOwn(schema.rowSchemas, tableId)
    ? schema.rowSchemas[tableId]
    : undefined;
  if (rowSchema === undefined) {
    throw new ValidationError([{ tableId, message: `unknown table '${tableId}'` }]);
  }
  return rowSchema;
}

/**
 * Why a row id is not acceptable, or undefined when it is: a string of 1 to 256 characters, no
 * control characters or lone surrogates. The sync worker checks every incoming row id with it
 * before anything else, so the client and the server agree on what an id may be.
 */
export function rowIdIssue(rowId: unknown): string | undefined {
  if (typeof rowId !== 'string' || rowId.length === 0 || rowId.length > MAX_ROW_ID_LENGTH) {
    return `row ids are strings of 1 to ${MAX_ROW_ID_LENGTH} characters`;
  }
  return FORBIDDEN_ROW_ID_CHARACTERS.test(rowId)
    ? 'row ids may not hold control characters or lone surrogates'
    : undefined;
}

export function assertValidRowId({ tableId, rowId }: Target): void {
  const message = rowIdIssue(rowId);
  if (message !== undefined) {
    throw new ValidationError([{ tableId, rowId: String(rowId), message }]);
  }
}

/** Checks a whole new row and returns it with defaults applied. */
export function parseNewRow(schema: AnySchema, target: Target, input: unknown): Cells {
  const rowSchema = assertKnownTable(schema, target.tableId);
  assertValidRowId(target);
  return parseOrThrow(rowSchema, target, input);
}

/**
 * Checks a partial update against the row it changes (so a patch cannot leave the row
 * invalid) and returns only the cells to write: values to set, `undefined` to delete.
 */
export function parsePatch(
  schema: AnySchema,
  target: Target,
  existing: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, CellValue | undefined> {
  const rowSchema = assertKnownTable(schema, target.tableId);
  const merged: Record<string, unknown> = { ...existing, ...patch };
  const parsed = parseOrThrow(rowSchema, target, merged);
  const changes: Record<string, CellValue | undefined> = {};
  for (const cellId of Object.keys(patch)) changes[cellId] = parsed[cellId];
  return changes;
}

/** Checks one cell value; `undefined` means a delete, allowed only for optional cells. */
export function cellIssue(
  schema: AnySchema,
  tableId: string,
  cellId: string,
  value: unknown,
): string | undefined {
  const rowSchema = Object.hasOwn(schema.rowSchemas, tableId)
    ? schema.rowSchemas[tableId]
    : undefined;
  if (rowSchema === undefined) return `unknown table '${tableId}'`;
  // Own properties only: ids like `__proto__` or `constructor` must not reach Object.prototype.
  if (!Object.hasOwn(rowSchema.shape, cellId)) return `unknown cell '${cellId}'`;
  // zod/v4/core's parse: the cell may be classic or mini, typed as core's method-less `$ZodType`.
  const result = core.safeParse(rowSchema.shape[cellId] as core.$ZodType, value);
  if (!result.success) return result.error.issues[0]?.message ?? 'invalid value';
  return typeof value === 'object' && value !== null ? jsonValueIssue(value) : undefined;
}

function parseOrThrow(rowSchema: ZodMiniObject, target: Target, input: unknown): Cells {
  const result = core.safeParse(rowSchema, input);
  if (!result.success) {
    throw new ValidationError(result.error.issues.flatMap((issue) => toIssues(target, issue)));
  }
  const cells = withoutUndefined(result.data as Record<string, unknown>);
  const issues = jsonIssues(target, cells);
  if (issues.length > 0) throw new ValidationError(issues);
  return cells;
}

/** The object and array cells of a parsed row that JSON would change (see `jsonValueIssue`). */
function jsonIssues(target: Target, cells: Cells): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const [cellId, value] of Object.entries(cells)) {
    const message = typeof value === 'object' && value !== null ? jsonValueIssue(value) : undefined;
    if (message !== undefined) issues.push({ ...target, cellId, message });
  }
  return issues;
}

function toIssues(target: Target, issue: core.$ZodIssue): ValidationIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((cellId) => ({ ...target, cellId, message: `unknown cell '${cellId}'` }));
  }
  const cellId = issue.path[0];
  return [
    typeof cellId === 'string'
      ? { ...target, cellId, message: issue.message }
      : { ...target, message: issue.message },
  ];
}

function withoutUndefined(row: Record<string, unknown>): Cells {
  const cells: Cells = {};
  for (const [cellId, value] of Object.entries(row)) {
    if (value !== undefined) cells[cellId] = value as CellValue;
  }
  return cells;
}
