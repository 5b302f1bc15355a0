/**
 * The cells one write changed, as TinyBase reports a transaction's changes
 * (`store.getTransactionChanges()[0]`): `undefined` where a table, row or cell was deleted.
 */
export type WrittenTables = {
  readonly [tableId: string]:
    | { readonly [rowId: string]: { readonly [cellId: string]: unknown } | undefined }
    | undefined;
};

/** What a write set a cell to (`{ value: undefined }` for a deletion); undefined if it left it. */
export function writtenCell(
  written: WrittenTables,
  tableId: string,
  rowId: string,
  cellId: string,
): { readonly value: unknown } | undefined {
  if (!Object.hasOwn(written, tableId)) return undefined;
  const table = written[tableId];
  if (table === undefined) return { value: undefined };
  if (!Object.hasOwn(table, rowId)) return undefined;
  const row = table[rowId];
  if (row === undefined) return { value: undefined };
  return Object.hasOwn(row, cellId) ? { value: row[cellId] } : undefined;
}

/** Whether two cell values are the same, JSON cells (objects, arrays) compared by content. */
export function sameCellValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  const bKeys = Object.keys(b);
  return (
    aKeys.length === bKeys.length &&
    aKeys.every(
      (key) =>
        Object.hasOwn(b, key) &&
        sameCellValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
    )
  );
}
