import type { CellSchema, TablesSchema } from 'tinybase';
import { createZodSchematizer } from 'tinybase/schematizers/schematizer-zod';
import type * as core from 'zod/v4/core';
import { SchemaError } from '../errors.js';
import type { AnySchema, CellId, TableId, TablesOf } from './row-types.js';

type TinyBaseCellType<Value> = Value extends string
  ? 'string'
  : Value extends number
    ? 'number'
    : Value extends boolean
      ? 'boolean'
      : Value extends readonly unknown[]
        ? 'array'
        : Value extends object
          ? 'object'
          : never;

/** One cell's TinyBase schema: its type, and whether the zod schema takes `null`. */
type TinyBaseCellSchemaOf<Value> = {
  type: TinyBaseCellType<NonNullable<Value>>;
  allowNull: null extends Value ? true : false;
};

/** The TinyBase `TablesSchema` type of a TinySync schema, for `tinybase/with-schemas` typing. */
export type TinyBaseTablesSchemaOf<S extends AnySchema> = {
  [T in TableId<S>]: {
    [C in CellId<S, T>]: TinyBaseCellSchemaOf<core.output<TablesOf<S>[T]['cells'][C]>>;
  };
};

/**
 * The TinyBase tables schema, made by TinyBase's own zod schematizer.
 *
 * Only cell types, enums and `allowNull` (from `.nullable()`) are kept. Defaults are applied by `create` (so `createdAt: now`
 * gets the time of the write, not of the schema) and required-ness is checked there too:
 * letting TinyBase fill defaults or drop rows during a merge would make replicas write values
 * that no client asked for, and they would stop converging.
 */
export function toTinyBaseTablesSchema(schema: AnySchema): TablesSchema {
  const schematizer = createZodSchematizer();
  const tablesSchema = schematizer.toTablesSchema(schema.rowSchemas);
  for (const tableId of schema.tableIds) {
    const cells = tablesSchema[tableId] ?? {};
    for (const cellId of Object.keys(schema.tables[tableId]?.cells ?? {})) {
      const cellSchema = cells[cellId];
      if (cellSchema === undefined || !isStorableCell(cellSchema)) {
        throw new SchemaError(
          `'${tableId}.${cellId}' is not a string, number, boolean, object or array cell; TinyBase cannot store it`,
        );
      }
      delete cellSchema.default;
      delete cellSchema.required;
    }
  }
  return tablesSchema;
}

/**
 * One type per cell (or an enum): a union of types, which TinyBase could hold, would leave the
 * row type, the mirror's column type and the value's JSON encoding all ambiguous.
 */
function isStorableCell(cellSchema: CellSchema): boolean {
  return (
    cellSchema.enum !== undefined ||
    (typeof cellSchema.type === 'string' && CELL_TYPES.has(cellSchema.type))
  );
}

const CELL_TYPES = new Set(['string', 'number', 'boolean', 'object', 'array']);
