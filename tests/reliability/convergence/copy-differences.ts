import { appSchema } from '@tinysync/store';
import { mirrorStatus } from '../support/mirror-status.ts';
import type { RunningSystem } from '../support/running-system.ts';
import { type Tables, tableDifferences } from '../support/table-differences.ts';
import type { ScenarioRun } from './scenario-run.ts';
import { rowKey } from './write-ledger.ts';

/** Whether a row passes its table's schema: what the server lets a change leave behind. */
const isWhole = (tableId: string, row: Record<string, unknown>) =>
  appSchema.rowSchemas[tableId as keyof typeof appSchema.rowSchemas]?.safeParse(row).success ===
  true;

/**
 * Where the live copies disagree with the ledger's expected content: each client's tables and
 * stamps, and the Durable Object's content. Empty once they all converged on it. Rows the
 * ledger's latest writes would leave incomplete (contested: see `WriteLedger`) are checked apart,
 * by `contestedDifferences`.
 */
export async function liveCopyDifferences(
  system: RunningSystem,
  run: ScenarioRun,
): Promise<string[]> {
  const contested = run.ledger.contestedRows(isWhole);
  const expected = run.ledger.expectedTables(contested);
  const copies: [string, Tables][] = run.replicas.map(({ name, store }) => [
    name,
    store.getTables() as Tables,
  ]);
  copies.push(['Durable Object', await system.durableObjectTables(run.storeId)]);
  const differences = copies.flatMap(([name, tables]) =>
    tableDifferences(expected, without(tables, contested)).map((line) => `${name} ${line}`),
  );
  differences.push(
    ...run.replicas.flatMap(({ name, store }) =>
      run.ledger.stampDifferences(store, 5, contested).map((line) => `${name} ${line}`),
    ),
    ...contestedDifferences(contested, copies),
  );
  return differences;
}

/** Where Turso disagrees with the expected content, or why it is not caught up yet. */
export async function tursoDifferences(system: RunningSystem, run: ScenarioRun): Promise<string[]> {
  const status = await mirrorStatus(system, run.storeId);
  if (status.pendingRows !== 0 || status.hydrationPending === true) {
    return [`Turso not caught up: ${JSON.stringify(status)}`];
  }
  const contested = run.ledger.contestedRows(isWhole);
  const turso = await system.tursoTables(run.storeId);
  const durableObject = await system.durableObjectTables(run.storeId);
  return [
    ...tableDifferences(run.ledger.expectedTables(contested), without(turso, contested)).map(
      (line) => `Turso ${line}`,
    ),
    ...contestedDifferences(contested, [
      ['Durable Object', durableObject],
      ['Turso', turso],
    ]),
  ];
}

/**
 * A contested row must end the same in every copy. Whole or gone is what the server aims for,
 * but a delete racing an edit of the same row, merged cell by cell, can still leave it
 * incomplete (docs/security.md says so): agreement is what is promised.
 */
function contestedDifferences(
  contested: ReadonlySet<string>,
  copies: readonly [string, Tables][],
): string[] {
  const differences: string[] = [];
  for (const key of contested) {
    const [tableId = '', rowId = ''] = key.split('/');
    const rows = copies.map(([name, tables]) => [name, tables[tableId]?.[rowId]] as const);
    const [, first] = rows[0] ?? ['', undefined];
    for (const [name, row] of rows) {
      if (JSON.stringify(sorted(row)) !== JSON.stringify(sorted(first))) {
        differences.push(`${name} ${key}: ${JSON.stringify(row)} ≠ ${JSON.stringify(first)}`);
      }
    }
  }
  return differences;
}

function without(tables: Tables, rows: ReadonlySet<string>): Tables {
  return Object.fromEntries(
    Object.entries(tables).map(([tableId, tableRows]) => [
      tableId,
      Object.fromEntries(
        Object.entries(tableRows).filter(([rowId]) => !rows.has(rowKey(tableId, rowId))),
      ),
    ]),
  );
}

function sorted(row: Record<string, unknown> | undefined) {
  return row === undefined ? null : Object.fromEntries(Object.entries(row).sort());
}
