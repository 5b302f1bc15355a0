/**
 * How generated hooks are named from a table id: `users` → `useUsers` (list), `useUser` (one
 * row), `useCreateUser`, `useUpdateUser`, `useDeleteUser`. A table whose name does not end in
 * `s` gets `…Row` for its row name (`inventory` → `useInventoryRow`), so names never collide.
 */
export type RowName<TableId extends string> = TableId extends `${infer Stem}ies`
  ? `${Stem}y`
  : TableId extends `${infer Stem}s`
    ? Stem
    : `${TableId}Row`;

export function rowName(tableId: string): string {
  if (tableId.endsWith('ies')) return `${tableId.slice(0, -3)}y`;
  if (tableId.endsWith('s')) return tableId.slice(0, -1);
  return `${tableId}Row`;
}

export function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}
