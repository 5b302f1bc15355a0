import type { MergeableStore } from 'tinybase';

type Tables = Record<string, Record<string, Record<string, unknown>>>;

/** One cell write as its client stamped it; `value` undefined is a deletion. */
export interface StampedWrite {
  readonly value: unknown;
  /** TinyBase's HLC: later writes have greater stamps (compared as strings, as TinyBase does). */
  readonly stamp: string;
  readonly by: string;
}

/** TinyBase's mergeable encoding: `[thing, stamp, hash?]` at every level. */
type Stamped<Thing> = [Thing, string, number?];
type MergeableTables = Stamped<
  Record<string, Stamped<Record<string, Stamped<Record<string, Stamped<unknown>>>>>>
>;

const cellKey = (tableId: string, rowId: string, cellId: string) => `${tableId}/${rowId}.${cellId}`;
/** A row, as `tasks/t1`. */
export const rowKey = (tableId: string, rowId: string) => `${tableId}/${rowId}`;

/**
 * Every write any client made, with the stamp its own MergeableStore gave it, and what the
 * store must hold once everyone has synced: for each cell, the value of its write with the
 * greatest stamp; the cell is absent when that write is a deletion.
 *
 * Every write counts as acknowledged here, also one made while its client was offline or in
 * flight when a server went down: each client reconnects before the final checks and keeps its
 * local copy throughout, so each of its writes is due to reach everyone. A write the system
 * lost leaves some copy without the winning value; a deleted value that comes back, or a stamp
 * no client made, shows up as a difference too.
 *
 * The ledger knows cells, the server also judges rows: a change that would leave a row without
 * a required cell is refused and put back, and which change that is depends on the order the
 * server received them in. Rows whose latest writes leave them incomplete are therefore
 * "contested" (`contestedRows`): the checks leave them to the copies' agreement instead.
 */
export class WriteLedger {
  readonly #latest = new Map<
    string,
    StampedWrite & { tableId: string; rowId: string; cellId: string }
  >();
  #writes = 0;

  /** Runs `write` on `store` as one transaction and records every cell it stamped. */
  record(by: string, store: MergeableStore, write: () => void): void {
    let changes: MergeableTables | undefined;
    const listenerId = store.addDidFinishTransactionListener(() => {
      changes = store.getTransactionMergeableChanges()[0] as unknown as MergeableTables;
    });
    try {
      store.transaction(write);
    } finally {
      store.delListener(listenerId);
    }
    for (const [tableId, rowId, cellId, [value, stamp]] of cellsOf(changes)) {
      this.#writes++;
      const key = cellKey(tableId, rowId, cellId);
      const latest = this.#latest.get(key);
      if (latest === undefined || stamp > latest.stamp) {
        this.#latest.set(key, { tableId, rowId, cellId, value, stamp, by });
      }
    }
  }

  /** Rows whose latest writes leave them holding cells but not whole (`isWhole` says no). */
  contestedRows(isWhole: (tableId: string, row: Record<string, unknown>) => boolean): Set<string> {
    const contested = new Set<string>();
    for (const [tableId, rows] of Object.entries(this.expectedTables())) {
      for (const [rowId, row] of Object.entries(rows)) {
        if (!isWhole(tableId, row)) contested.add(rowKey(tableId, rowId));
      }
    }
    return contested;
  }

  /** Cell writes recorded so far (a row write counts one per cell). */
  get writes(): number {
    return this.#writes;
  }

  /** The content every copy must converge to, but for the rows in `except`. */
  expectedTables(except: ReadonlySet<string> = new Set()): Tables {
    const tables: Tables = {};
    for (const { tableId, rowId, cellId, value } of this.#latest.values()) {
      if (value === undefined || except.has(rowKey(tableId, rowId))) continue;
      tables[tableId] ??= {};
      const rows = tables[tableId] as Record<string, Record<string, unknown>>;
      rows[rowId] ??= {};
      (rows[rowId] as Record<string, unknown>)[cellId] = value;
    }
    return tables;
  }

  /**
   * Where a client's MergeableStore disagrees with the ledger on a cell's winning write (its
   * stamp or value), or holds a cell no client wrote: readable lines, at most `limit`.
   */
  stampDifferences(
    store: MergeableStore,
    limit = 5,
    except: ReadonlySet<string> = new Set(),
  ): string[] {
    const differences: string[] = [];
    const held = new Map<string, [unknown, string]>();
    for (const [tableId, rowId, cellId, [value, stamp]] of cellsOf(
      store.getMergeableContent()[0] as unknown as MergeableTables,
    )) {
      if (!except.has(rowKey(tableId, rowId))) {
        held.set(cellKey(tableId, rowId, cellId), [value, stamp]);
      }
    }
    for (const [key, latest] of this.#latest) {
      if (except.has(rowKey(latest.tableId, latest.rowId))) continue;
      const [value, stamp] = held.get(key) ?? [undefined, '(none)'];
      if (stamp !== latest.stamp || value !== latest.value) {
        differences.push(
          `${key}: holds ${show(value)} @${stamp}, want ${show(latest.value)} @${latest.stamp} by ${latest.by}`,
        );
      }
      held.delete(key);
    }
    for (const [key, [value, stamp]] of held) {
      differences.push(`${key}: holds ${show(value)} @${stamp}, which no client wrote`);
    }
    if (differences.length <= limit) return differences;
    return [...differences.slice(0, limit), `… and ${differences.length - limit} more`];
  }
}

function* cellsOf(
  tables: MergeableTables | undefined,
): Generator<[string, string, string, Stamped<unknown>]> {
  for (const [tableId, [rows]] of Object.entries(tables?.[0] ?? {})) {
    for (const [rowId, [cells]] of Object.entries(rows)) {
      for (const [cellId, cell] of Object.entries(cells)) yield [tableId, rowId, cellId, cell];
    }
  }
}

const show = (value: unknown) => (value === undefined ? '(deleted)' : JSON.stringify(value));
