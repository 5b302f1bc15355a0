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
      : never;

/** The TinyBase `TablesSchema` type of a TinySync schema, for `tinybase/with-schemas` typing. */
export type TinyBaseTablesSchemaOf<S extends AnySchema> = {
  [T in TableId<S>]: {
    [C in CellId<S, T>]: {
      type: TinyBaseCellType<NonNullable<core.output<TablesOf<S>[T]['cells'][C]>>>;
    };
  };
};

/**
 * The TinyBase tables schema, made by TinyBase's own zod schematizer.
 *
 * Only cell types and enums are kept. Defaults are applied by `create` (so `createdAt: now`
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
      if (cellSchema === undefined || !isScalarCell(cellSchema)) {
        throw new SchemaError(
          `'${tableId}.${cellId}' is not a string, number or boolean cell; TinyBase cannot store it`,
        );
      }
      delete cellSchema.default;
      delete cellSchema.required;
    }
  }
  return tablesSchema;
}

function isScalarCell(cellSchema: CellSchema): boolean {
  return (
    cellSchema.enum !== undefined ||
    (typeof cellSchema.type === 'string' && SCALAR_TYPES.has(cellSchema.type))
  );
}

const SCALAR_TYPES = new Set(['string', 'number', 'boolean']);
