import type { ReferencedTableIdOf } from './reference-registry.js';
import type { AnySchema, CellId, RowWithId, TableId, TablesOf } from './row-types.js';

/**
 * Where a referenced row is nested in the row that references it: the reference cell's name
 * without its `Id` or `_id` suffix (`assigneeId` → `assignee`, `owner_id` → `owner`). A cell
 * without the suffix, or whose stripped name is empty, `id` or another cell of the table,
 * nests under `<cell>Row` (`owner` → `ownerRow`) so it never hides a cell; if that name is a
 * cell too, the reference cannot be included.
 */
export function includedRowName(
  cellId: string,
  tableCellIds: readonly string[],
): string | undefined {
  const stripped = /^(.+?)(?:_id|Id)$/.exec(cellId)?.[1];
  if (stripped !== undefined && stripped !== 'id' && !tableCellIds.includes(stripped)) {
    return stripped;
  }
  const fallback = `${cellId}Row`;
  return tableCellIds.includes(fallback) ? undefined : fallback;
}

/** A reference a row of `tableId` can be read with: its nested name, cell and target table. */
export interface IncludableReference {
  readonly name: string;
  readonly cellId: string;
  readonly targetTableId: string;
}

/** The references of one table that can be included, by nested name. */
export function includableReferences(
  schema: AnySchema,
  tableId: string,
): ReadonlyMap<string, IncludableReference> {
  const cellIds = Object.keys(schema.tables[tableId]?.cells ?? {});
  const includable = new Map<string, IncludableReference>();
  for (const reference of schema.references) {
    if (reference.tableId !== tableId) continue;
    const name = includedRowName(reference.cellId, cellIds);
    if (name !== undefined) {
      includable.set(name, {
        name,
        cellId: reference.cellId,
        targetTableId: reference.targetTableId,
      });
    }
  }
  return includable;
}

type CellsOf<S extends AnySchema, T extends TableId<S>> = TablesOf<S>[T]['cells'];

/** The cells of table `T` that reference a row of another table (`ref('users')`). */
export type ReferenceCellId<S extends AnySchema, T extends TableId<S>> = {
  [C in CellId<S, T>]: [ReferencedTableIdOf<CellsOf<S, T>[C]>] extends [never] ? never : C;
}[CellId<S, T>];

type StrippedName<C extends string> = C extends `${infer Base}_id`
  ? Base
  : C extends `${infer Base}Id`
    ? Base
    : never;

type FallbackName<S extends AnySchema, T extends TableId<S>, C extends string> =
  `${C}Row` extends CellId<S, T> ? never : `${C}Row`;

/** Type-level twin of `includedRowName`. */
export type IncludedRowName<S extends AnySchema, T extends TableId<S>, C extends string> = [
  StrippedName<C>,
] extends [never]
  ? FallbackName<S, T, C>
  : StrippedName<C> extends '' | 'id' | CellId<S, T>
    ? FallbackName<S, T, C>
    : StrippedName<C>;

/** Nested name → referenced table id, for every reference of table `T` that can be included. */
export type IncludableTables<S extends AnySchema, T extends TableId<S>> = {
  [C in ReferenceCellId<S, T> as IncludedRowName<S, T, C>]: ReferencedTableIdOf<CellsOf<S, T>[C]>;
};

/** What `include` takes: `{ assignee: true, project: true }`, only names of reference cells. */
export type IncludeOption<S extends AnySchema, T extends TableId<S>> = {
  readonly [Name in keyof IncludableTables<S, T>]?: boolean;
};

type IncludedNames<I> = {
  [Name in keyof I]: I[Name] extends false | undefined ? never : Name;
}[keyof I];

/**
 * A row of `T` with the rows `include` asked for nested in it. Each nested row may be
 * `undefined`, required reference or not: nothing keeps a referenced row in place (another
 * client may delete it, or sync may bring a row before the row it references).
 */
export type RowWithIncluded<
  S extends AnySchema,
  T extends TableId<S>,
  I extends IncludeOption<S, T>,
> = [IncludedNames<I>] extends [never]
  ? RowWithId<S, T>
  : RowWithId<S, T> & {
      readonly [Name in IncludedNames<I> & keyof IncludableTables<S, T>]:
        | RowWithId<S, Extract<IncludableTables<S, T>[Name], TableId<S>>>
        | undefined;
    };
