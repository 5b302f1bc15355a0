import type { AnySchema, TinySyncStore } from '@tinysync/store';

/** Table operations with the table erased: callers reach tables by a runtime id. */
export interface AnyTableOperations {
  list(options: object): { id: string }[];
  get(rowId: string): unknown;
  create(input: never): unknown;
  update(rowId: string, patch: never): unknown;
  delete(rowId: string): void;
}

/** The validated operations of `tableId`, or undefined if the schema has no such table. */
export function anyTable(
  app: TinySyncStore<AnySchema> | undefined,
  tableId: string,
): AnyTableOperations | undefined {
  if (app === undefined || !Object.hasOwn(app.tables, tableId)) return undefined;
  return app.tables[tableId] as unknown as AnyTableOperations;
}
