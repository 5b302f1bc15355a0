/** A row whose current state Turso has not received yet. */
export interface OutboxEntry {
  readonly seq: number;
  readonly tableId: string;
  readonly rowId: string;
}

const CREATE_OUTBOX = `CREATE TABLE IF NOT EXISTS tinysync_outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  table_id TEXT NOT NULL,
  row_id TEXT NOT NULL,
  UNIQUE (table_id, row_id))`;

/**
 * The rows changed since they were last sent to Turso, in the Durable Object's own SQLite, so
 * they survive a restart. An entry names a row, not a change: several changes to one row
 * before a flush cost one upsert of its latest state. Re-recording a row gives it a new `seq`,
 * so a flush that read the row before it changed again does not acknowledge the newer change.
 */
export class Outbox {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(CREATE_OUTBOX);
  }

  record(tableId: string, rowId: string): void {
    this.sql.exec(
      'INSERT OR REPLACE INTO tinysync_outbox (table_id, row_id) VALUES (?, ?)',
      tableId,
      rowId,
    );
  }

  /** The oldest entries, up to `limit`. */
  peek(limit: number): OutboxEntry[] {
    return this.sql
      .exec<{ seq: number; table_id: string; row_id: string }>(
        'SELECT seq, table_id, row_id FROM tinysync_outbox ORDER BY seq LIMIT ?',
        limit,
      )
      .toArray()
      .map(({ seq, table_id, row_id }) => ({ seq, tableId: table_id, rowId: row_id }));
  }

  /**
   * Removes entries Turso now has: `entries` must be what `peek` returned, the oldest ones, so
   * every entry up to the last of them is among them. An entry re-recorded since has a new,
   * higher seq and stays.
   */
  acknowledge(entries: readonly OutboxEntry[]): void {
    const last = entries.at(-1);
    if (last !== undefined) this.sql.exec('DELETE FROM tinysync_outbox WHERE seq <= ?', last.seq);
  }

  get size(): number {
    return this.sql.exec<{ n: number }>('SELECT COUNT(*) AS n FROM tinysync_outbox').one().n;
  }
}
