/** How deep an object or array cell may nest; deeper ones are refused rather than walked. */
export const MAX_JSON_DEPTH = 64;

/**
 * Why an object or array cell would not come back from JSON as it went in, or `undefined` when
 * it would. TinyBase stores such cells as JSON text and silently turns what JSON cannot hold
 * into something else (`NaN` and `undefined` in an array become `null`, a `Date` a string, a
 * `Map` `{}`), so a value that passed the cell's zod schema could be read back as one that does
 * not. Checked on every write, whatever the schema says (`z.any()`, `z.custom()`).
 */
export function jsonValueIssue(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_JSON_DEPTH) return `nested deeper than ${MAX_JSON_DEPTH} levels`;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : `${value} is not a JSON number`;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      if (item === undefined) return 'arrays may not hold undefined';
      const issue = jsonValueIssue(item, depth + 1);
      if (issue !== undefined) return issue;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const item of Object.values(value)) {
      // An undefined property is left out of JSON, as an absent optional key is.
      const issue = item === undefined ? undefined : jsonValueIssue(item, depth + 1);
      if (issue !== undefined) return issue;
    }
    return undefined;
  }
  return `${describe(value)} is not JSON`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null)
    return `a ${value.constructor?.name ?? 'object'}`;
  return `a ${typeof value}`;
}
