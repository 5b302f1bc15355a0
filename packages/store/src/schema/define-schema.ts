import { strictObject, type ZodMiniObject } from 'zod/mini';
import type * as core from 'zod/v4/core';
import { SchemaError } from '../errors.js';
import { DEFAULT_PERMISSIONS, type TablePermissions } from './permissions.js';
import { referencedTableId } from './reference-registry.js';
import type {
  CheckedTableDefinitions,
  IndexDefinition,
  TableDefinitions,
} from './schema-definition.js';

/** A cell that holds the id of a row in another table; becomes the relationship `<tableId>.<cellId>`. */
export interface Reference {
  readonly relationshipId: string;
  readonly tableId: string;
  readonly cellId: string;
  readonly targetTableId: string;
}

export interface IndexSpec extends IndexDefinition {
  readonly indexId: string;
  readonly tableId: string;
}

/**
 * Zod's strict object for each table: unknown cells are refused, not silently dropped. Built
 * with `zod/mini`, whose objects hold classic and mini cells alike and weigh little; they have
 * `shape`, `parse` and `safeParse`, not classic zod's chainable methods.
 */
export type RowSchemas<Tables extends TableDefinitions> = {
  readonly [TableId in keyof Tables]: ZodMiniObject<Tables[TableId]['cells'], core.$strict>;
};

/**
 * The single source of truth for a TinySync app: from it come the TinyBase tables schema, the
 * TypeScript row types, runtime validation, indexes, relationships and table permissions.
 */
export interface Schema<Tables extends TableDefinitions = TableDefinitions> {
  readonly tables: Tables;
  readonly tableIds: readonly (keyof Tables & string)[];
  readonly rowSchemas: RowSchemas<Tables>;
  readonly references: readonly Reference[];
  readonly indexes: readonly IndexSpec[];
  readonly permissions: { readonly [TableId in keyof Tables]: TablePermissions };
}

export interface SchemaDefinition<Tables extends TableDefinitions> {
  readonly tables: Tables & CheckedTableDefinitions<Tables>;
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;

/**
 * Declares the app's tables. Cells are zod schemas (`z.string()`, `z.email()`, `z.enum([...])`,
 * `z.number().default(0)`, `ref('users')`, …), from classic `zod` or from `zod/mini`; the row
 * types are inferred from them.
 *
 * @throws SchemaError when a name is not an identifier, a reference or index names an unknown
 * table or cell, or two tables declare the same index id.
 */
export function defineSchema<const Tables extends TableDefinitions>(
  definition: SchemaDefinition<Tables>,
): Schema<Tables> {
  const tables: Tables = definition.tables;
  const tableIds = Object.keys(tables) as (keyof Tables & string)[];
  if (tableIds.length === 0) throw new SchemaError('A schema needs at least one table');

  const references: Reference[] = [];
  const indexes: IndexSpec[] = [];
  const rowSchemas = {} as Record<string, ZodMiniObject>;
  const permissions = {} as Record<string, TablePermissions>;

  for (const tableId of tableIds) {
    const table = tables[tableId] as Tables[string];
    assertIdentifier(tableId, 'table');
    const cellIds = Object.keys(table.cells);
    for (const cellId of cellIds) {
      assertIdentifier(cellId, `cell of '${tableId}'`);
      if (cellId === 'id') {
        throw new SchemaError(`'${tableId}.id' is reserved: the row id is not a cell`);
      }
      const targetTableId = referencedTableId(table.cells[cellId] as core.$ZodType);
      if (targetTableId !== undefined) {
        if (!(targetTableId in tables)) {
          throw new SchemaError(
            `'${tableId}.${cellId}' references '${targetTableId}', which is not a table of this schema`,
          );
        }
        references.push({ relationshipId: `${tableId}.${cellId}`, tableId, cellId, targetTableId });
      }
    }
    for (const [indexId, index] of Object.entries(table.indexes ?? {})) {
      for (const cellId of [index.on, index.sortBy]) {
        if (cellId !== undefined && !cellIds.includes(cellId)) {
          throw new SchemaError(
            `Index '${indexId}' uses '${tableId}.${cellId}', which is not a cell`,
          );
        }
      }
      if (indexes.some((existing) => existing.indexId === indexId)) {
        throw new SchemaError(`Index id '${indexId}' is declared twice; index ids are store-wide`);
      }
      indexes.push({ indexId, tableId, ...index });
    }
    rowSchemas[tableId] = strictObject(table.cells);
    permissions[tableId] = tablePermissions(tableId, table.permissions);
  }

  return Object.freeze({
    tables,
    tableIds,
    rowSchemas: rowSchemas as RowSchemas<Tables>,
    references,
    indexes,
    permissions: permissions as Schema<Tables>['permissions'],
  });
}

function assertIdentifier(name: string, what: string): void {
  if (!IDENTIFIER.test(name)) {
    throw new SchemaError(
      `'${name}' is not a valid ${what} name: use letters, digits and '_', starting with a letter`,
    );
  }
}

/**
 * A table's permissions over the defaults. `read` is refused rather than ignored: it was once
 * part of the API, and a schema still saying who may read a table would promise what nothing
 * keeps (a store is the read boundary: see `TablePermissions`).
 */
function tablePermissions(
  tableId: string,
  declared: Partial<TablePermissions> | undefined,
): TablePermissions {
  if (declared !== undefined && Object.hasOwn(declared, 'read')) {
    throw new SchemaError(
      `'${tableId}' declares read permissions, which TinySync does not have: everyone a store admits reads all of it. Put data only some may read in a store of its own (a user store, or a store per project).`,
    );
  }
  return { ...DEFAULT_PERMISSIONS, ...declared };
}
