import type { InValue } from '@libsql/client';

/** A TinyBase cell's type, from the TinyBase tables schema. */
export type CellType = 'string' | 'number' | 'boolean';

/** A cell as Turso stores it: booleans as 0/1 (SQLite has none), no value as NULL. */
export function toSqlValue(value: unknown): InValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

/**
 * A Turso column value as the cell it mirrors; `undefined` for NULL (no cell). Values of the
 * wrong type pass through unchanged for schema validation to refuse.
 */
export function fromSqlValue(value: unknown, type: CellType | undefined): unknown {
  if (value === null || value === undefined) return undefined;
  const plain = typeof value === 'bigint' ? Number(value) : value;
  if (type === 'boolean' && typeof plain === 'number') return plain !== 0;
  return plain;
}
