import Database from 'libsql';

/** A Hrana stream: one database connection, and the SQL texts stored on it by id. */
export class SqlStream {
  readonly db: InstanceType<typeof Database>;
  readonly storedSql = new Map<number, string>();

  constructor(path: string) {
    this.db = new Database(path);
    // Never wait for a lock: this server is single-threaded, so the holder could not proceed.
    this.db.exec('PRAGMA busy_timeout = 0');
  }

  get isAutocommit(): boolean {
    return !this.db.inTransaction;
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

/** A request the server refuses (as opposed to SQL the engine rejects). */
export class HranaRequestError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
