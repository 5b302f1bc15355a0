import { mirrorStatus } from '../support/mirror-status.ts';
import type { RunningSystem } from '../support/running-system.ts';
import { tableDifferences } from '../support/table-differences.ts';
import type { ScenarioRun } from './scenario-run.ts';

/**
 * Where the live copies disagree with the ledger's expected content: each client's tables and
 * stamps, and the Durable Object's content. Empty once they all converged on it.
 */
export async function liveCopyDifferences(
  system: RunningSystem,
  run: ScenarioRun,
): Promise<string[]> {
  const expected = run.ledger.expectedTables();
  const differences = run.replicas.flatMap(({ name, store }) => [
    ...tableDifferences(expected, store.getTables()).map((line) => `${name} ${line}`),
    ...run.ledger.stampDifferences(store).map((line) => `${name} ${line}`),
  ]);
  const durableObject = await system.durableObjectTables(run.storeId);
  differences.push(
    ...tableDifferences(expected, durableObject).map((line) => `Durable Object ${line}`),
  );
  return differences;
}

/** Where Turso disagrees with the expected content, or why it is not caught up yet. */
export async function tursoDifferences(system: RunningSystem, run: ScenarioRun): Promise<string[]> {
  const status = await mirrorStatus(system, run.storeId);
  if (status.pendingRows !== 0 || status.hydrationPending === true) {
    return [`Turso not caught up: ${JSON.stringify(status)}`];
  }
  const turso = await system.tursoTables(run.storeId);
  return tableDifferences(run.ledger.expectedTables(), turso).map((line) => `Turso ${line}`);
}
