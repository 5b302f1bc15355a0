/** Where the store's rows are mirrored and how the flush and pull behave. */
export interface MirrorSettings {
  readonly url: string;
  readonly authToken: string | undefined;
  /** How long after a change the flush starts, so a burst goes out in few transactions. */
  readonly flushDelayMs: number;
  /** Rows per flush transaction. */
  readonly batchRows: number;
  /** The longest wait between retries while Turso is unreachable or failing. */
  readonly maxBackoffMs: number;
  /** How often the change log is polled while clients are connected. */
  readonly pullIntervalMs: number;
  /** How long one request to Turso may take before it counts as failed. */
  readonly requestTimeoutMs: number;
  /** Change-log entries older than this are pruned whatever store they belong to. */
  readonly changeRetentionMs: number;
}

export interface MirrorVariables {
  /** libsql://… (Turso), https://… or http://… (a local libSQL server); unset: no mirror. */
  readonly TURSO_DATABASE_URL?: string;
  readonly TURSO_AUTH_TOKEN?: string;
  readonly TINYSYNC_FLUSH_DELAY_MS?: string;
  readonly TINYSYNC_FLUSH_BATCH_ROWS?: string;
  readonly TINYSYNC_FLUSH_MAX_BACKOFF_MS?: string;
  readonly TINYSYNC_PULL_INTERVAL_MS?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The mirror's settings, or undefined when no database is configured (sync still works). */
export function mirrorSettingsFrom(env: MirrorVariables): MirrorSettings | undefined {
  const url = env.TURSO_DATABASE_URL?.trim();
  if (!url) return undefined;
  return {
    url,
    authToken: env.TURSO_AUTH_TOKEN?.trim() || undefined,
    flushDelayMs: positiveInteger(env.TINYSYNC_FLUSH_DELAY_MS, 100),
    // 2,000 rows: 1.5× the rows/s of 500 into a local libSQL server (bench/turso.bench.ts), and
    // far fewer round trips to a remote Turso; statements stay under SQLite's parameter limit.
    batchRows: positiveInteger(env.TINYSYNC_FLUSH_BATCH_ROWS, 2_000),
    maxBackoffMs: positiveInteger(env.TINYSYNC_FLUSH_MAX_BACKOFF_MS, 30_000),
    pullIntervalMs: positiveInteger(env.TINYSYNC_PULL_INTERVAL_MS, 500),
    requestTimeoutMs: 10_000,
    changeRetentionMs: 7 * DAY_MS,
  };
}

function positiveInteger(text: string | undefined, fallback: number): number {
  const value = Number(text);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}
