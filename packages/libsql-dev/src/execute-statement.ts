import { engineArguments } from './bind-arguments.ts';
import type { HranaStmt, StmtResult } from './hrana-types.ts';
import { toHranaValue } from './hrana-value.ts';
import type { SqlStream } from './sql-stream.ts';

/** Statements that only read: their `changes()` would be stale, so they report 0 affected rows. */
const READ_ONLY_SQL = /^\s*(select|with|pragma|explain|values)\b/i;

/** Runs one Hrana statement on a stream's connection. Engine errors propagate to the caller. */
export function executeStatement(stream: SqlStream, stmt: HranaStmt): StmtResult {
  const sql = stream.sqlOf(stmt);
  const statement = stream.db.prepare(sql).safeIntegers(true);
  // One value, never spread: see engineArguments.
  const args = engineArguments(stmt, sql);
  const wasInTransaction = stream.db.inTransaction;
  if (statement.reader) {
    const rows = statement.raw(true).all(args) as unknown[][];
    const cols = statement
      .columns()
      .map((column) => ({ name: column.name, decltype: column.type }));
    const [affected, lastRowid] = READ_ONLY_SQL.test(sql) ? [0, null] : lastChange(stream);
    stream.noteExecuted(sql, wasInTransaction, !READ_ONLY_SQL.test(sql));
    return {
      cols,
      rows: stmt.want_rows === false ? [] : rows.map((row) => row.map(toHranaValue)),
      affected_row_count: affected,
      last_insert_rowid: lastRowid,
    };
  }
  const info = statement.run(args);
  stream.noteExecuted(sql, wasInTransaction, true);
  return {
    cols: [],
    rows: [],
    affected_row_count: info.changes,
    last_insert_rowid: String(info.lastInsertRowid),
  };
}

function lastChange(stream: SqlStream): [number, string | null] {
  const [changes, rowid] = stream.db
    .prepare('SELECT changes(), last_insert_rowid()')
    .safeIntegers(true)
    .raw(true)
    .get() as [bigint, bigint];
  return [Number(changes), rowid.toString()];
}
