import { eventually } from '@tinysync/sync-worker/testing';
import { expect } from 'vitest';
import type { RunningSystem } from './running-system.ts';
import { rowCounts, type Tables, tableDifferences } from './table-differences.ts';
import { tursoRowCount } from './turso-row-count.ts';

/** Waits until the Durable Object's copy of the store holds exactly `written`, row for row. */
export async function expectDurableObjectToHold(
  system: RunningSystem,
  storeId: string,
  written: Tables,
  settleMs: number,
): Promise<void> {
  await eventually(async () => {
    const tables = await system.durableObjectTables(storeId);
    expect(rowCounts(tables)).toEqual(rowCounts(written));
    expect(tableDifferences(written, tables)).toEqual([]);
  }, settleMs);
}

/**
 * Waits until Turso holds as many rows of `tableId` as `written` (counting is cheap, reading
 * them all is not), then compares them row for row.
 */
export async function expectTursoToHold(
  system: RunningSystem,
  storeId: string,
  tableId: string,
  written: Tables,
  settleMs: number,
): Promise<void> {
  const expected = Object.keys(written[tableId] ?? {}).length;
  await eventually(
    async () => expect(await tursoRowCount(system.db, tableId, storeId)).toBe(expected),
    settleMs,
  );
  expect(tableDifferences(written, await system.tursoTables(storeId))).toEqual([]);
}
