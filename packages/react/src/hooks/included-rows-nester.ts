import type { IncludableReference } from '@tinysync/store';
import type { MergeableStore } from 'tinybase';

type AnyRow = { readonly id: string };
type Nested = { readonly json: string; readonly row: AnyRow };
type Built = { readonly base: AnyRow; readonly nested: readonly unknown[]; readonly row: AnyRow };

/**
 * Nests referenced rows into rows (`task.assignee` from `task.assigneeId`), keeping identities:
 * a nested row is the same object until its cells change, and a row with its nested rows is
 * the same object until the row or one of its nested rows changes, so memoised row components
 * re-render only for the rows that show a change. Remembers only what the last call showed.
 */
export class IncludedRowsNester {
  private nestedRows = new Map<string, Nested>();
  private builtRows = new Map<string, Built>();
  private lastRows: readonly AnyRow[] = [];

  constructor(private readonly store: MergeableStore) {}

  /** The rows with their references nested, and which referenced rows they show per table. */
  nest<Row extends AnyRow>(
    rows: readonly Row[],
    references: readonly IncludableReference[],
  ): { readonly rows: Row[]; readonly shown: Map<string, ReadonlySet<string>> } {
    const shown = new Map<string, Set<string>>();
    const nestedRows = new Map<string, Nested>();
    const builtRows = new Map<string, Built>();
    const nestedRow = (tableId: string, rowId: unknown): AnyRow | undefined => {
      if (typeof rowId !== 'string') return undefined;
      const ids = shown.get(tableId) ?? new Set<string>();
      shown.set(tableId, ids.add(rowId));
      const key = `${tableId}\u0000${rowId}`;
      const entry = nestedRows.get(key) ?? this.readNested(tableId, rowId, key);
      if (entry !== undefined) nestedRows.set(key, entry);
      return entry?.row;
    };

    const result = rows.map((row) => {
      const nested = references.map((reference) =>
        nestedRow(reference.targetTableId, (row as Record<string, unknown>)[reference.cellId]),
      );
      const previous = this.builtRows.get(row.id);
      const built =
        previous !== undefined &&
        previous.base === row &&
        previous.nested.every((value, index) => value === nested[index])
          ? previous
          : { base: row, nested, row: withNested(row, references, nested) };
      builtRows.set(row.id, built);
      return built.row as Row;
    });
    this.nestedRows = nestedRows;
    this.builtRows = builtRows;
    // The same rows keep the same array, so `data` stays as it was.
    const unchanged =
      this.lastRows.length === result.length &&
      this.lastRows.every((row, index) => row === result[index]);
    if (!unchanged) this.lastRows = result;
    return { rows: this.lastRows as Row[], shown };
  }

  /** The referenced row, the previous object if its cells did not change; undefined if absent. */
  private readNested(tableId: string, rowId: string, key: string): Nested | undefined {
    if (!this.store.hasRow(tableId, rowId)) return undefined;
    const cells = this.store.getRow(tableId, rowId);
    const json = JSON.stringify(cells);
    const previous = this.nestedRows.get(key);
    return previous?.json === json ? previous : { json, row: { id: rowId, ...cells } };
  }
}

function withNested(
  row: AnyRow,
  references: readonly IncludableReference[],
  nested: readonly unknown[],
): AnyRow {
  const result: Record<string, unknown> = { ...row };
  references.forEach((reference, index) => {
    result[reference.name] = nested[index];
  });
  return result as AnyRow;
}
