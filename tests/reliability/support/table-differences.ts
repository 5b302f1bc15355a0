type Row = Record<string, unknown>;
export type Tables = Record<string, Record<string, Row>>;

/**
 * The rows two copies of a store disagree on, as readable lines (`tasks/t7: missing`, `…: extra`,
 * `…: {…} ≠ {…}`), at most `limit` of them plus a count of the rest. Empty when both hold the
 * same content. Meant for `expect(tableDifferences(a, b)).toEqual([])` over tens of thousands of
 * rows, where a deep-equality diff would be unreadable.
 */
export function tableDifferences(expected: Tables, actual: Tables, limit = 5): string[] {
  const differences: string[] = [];
  const tableIds = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  for (const tableId of tableIds) {
    const expectedRows = expected[tableId] ?? {};
    const actualRows = actual[tableId] ?? {};
    for (const rowId of new Set([...Object.keys(expectedRows), ...Object.keys(actualRows)])) {
      const want = expectedRows[rowId];
      const got = actualRows[rowId];
      if (got === undefined) differences.push(`${tableId}/${rowId}: missing`);
      else if (want === undefined) differences.push(`${tableId}/${rowId}: extra`);
      else if (!sameRow(want, got)) {
        differences.push(`${tableId}/${rowId}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      }
    }
  }
  if (differences.length <= limit) return differences;
  return [...differences.slice(0, limit), `… and ${differences.length - limit} more`];
}

/** Rows per table, e.g. `{ tasks: 50000 }`. */
export function rowCounts(tables: Tables): Record<string, number> {
  return Object.fromEntries(
    Object.entries(tables).map(([tableId, rows]) => [tableId, Object.keys(rows).length]),
  );
}

function sameRow(a: Row, b: Row): boolean {
  const cellIds = Object.keys(a);
  return (
    cellIds.length === Object.keys(b).length && cellIds.every((cellId) => a[cellId] === b[cellId])
  );
}
