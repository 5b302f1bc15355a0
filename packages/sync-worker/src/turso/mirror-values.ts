import type { InValue } from '@libsql/client';
import type { CellSchema } from 'tinybase';

/** A cell as Turso stores it: booleans as 0/1 (SQLite has none), objects and arrays as JSON text, no value or null as NULL. */
export function toSqlValue(value: unknown): InValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

/**
 * A Turso column value as the cell it mirrors, by the cell's TinyBase schema. NULL is `null` in a
 * nullable cell and no cell (`undefined`) in any other; an object or array cell's JSON text is
 * parsed. Values of the wrong type (text that is not JSON included) pass through unchanged for
 * schema validation to refuse.
 */
export function fromSqlValue(value: unknown, cellSchema: CellSchema | undefined): unknown {
  if (value === null || value === undefined)
    return cellSchema?.allowNull === true ? null : undefined;
  const plain = typeof value === 'bigint' ? Number(value) : value;
  const type = cellSchema?.type;
  if (type === 'boolean' && typeof plain === 'number') return plain !== 0;
  if ((type === 'object' || type === 'array') && typeof plain === 'string') return parseJson(plain);
  return plain;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
