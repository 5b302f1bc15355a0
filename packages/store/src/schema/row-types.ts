import type { ZodMiniObject } from 'zod/mini';
import type * as core from 'zod/v4/core';
import type { Schema } from './define-schema.js';

/** Any schema; the constraint used by generic code. */
// biome-ignore lint/suspicious/noExplicitAny: the table map is existential here, each use narrows it.
export type AnySchema = Schema<any>;

export type TablesOf<S extends AnySchema> = S extends Schema<infer Tables> ? Tables : never;

export type TableId<S extends AnySchema> = keyof TablesOf<S> & string;

export type CellId<S extends AnySchema, T extends TableId<S>> = keyof TablesOf<S>[T]['cells'] &
  string;

type RowSchemaOf<S extends AnySchema, T extends TableId<S>> = ZodMiniObject<
  TablesOf<S>[T]['cells'],
  core.$strict
>;

/** A row as stored: defaults applied, optional cells possibly absent. Inferred from the cells. */
export type Row<S extends AnySchema, T extends TableId<S>> = core.output<RowSchemaOf<S, T>>;

/** A row with its id, as operations and hooks return it. */
export type RowWithId<S extends AnySchema, T extends TableId<S>> = { readonly id: string } & Row<
  S,
  T
>;

/** What `create` takes: cells with defaults may be left out; `id` is generated unless given. */
export type CreateInput<S extends AnySchema, T extends TableId<S>> = core.input<
  RowSchemaOf<S, T>
> & {
  readonly id?: string;
};

/** What `update` takes: any subset of cells; `undefined` clears an optional cell. */
export type UpdatePatch<S extends AnySchema, T extends TableId<S>> = Partial<Row<S, T>>;
