import { eventually, type NodeClient } from '@tinysync/sync-worker/testing';
import { expect } from 'vitest';
import { tableDifferences } from '../support/table-differences.ts';

type Tables = Parameters<typeof tableDifferences>[0];

/** Lines of differences shown at most: a hundred clients missing the same row stay readable. */
const SHOWN = 10;
/** The last stretch of the wait compares every row, so that a timeout reports differences. */
const FULL_CHECKS_MS = 2_000;

/**
 * Waits until every client holds exactly `expected()`, or fails with where they differ (each
 * line naming its client). The clients run in this process, so a check competes with them for
 * it: until the row counts match it compares only those, which is cheap, and every row after.
 */
export async function waitUntilClientsHold(
  expected: () => Tables,
  clients: Iterable<readonly [name: string, client: NodeClient]>,
  timeoutMs: number,
): Promise<void> {
  const named = [...clients];
  const fullChecksFrom = Date.now() + timeoutMs - FULL_CHECKS_MS;
  await eventually(() => {
    const tables = expected();
    if (Date.now() < fullChecksFrom) {
      const counts = rowCounts(tables);
      const short = named.filter(([, client]) => !hasRowCounts(client, counts));
      if (short.length > 0) throw new Error(`${short.length} clients lack rows`);
    }
    const differences = named.flatMap(([name, client]) =>
      tableDifferences(tables, client.store.getTables()).map((line) => `${name}: ${line}`),
    );
    const shown = differences.slice(0, SHOWN);
    if (differences.length > SHOWN) shown.push(`… and ${differences.length - SHOWN} more`);
    expect(shown).toEqual([]);
  }, timeoutMs);
}

/** Rows per table, counted once per check: a hundred clients compare against the same counts. */
function rowCounts(tables: Tables): Map<string, number> {
  return new Map(
    Object.entries(tables).map(([tableId, rows]) => [tableId, Object.keys(rows).length]),
  );
}

function hasRowCounts(client: NodeClient, counts: ReadonlyMap<string, number>): boolean {
  const tableIds = new Set([...counts.keys(), ...client.store.getTableIds()]);
  return [...tableIds].every(
    (tableId) => client.store.getRowCount(tableId) === (counts.get(tableId) ?? 0),
  );
}
