import { executeBatch } from './execute-batch.ts';
import { executeStatement } from './execute-statement.ts';
import { HranaRequestError } from './hrana-request-error.ts';
import type { StreamRequest, StreamResult } from './hrana-types.ts';
import { sqlParameters } from './sql-parameters.ts';
import type { SqlStream } from './sql-stream.ts';
import { toHranaError } from './to-hrana-error.ts';

/** Runs one request of a pipeline on its stream. `close` is handled by the pipeline. */
export function handleRequest(stream: SqlStream, request: StreamRequest): StreamResult {
  try {
    return { type: 'ok', response: respond(stream, request) };
  } catch (error) {
    return { type: 'error', error: toHranaError(error) };
  }
}

function respond(
  stream: SqlStream,
  request: StreamRequest,
): { type: string } & Record<string, unknown> {
  // A pipeline is parsed JSON: a request may be anything, null included.
  switch (request?.type) {
    case 'execute':
      return { type: 'execute', result: executeStatement(stream, request.stmt) };
    case 'batch':
      return { type: 'batch', result: executeBatch(stream, request.batch) };
    case 'sequence':
      stream.db.exec(stream.sqlOf(request));
      return { type: 'sequence' };
    case 'describe':
      return { type: 'describe', result: describe(stream, stream.sqlOf(request)) };
    case 'store_sql':
      stream.storedSql.set(request.sql_id, request.sql);
      return { type: 'store_sql' };
    case 'close_sql':
      stream.storedSql.delete(request.sql_id);
      return { type: 'close_sql' };
    case 'get_autocommit':
      return { type: 'get_autocommit', is_autocommit: stream.isAutocommit };
    case 'close':
      return { type: 'close' };
    default:
      throw new HranaRequestError(
        `Unknown request type ${String((request as { type?: unknown } | null)?.type)}`,
        'UNKNOWN_REQUEST',
      );
  }
}

/**
 * What a statement takes and returns, without running it. The engine does not list a
 * statement's parameters, so they are read from the SQL text.
 */
function describe(stream: SqlStream, sql: string) {
  const statement = stream.db.prepare(sql);
  const params = sqlParameters(sql).map((token) => ({
    name: token.startsWith('?') ? null : token,
  }));
  return {
    params,
    cols: statement.reader
      ? statement.columns().map((column) => ({ name: column.name, decltype: column.type }))
      : [],
    is_explain: /^\s*explain\b/i.test(sql),
    is_readonly: !statement.reader ? false : /^\s*(select|with|pragma|explain|values)\b/i.test(sql),
  };
}
