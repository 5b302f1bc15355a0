import { getUniqueId, type Indexes, type MergeableStore } from 'tinybase';
import { RowExistsError, RowNotFoundError } from '../errors.js';
import type {
  AnySchema,
  CreateInput,
  RowWithId,
  TableId,
  UpdatePatch,
} from '../schema/row-types.js';
import { assertValidRowId, parseNewRow, parsePatch } from '../validation/validate-rows.js';
import { lookUpIndexedRowIds } from './indexed-lookup.js';
import { type ListOptions, matchesWhere } from './list-options.js';

/** Typed reads and validated writes on one table. Every write is one undoable step. */
export interface TableOperations<S extends AnySchema, T extends TableId<S>> {
  readonly tableId: T;
  /** Validates, applies defaults, generates an id unless `input.id` is given; returns the row. */
  create(input: CreateInput<S, T>): RowWithId<S, T>;
  /** Validates the patch against the whole resulting row; `undefined` clears an optional cell. */
  update(rowId: string, patch: UpdatePatch<S, T>): RowWithId<S, T>;
  delete(rowId: string): void;
  get(rowId: string): RowWithId<S, T> | undefined;
  list(options?: ListOptions<S, T>): RowWithId<S, T>[];
  count(): number;
}

/** How operations reach the store: reads check readiness, writes run as one undoable step. */
export interface OperationContext {
  readonly store: MergeableStore;
  readonly schema: AnySchema;
  /** The schema's indexes if something has built them; lists then use them, else scan. */
  builtIndexes(): Indexes | undefined;
  read<R>(read: () => R): R;
  write<R>(label: string, write: () => R): R;
}

export function createTableOperations<S extends AnySchema, T extends TableId<S>>(
  context: OperationContext,
  tableId: T,
): TableOperations<S, T> {
  const { store, schema } = context;

  const rowWithId = (rowId: string): RowWithId<S, T> =>
    ({ id: rowId, ...store.getRow(tableId, rowId) }) as RowWithId<S, T>;

  const assertExists = (rowId: string) => {
    assertValidRowId({ tableId, rowId });
    if (!store.hasRow(tableId, rowId)) throw new RowNotFoundError(tableId, rowId);
  };

  return {
    tableId,
    create(input) {
      return context.write(`create ${tableId}`, () => {
        const { id: requestedId, ...cells } = input as CreateInput<S, T>;
        const rowId = requestedId ?? getUniqueId();
        const row = parseNewRow(schema, { tableId, rowId }, cells);
        if (store.hasRow(tableId, rowId)) throw new RowExistsError(tableId, rowId);
        store.setRow(tableId, rowId, row);
        return rowWithId(rowId);
      });
    },
    update(rowId, patch) {
      return context.write(`update ${tableId}`, () => {
        assertExists(rowId);
        const changes = parsePatch(
          schema,
          { tableId, rowId },
          store.getRow(tableId, rowId),
          patch as Record<string, unknown>,
        );
        for (const [cellId, value] of Object.entries(changes)) {
          if (value === undefined) store.delCell(tableId, rowId, cellId, true);
          else store.setCell(tableId, rowId, cellId, value);
        }
        return rowWithId(rowId);
      });
    },
    delete(rowId) {
      context.write(`delete ${tableId}`, () => {
        assertExists(rowId);
        store.delRow(tableId, rowId);
      });
    },
    get(rowId) {
      return context.read(() => (store.hasRow(tableId, rowId) ? rowWithId(rowId) : undefined));
    },
    list(options = {}) {
      return context.read(() => {
        const { where, sortBy, descending = false, offset = 0, limit } = options;
        const indexes = context.builtIndexes();
        const indexedRowIds =
          where !== undefined && typeof where !== 'function' && indexes !== undefined
            ? lookUpIndexedRowIds(schema, indexes, { tableId, where, sortBy, descending })
            : undefined;
        const rowIds =
          indexedRowIds ??
          (sortBy === undefined
            ? store.getRowIds(tableId)
            : store.getSortedRowIds(tableId, sortBy, descending));
        // Stop building rows once the page is full: a limited list costs the page, not the table.
        const matches = where === undefined ? undefined : matchesWhere<S, T>(where);
        const end = limit === undefined ? Number.POSITIVE_INFINITY : offset + limit;
        const page: RowWithId<S, T>[] = [];
        let matched = 0;
        for (const rowId of rowIds) {
          if (matched >= end) break;
          const row = rowWithId(rowId);
          if (matches !== undefined && !matches(row)) continue;
          if (matched++ >= offset) page.push(row);
        }
        return page;
      });
    },
    count() {
      return context.read(() => store.getRowCount(tableId));
    },
  };
}
