import type { DroppedCell } from './filter-changes.js';

/**
 * Characters of an id (or reason) a log line keeps. Ids come from clients: a row id may be
 * hundreds of characters, a table or cell id of a refused cell any length the frame allows.
 */
export const LOGGED_ID_CHARS = 64;
/** Characters of a reason a log line keeps: reasons quote ids too. */
export const LOGGED_REASON_CHARS = 160;
/** Dropped cells a log line shows as samples; its `count` says how many there were. */
export const LOGGED_SAMPLES = 5;
/**
 * One connection's dropped cells are logged at most this often: a client may send 200 messages
 * a second, each dropping cells, and one line per message would flood the logs. The messages in
 * between are counted into the next line.
 */
export const DROPPED_CELLS_LOG_INTERVAL_MS = 1_000;

export interface DroppedCellsContext {
  readonly store: string | undefined;
  readonly userId: string;
}

/** What was dropped without a line of its own since the last line. */
export interface UnloggedDrops {
  readonly messages: number;
  readonly cells: number;
}

/** `text` cut to `maxChars`, its length said when cut. */
export function forLog(text: string, maxChars = LOGGED_ID_CHARS): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars)}…(${text.length} chars)`;
}

/** The `changes_dropped` log line: a few samples, every client-chosen text cut. */
export function droppedCellsLogLine(
  { store, userId }: DroppedCellsContext,
  dropped: readonly DroppedCell[],
  unlogged: UnloggedDrops,
): string {
  return JSON.stringify({
    level: 'warn',
    event: 'changes_dropped',
    store: store === undefined ? undefined : forLog(store),
    userId: forLog(userId),
    count: dropped.length,
    sample: dropped.slice(0, LOGGED_SAMPLES).map((cell) => ({
      tableId: forLog(cell.tableId),
      rowId: forLog(cell.rowId),
      cellId: forLog(cell.cellId),
      reason: forLog(cell.reason, LOGGED_REASON_CHARS),
      deletion: cell.deletion,
      ...(cell.heldBack ? { heldBack: true } : {}),
    })),
    ...(unlogged.messages > 0 ? { unlogged } : {}),
  });
}

/** One connection's `changes_dropped` lines: at most one per interval, the rest counted. */
export class DroppedCellsLog {
  readonly #now: () => number;
  readonly #write: (line: string) => void;
  #loggedAt = Number.NEGATIVE_INFINITY;
  #unlogged: UnloggedDrops = { messages: 0, cells: 0 };

  constructor(now: () => number = Date.now, write = (line: string) => console.warn(line)) {
    this.#now = now;
    this.#write = write;
  }

  report(context: DroppedCellsContext, dropped: readonly DroppedCell[]): void {
    const now = this.#now();
    if (now - this.#loggedAt < DROPPED_CELLS_LOG_INTERVAL_MS) {
      const { messages, cells } = this.#unlogged;
      this.#unlogged = { messages: messages + 1, cells: cells + dropped.length };
      return;
    }
    this.#write(droppedCellsLogLine(context, dropped, this.#unlogged));
    this.#loggedAt = now;
    this.#unlogged = { messages: 0, cells: 0 };
  }
}
