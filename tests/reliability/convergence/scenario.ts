import fc from 'fast-check';
import {
  type CellValue,
  cellArbitrary,
  ROW_IDS,
  type Row,
  rowArbitrary,
  TABLE_IDS,
  type TableId,
} from './app-cells.ts';

/**
 * What one client does to its own copy, connected or not. `client` is an index that the
 * scenario reduces modulo its number of clients (see `clientOf`), so the number of clients can
 * shrink without the steps becoming invalid.
 */
export type Write =
  /** Creates the row, re-creates it after a delete, or replaces it (cells left out are deleted). */
  | { kind: 'setRow'; client: number; tableId: TableId; rowId: string; row: Row }
  /** Updates one cell of a row the client has; like the app's update, nothing if it has none. */
  | {
      kind: 'setCell';
      client: number;
      tableId: TableId;
      rowId: string;
      cellId: string;
      value: CellValue;
    }
  | { kind: 'delRow'; client: number; tableId: TableId; rowId: string };

export type Fault =
  /** Closes the client's socket and synchronizer; it keeps writing to its local copy. */
  | { kind: 'disconnect'; client: number }
  /** A new synchronizer on the client's same MergeableStore, so its offline writes sync. */
  | { kind: 'reconnect'; client: number }
  /** Stops and starts `wrangler dev` on the same data; connected clients reconnect after. */
  | { kind: 'restartWorker' }
  | { kind: 'stopLibsql' }
  | { kind: 'startLibsql' }
  /** Lets messages flow before the next step, so later writes can see earlier ones. */
  | { kind: 'pause'; ms: number };

export type Step = Write | Fault;

export interface Scenario {
  /** How many clients share the store (3–8). */
  readonly clients: number;
  readonly steps: readonly Step[];
}

export const MIN_CLIENTS = 3;
export const MAX_CLIENTS = 8;

export function clientOf(scenario: Scenario, step: { client: number }): number {
  return step.client % scenario.clients;
}

const client = fc.nat({ max: MAX_CLIENTS - 1 });

/** A table, one of its row ids, and `more` built for that table. */
function inSomeRow<T>(more: (tableId: TableId) => fc.Arbitrary<T>) {
  return fc.oneof(
    ...TABLE_IDS.map((tableId) =>
      fc.record({
        tableId: fc.constant(tableId),
        rowId: fc.constantFrom(...ROW_IDS[tableId]),
        more: more(tableId),
      }),
    ),
  );
}

const setRow: fc.Arbitrary<Write> = fc
  .record({ client, target: inSomeRow(rowArbitrary) })
  .map(({ client, target: { tableId, rowId, more } }) => ({
    kind: 'setRow',
    client,
    tableId,
    rowId,
    row: more,
  }));

const setCell: fc.Arbitrary<Write> = fc
  .record({ client, target: inSomeRow(cellArbitrary) })
  .map(({ client, target: { tableId, rowId, more } }) => ({
    kind: 'setCell',
    client,
    tableId,
    rowId,
    cellId: more.cellId,
    value: more.value,
  }));

const delRow: fc.Arbitrary<Write> = fc
  .record({ client, target: inSomeRow(() => fc.constant(null)) })
  .map(({ client, target: { tableId, rowId } }) => ({ kind: 'delRow', client, tableId, rowId }));

/**
 * Writes dominate; faults are frequent enough that a 25-step run usually has several
 * disconnections and about one restart of each server. Restarting `wrangler dev` is the
 * slowest step by far (seconds), hence its low weight.
 */
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: setRow, weight: 5 },
  { arbitrary: setCell, weight: 7 },
  { arbitrary: delRow, weight: 3 },
  { arbitrary: client.map((client) => ({ kind: 'disconnect', client }) as const), weight: 2 },
  { arbitrary: client.map((client) => ({ kind: 'reconnect', client }) as const), weight: 2 },
  {
    arbitrary: fc.constantFrom(20, 150, 600).map((ms) => ({ kind: 'pause', ms }) as const),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'stopLibsql' } as const), weight: 1 },
  { arbitrary: fc.constant({ kind: 'startLibsql' } as const), weight: 1 },
  { arbitrary: fc.constant({ kind: 'restartWorker' } as const), weight: 1 },
);

/** Scenarios that print as the list of steps, so a shrunk counterexample reads as a script. */
export function scenarioArbitrary(maxSteps: number): fc.Arbitrary<Scenario> {
  return fc
    .record({
      clients: fc.integer({ min: MIN_CLIENTS, max: MAX_CLIENTS }),
      steps: fc.array(step, { minLength: 1, maxLength: maxSteps, size: 'max' }),
    })
    .map((scenario) => ({ ...scenario, [fc.toStringMethod]: () => describeScenario(scenario) }));
}

export function describeScenario(scenario: Scenario): string {
  const lines = scenario.steps.map((step) => `  ${describeStep(scenario, step)}`);
  return `\n${scenario.clients} clients (c0–c${scenario.clients - 1}), ${scenario.steps.length} steps:\n${lines.join('\n')}\n`;
}

function describeStep(scenario: Scenario, step: Step): string {
  const by = 'client' in step ? `c${clientOf(scenario, step)} ` : '';
  switch (step.kind) {
    case 'setRow':
      return `${by}setRow ${step.tableId}/${step.rowId} ${JSON.stringify(step.row)}`;
    case 'setCell':
      return `${by}setCell ${step.tableId}/${step.rowId}.${step.cellId} = ${JSON.stringify(step.value)}`;
    case 'delRow':
      return `${by}delRow ${step.tableId}/${step.rowId}`;
    case 'disconnect':
    case 'reconnect':
      return `${by}${step.kind}`;
    case 'restartWorker':
      return 'restart wrangler dev';
    case 'stopLibsql':
      return 'stop libSQL';
    case 'startLibsql':
      return 'start libSQL';
    case 'pause':
      return `pause ${step.ms} ms`;
  }
}
