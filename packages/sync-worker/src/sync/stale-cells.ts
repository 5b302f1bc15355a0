import type { StalePolicy } from './filter-changes.js';

/**
 * Whether an incoming write stamped `incoming` wins over a cell stamped `current` ('' for none)
 * in TinyBase's merge: a later HLC wins; a write without a time wins only over a cell without one.
 */
export function winsOver(incoming: string, current: string): boolean {
  return current === '' || incoming > current;
}

export interface StaleCellsOptions {
  /** The times of a row's cells in the server's copy, deleted cells included. */
  readonly appliedTimes: (tableId: string, rowId: string) => Readonly<Record<string, string>>;
  /** The latest time the changes queued for the copy stamp a cell with ('' for none). */
  readonly queuedTime: (tableId: string, rowId: string, cellId: string) => string;
}

/**
 * The server's stale-cell check (filter-changes.ts `StalePolicy`): an incoming cell is stale when
 * it would lose to the server's copy, or to a change already queued for it. TinyBase drops such a
 * write in its merge, so the row check must not count on it: a row deleted on the server, pushed
 * again with one fresh cell and its required cells stamped before the deletion, would be judged
 * whole and stored without them.
 */
export function createStalePolicy({ appliedTimes, queuedTime }: StaleCellsOptions): StalePolicy {
  return (tableId, rowId) => {
    const applied = appliedTimes(tableId, rowId);
    return (cellId, time) => {
      const held = Object.hasOwn(applied, cellId) ? (applied[cellId] ?? '') : '';
      const queued = queuedTime(tableId, rowId, cellId);
      return !winsOver(time, later(held, queued));
    };
  };
}

/** The later of two HLC times (they sort as strings). */
function later(first: string, second: string): string {
  if (first >= second) return first;
  return second;
}
