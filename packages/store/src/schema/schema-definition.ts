import type * as core from 'zod/v4/core';
import type { TablePermissions } from './permissions.js';
import type { ReferencedTableIdOf } from './reference-registry.js';

/** What JSON holds: the contents of an object or array cell. */
export type JsonValue = string | number | boolean | null | JsonObject | JsonArray;
export type JsonObject = { readonly [key: string]: JsonValue | undefined };
export type JsonArray = readonly JsonValue[];

/**
 * The values a TinyBase cell can hold in a TinySync table: strings, numbers, booleans, `null`
 * (a nullable cell) and JSON objects and arrays (TinyBase 10 stores them as JSON).
 */
export type CellValue = string | number | boolean | null | JsonObject | JsonArray;

/**
 * A zod schema for one cell: `z.string()`, `z.number()`, `z.boolean()`, `z.enum([...])`,
 * `z.object({...})`, `z.array(...)`, `z.record(...)`, optionally `.nullable()`, `.optional()` or
 * `.default(...)`. Typed with `zod/v4/core`, so classic `zod` and `zod/mini` schemas both fit.
 * Objects and arrays hold JSON only: a `Date`, `Map` or `undefined` inside one would not
 * survive TinyBase's JSON, so they are refused here by type and by `create`/`update` at runtime.
 */
export type CellSchema = core.$ZodType<CellValue | undefined, CellValue | undefined>;

export type CellSchemas = Record<string, CellSchema>;

/** A TinyBase index over one table: rows grouped by the value of `on`, ordered by `sortBy`. */
export interface IndexDefinition<CellId extends string = string> {
  readonly on: CellId;
  readonly sortBy?: CellId;
  readonly descending?: boolean;
}

export interface TableDefinition<Cells extends CellSchemas = CellSchemas> {
  readonly cells: Cells;
  /** Index ids are global to the store, so they must be unique across tables. */
  readonly indexes?: Readonly<Record<string, IndexDefinition<Extract<keyof Cells, string>>>>;
  readonly permissions?: Partial<TablePermissions>;
}

export type TableDefinitions = Record<string, TableDefinition>;

/**
 * What `defineSchema` accepts, checked against the tables themselves: index cells must be cells
 * of their table and references must name a table of the schema. A mistake turns the offending
 * property into `never`, so the compiler points at it.
 */
export type CheckedTableDefinitions<Tables extends TableDefinitions> = {
  readonly [TableId in keyof Tables]: {
    readonly cells: {
      readonly [CellId in keyof Tables[TableId]['cells']]: [
        Exclude<ReferencedTableIdOf<Tables[TableId]['cells'][CellId]>, keyof Tables>,
      ] extends [never]
        ? Tables[TableId]['cells'][CellId]
        : `references an unknown table: ${Exclude<ReferencedTableIdOf<Tables[TableId]['cells'][CellId]>, keyof Tables> & string}`;
    };
    readonly indexes?: Readonly<
      Record<string, IndexDefinition<Extract<keyof Tables[TableId]['cells'], string>>>
    >;
    readonly permissions?: Partial<TablePermissions>;
  };
};
