import { DELETED_ON_THE_WIRE } from '@tinysync/store/protocol';
import type { AcceptedRow } from './filter-changes.js';
import { rowWithCells } from './row-with-cells.js';

/** One message's place among the queued ones. */
export type QueuedChange = number;

/**
 * How long a change handed to TinyBase may still be missing from the server's copy. TinyBase
 * applies what it is handed in order but not always at once (it waits while it saves), so a
 * delivered change is kept until the copy shows it, or for at most this long.
 */
export const DELIVERED_CHANGE_TTL_MS = 30_000;
/** Changes kept at most; past it, the oldest delivered ones go first. */
export const MAX_QUEUED_CHANGES = 10_000;
/**
 * Cells kept at most, all changes together; past it, the oldest delivered changes go first. A
 * change waiting in the inbox is kept whatever it holds: the inbox hands it over in its next
 * task, and the row check must not lose sight of it before TinyBase has it.
 */
export const MAX_QUEUED_CELLS = 200_000;

/** A row of an accepted change; the cells' times, when known, say which cells it can still win. */
export type QueuedRow = Omit<AcceptedRow, 'times'> & Partial<Pick<AcceptedRow, 'times'>>;

interface Entry {
  readonly cells: Readonly<Record<string, unknown>>;
  readonly times?: Readonly<Record<string, string>>;
  /** When it was handed to TinyBase; undefined while it waits in the inbox. */
  deliveredAt?: number;
}

/**
 * The rows of changes accepted from clients that the server's copy may not show yet: queued for
 * it, or handed to TinyBase but not applied. Checking a row as a change would leave it must see
 * those too: a row created in one message and changed in the next would otherwise look
 * incomplete when the second arrives.
 */
export class QueuedRows {
  /** Per row, the cells each change brings to it, in arrival order. */
  readonly #rows = new Map<string, Map<QueuedChange, Entry>>();
  readonly #rowsOf = new Map<QueuedChange, readonly string[]>();
  /** Changes handed to TinyBase, in the order they were (the order they arrived): when. */
  readonly #delivered = new Map<QueuedChange, number>();
  readonly #now: () => number;
  #next: QueuedChange = 0;
  #cells = 0;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Records a change's rows; `delivered` says when it has been handed to TinyBase. */
  add(rows: readonly QueuedRow[]): QueuedChange {
    const change = this.#next++;
    const keys = rows.map(({ tableId, rowId, cells, times }) => {
      const key = rowKey(tableId, rowId);
      const changes = this.#rows.get(key) ?? new Map<QueuedChange, Entry>();
      changes.set(change, times === undefined ? { cells } : { cells, times });
      this.#rows.set(key, changes);
      this.#cells += Object.keys(cells).length;
      return key;
    });
    // A change that brings no rows holds nothing the row check needs.
    if (keys.length > 0) this.#rowsOf.set(change, keys);
    this.#sweep();
    return change;
  }

  delivered(change: QueuedChange): void {
    const deliveredAt = this.#now();
    for (const key of this.#rowsOf.get(change) ?? []) {
      const entry = this.#rows.get(key)?.get(change);
      if (entry !== undefined) entry.deliveredAt = deliveredAt;
    }
    if (this.#rowsOf.has(change)) this.#delivered.set(change, deliveredAt);
    this.#sweep();
  }

  /**
   * The row as the server's copy holds it (`appliedRow`) with every change it may not show yet laid
   * over it, in order. Delivered changes the copy shows, or that are too old, are let go here.
   */
  overlay(
    tableId: string,
    rowId: string,
    appliedRow: Record<string, unknown> | undefined,
  ): Record<string, unknown> | undefined {
    const key = rowKey(tableId, rowId);
    const changes = this.#rows.get(key);
    if (changes === undefined) return appliedRow;
    // TinyBase applies changes in the order it was handed them: once the copy shows one, it has
    // applied every one handed over before it too.
    const oldest = this.#now() - DELIVERED_CHANGE_TTL_MS;
    const entries = [...changes];
    const applied = entries.findLastIndex(
      ([, entry]) =>
        entry.deliveredAt !== undefined &&
        (entry.deliveredAt < oldest || shows(appliedRow, entry.cells)),
    );
    let row = appliedRow;
    entries.forEach(([change, entry], index) => {
      if (index <= applied && entry.deliveredAt !== undefined) this.#forgetRow(change, key);
      else row = rowWithCells(row, entry.cells);
    });
    return row;
  }

  /**
   * The latest time a queued change stamps a cell with ('' for none): an incoming write of the
   * cell stamped no later loses to it in TinyBase's merge.
   */
  latestTime(tableId: string, rowId: string, cellId: string): string {
    let latest = '';
    for (const entry of this.#rows.get(rowKey(tableId, rowId))?.values() ?? []) {
      const time =
        entry.times !== undefined && Object.hasOwn(entry.times, cellId) ? entry.times[cellId] : '';
      if (time !== undefined && time > latest) latest = time;
    }
    return latest;
  }

  /** Changes kept, for tests and bounds. */
  get size(): number {
    return this.#rowsOf.size;
  }

  /** Cells kept, all changes together. */
  get cellCount(): number {
    return this.#cells;
  }

  /**
   * Lets delivered changes go, oldest first: those past `DELIVERED_CHANGE_TTL_MS`, then as many
   * as keep the rest within `MAX_QUEUED_CHANGES` and `MAX_QUEUED_CELLS`. Without it, a change
   * the copy never shows (its rows never checked again) would be kept until 10,000 others came.
   */
  #sweep(): void {
    const oldest = this.#now() - DELIVERED_CHANGE_TTL_MS;
    for (const [change, deliveredAt] of this.#delivered) {
      const over = this.#rowsOf.size > MAX_QUEUED_CHANGES || this.#cells > MAX_QUEUED_CELLS;
      if (deliveredAt >= oldest && !over) break;
      this.#forget(change);
    }
  }

  #forget(change: QueuedChange): void {
    for (const key of this.#rowsOf.get(change) ?? []) this.#forgetRow(change, key);
    this.#rowsOf.delete(change);
    this.#delivered.delete(change);
  }

  #forgetRow(change: QueuedChange, key: string): void {
    const changes = this.#rows.get(key);
    const entry = changes?.get(change);
    if (entry !== undefined) this.#cells -= Object.keys(entry.cells).length;
    changes?.delete(change);
    if (changes?.size === 0) this.#rows.delete(key);
    const keys = this.#rowsOf.get(change)?.filter((other) => other !== key) ?? [];
    if (keys.length > 0) this.#rowsOf.set(change, keys);
    else {
      this.#rowsOf.delete(change);
      this.#delivered.delete(change);
    }
  }
}

/** Whether a row holds every cell of a change as the change left it. */
function shows(
  row: Record<string, unknown> | undefined,
  cells: Readonly<Record<string, unknown>>,
): boolean {
  return Object.entries(cells).every(([cellId, value]) =>
    value === DELETED_ON_THE_WIRE
      ? row === undefined || !Object.hasOwn(row, cellId)
      : row !== undefined && Object.hasOwn(row, cellId) && isSameCell(row[cellId], value),
  );
}

/** Object and array cells are equal when their JSON is: the store hands back a new copy each read. */
function isSameCell(held: unknown, value: unknown): boolean {
  if (held === value) return true;
  return (
    typeof held === 'object' &&
    held !== null &&
    typeof value === 'object' &&
    value !== null &&
    JSON.stringify(held) === JSON.stringify(value)
  );
}

function rowKey(tableId: string, rowId: string): string {
  return JSON.stringify([tableId, rowId]);
}
