import Database from 'libsql';
import { HranaRequestError } from './hrana-request-error.ts';

/** A Hrana stream: one database connection, and the SQL texts stored on it by id. */
const COMMIT_SQL = /^\s*(commit|end)\b/i;
const TRANSACTION_CONTROL_SQL = /^\s*(begin|commit|end|rollback|savepoint|release)\b/i;

export class SqlStream {
  readonly db: InstanceType<typeof Database>;
  readonly storedSql = new Map<number, string>();

  /** `onCommit` hears of every write transaction that commits on this connection. */
  constructor(
    path: string,
    private readonly onCommit: () => void = () => undefined,
  ) {
    this.db = new Database(path);
    // Never wait for a lock: this server is single-threaded, so the holder could not proceed.
    this.db.exec('PRAGMA busy_timeout = 0');
  }

  get isAutocommit(): boolean {
    return !this.db.inTransaction;
  }

  /**
   * Call after a statement succeeded: an explicit COMMIT ends a transaction, and a write
   * outside one is a transaction of its own.
   */
  noteExecuted(sql: string, wasInTransaction: boolean, wrote: boolean): void {
    if (wasInTransaction ? COMMIT_SQL.test(sql) : wrote && !TRANSACTION_CONTROL_SQL.test(sql)) {
      this.onCommit();
    }
  }

  sqlOf(request: { sql?: string | undefined; sql_id?: number | undefined }): string {
    if (request.sql !== undefined) return request.sql;
    const stored = request.sql_id === undefined ? undefined : this.storedSql.get(request.sql_id);
    if (stored === undefined)
      throw new HranaRequestError(`No SQL stored as ${request.sql_id}`, 'SQL_NOT_FOUND');
    return stored;
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}
