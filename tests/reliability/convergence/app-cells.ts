import fc from 'fast-check';

/**
 * Valid values for every cell of the app schema (packages/store/src/app-schema.ts). The worker
 * drops cells the schema refuses, so a write of an invalid value would "disappear" for a reason
 * that has nothing to do with faults; `app-cells.test.ts` checks every value here against the
 * schema. The pools are tiny on purpose: clients keep writing the same values, rows and cells,
 * so same-cell conflicts (also between equal values) are common.
 */
export type CellValue = string | number;
export type Row = Record<string, CellValue>;

interface CellPool {
  readonly values: readonly CellValue[];
  /** The schema lets a row leave it out. */
  readonly optional?: true;
}

export const APP_CELLS = {
  users: {
    name: { values: ['Ada', 'Bo', 'Cy'] },
    email: { values: ['ada@example.com', 'bo@example.com'] },
    role: { values: ['admin', 'member', 'viewer'] },
    avatarUrl: { values: ['https://example.com/a.png', ''], optional: true },
    createdAt: { values: [1, 2, 1_700_000_000_000] },
  },
  projects: {
    name: { values: ['Roadmap', 'Launch'] },
    ownerId: { values: ['u1', 'u2', 'u3'] },
    createdAt: { values: [1, 2] },
  },
  tasks: {
    title: { values: ['Write', 'Review', 'Ship'] },
    status: { values: ['todo', 'doing', 'done'] },
    projectId: { values: ['p1', 'p2'] },
    assigneeId: { values: ['u1', 'u2'], optional: true },
    position: { values: [0, 1, 2.5, -3] },
  },
} as const satisfies Record<string, Record<string, CellPool>>;

export type TableId = keyof typeof APP_CELLS;
export const TABLE_IDS = Object.keys(APP_CELLS) as TableId[];

/** A few row ids per table: deletes and re-creations hit rows other clients are editing. */
export const ROW_IDS: Record<TableId, readonly string[]> = {
  users: ['u1', 'u2', 'u3'],
  projects: ['p1', 'p2'],
  tasks: ['t1', 't2', 't3', 't4'],
};

const pools = (tableId: TableId): [string, CellPool][] => Object.entries(APP_CELLS[tableId]);

/** A whole valid row of `tableId`: every required cell, and each optional one or not. */
export function rowArbitrary(tableId: TableId): fc.Arbitrary<Row> {
  const model = Object.fromEntries(
    pools(tableId).map(([cellId, pool]) => [cellId, fc.constantFrom(...pool.values)]),
  );
  const requiredKeys = pools(tableId)
    .filter(([, pool]) => pool.optional !== true)
    .map(([cellId]) => cellId);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Row>;
}

/** One cell of `tableId` and a valid value for it. */
export function cellArbitrary(
  tableId: TableId,
): fc.Arbitrary<{ cellId: string; value: CellValue }> {
  return fc.oneof(
    ...pools(tableId).map(([cellId, pool]) =>
      fc.constantFrom(...pool.values).map((value) => ({ cellId, value })),
    ),
  );
}
