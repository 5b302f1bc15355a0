/**
 * The performance marks the pages leave for the benchmark to read back. Times are the marks'
 * `startTime`: milliseconds since navigation start.
 */
export const PAGE_MARKS = {
  scriptStart: 'script-start',
  /** The app page: the users table shows rows (detail: {@link FirstRowsDetail}). */
  firstRowsRender: 'first-rows-render',
  /** The baseline page: TinyBase's persister has loaded (detail: {@link LoadedDetail}). */
  tinybaseLoaded: 'tinybase-loaded',
  /** The seeding visit: rows created and saved to IndexedDB (detail: {@link LoadedDetail}). */
  seeded: 'seeded',
  /** Something went wrong on the page (detail: the message). */
  failed: 'failed',
} as const;

export interface FirstRowsDetail {
  /** Rows rendered in the table's body. */
  readonly renderedRows: number;
  /** The first rendered row's name cell, to check the page shows the sorted data. */
  readonly firstName: string;
}

export interface LoadedDetail {
  /** Rows in the `users` table. */
  readonly rows: number;
}

/** The store (and, through `localDatabaseName`, the IndexedDB database) the app page uses. */
export const BENCH_STORE_ID = 'org_cold_start';

/** The same content, saved by TinyBase's IndexedDB persister in its own format, for the baseline. */
export const BASELINE_DB_NAME = 'tinybase-baseline';

export function markFailed(error: unknown): void {
  performance.mark(PAGE_MARKS.failed, { detail: String(error) });
}
