import type * as core from 'zod/v4/core';
import type { TablePermissions } from './permissions.js';
import type { ReferencedTableIdOf } from './reference-registry.js';

/** The values a TinyBase cell can hold in a TinySync table. */
export type CellValue = string | number | boolean;

/**
 * A zod schema for one cell: string, number or boolean, optionally `.optional()` or
 * `.default(...)`. Typed with `zod/v4/core`, so classic `zod` and `zod/mini` schemas both fit.
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
