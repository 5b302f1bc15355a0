import type { AnySchema, CellId, Row, RowWithId, TableId } from '../schema/row-types.js';

export interface ListOptions<S extends AnySchema, T extends TableId<S>> {
  /** Cells that must be equal, or a predicate over the row. */
  readonly where?: Partial<Row<S, T>> | ((row: RowWithId<S, T>) => boolean);
  readonly sortBy?: CellId<S, T>;
  readonly descending?: boolean;
  readonly offset?: number;
  readonly limit?: number;
}

export function matchesWhere<S extends AnySchema, T extends TableId<S>>(
  where: NonNullable<ListOptions<S, T>['where']>,
): (row: RowWithId<S, T>) => boolean {
  if (typeof where === 'function') return where;
  const expected = Object.entries(where);
  return (row) =>
    expected.every(([cellId, value]) => (row as Record<string, unknown>)[cellId] === value);
}
