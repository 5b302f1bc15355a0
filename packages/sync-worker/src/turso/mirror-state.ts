/** What the mirror remembers across Durable Object restarts. */
export interface MirrorStateValues {
  /** The last change-log sequence number applied to the store. */
  pulledSeq: number;
  lastFlushedAt: number | null;
  lastPulledAt: number | null;
  /** Turso could not be read when the store was first loaded; retried until it succeeds. */
  hydrationPending: boolean;
  flushedRows: number;
  flushTransactions: number;
}

const DEFAULTS: MirrorStateValues = {
  pulledSeq: 0,
  lastFlushedAt: null,
  lastPulledAt: null,
  hydrationPending: false,
  flushedRows: 0,
  flushTransactions: 0,
};

/** A small key/value record of the mirror's progress in the Durable Object's SQLite. */
export class MirrorState {
  readonly #values: MirrorStateValues;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(
      'CREATE TABLE IF NOT EXISTS tinysync_mirror_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
    );
    const stored = Object.fromEntries(
      sql
        .exec<{ key: string; value: string }>('SELECT key, value FROM tinysync_mirror_state')
        .toArray()
        .map(({ key, value }) => [key, JSON.parse(value)]),
    );
    this.#values = { ...DEFAULTS, ...stored };
  }

  get<K extends keyof MirrorStateValues>(key: K): MirrorStateValues[K] {
    return this.#values[key];
  }

  set(changes: Partial<MirrorStateValues>): void {
    for (const [key, value] of Object.entries(changes)) {
      (this.#values as unknown as Record<string, unknown>)[key] = value;
      this.sql.exec(
        'INSERT OR REPLACE INTO tinysync_mirror_state (key, value) VALUES (?, ?)',
        key,
        JSON.stringify(value),
      );
    }
  }
}
