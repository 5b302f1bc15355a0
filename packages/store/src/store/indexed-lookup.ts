import type { Indexes } from 'tinybase';
import type { AnySchema } from '../schema/row-types.js';

export interface IndexedQuery {
  readonly tableId: string;
  readonly where: Readonly<Record<string, unknown>>;
  readonly sortBy: string | undefined;
  readonly descending: boolean;
}

/**
 * Row ids for an equality filter answered by a schema index, already in the requested order;
 * undefined when no index fits (the caller then scans the table). An index fits when it is
 * on one of the filtered cells and sorts as asked (or no order was asked for).
 */
export function lookUpIndexedRowIds(
  schema: AnySchema,
  indexes: Indexes,
  { tableId, where, sortBy, descending }: IndexedQuery,
): string[] | undefined {
  const index = schema.indexes.find(
    (candidate) =>
      candidate.tableId === tableId &&
      typeof where[candidate.on] === 'string' &&
      (sortBy === undefined ||
        (candidate.sortBy === sortBy && (candidate.descending === true) === descending)),
  );
  if (index === undefined) return undefined;
  return indexes.getSliceRowIds(index.indexId, where[index.on] as string);
}
