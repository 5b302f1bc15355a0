/** Hrana protocol messages (JSON encoding), as `@libsql/client` sends and expects them. */

export type HranaValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string };

export interface HranaStmt {
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
  want_rows?: boolean;
}

export type BatchCondition =
  | { type: 'ok'; step: number }
  | { type: 'error'; step: number }
  | { type: 'not'; cond: BatchCondition }
  | { type: 'and'; conds: BatchCondition[] }
  | { type: 'or'; conds: BatchCondition[] }
  | { type: 'is_autocommit' };

export interface HranaBatch {
  steps: { condition?: BatchCondition | null; stmt: HranaStmt }[];
}

export type StreamRequest =
  | { type: 'execute'; stmt: HranaStmt }
  | { type: 'batch'; batch: HranaBatch }
  | { type: 'sequence'; sql?: string; sql_id?: number }
  | { type: 'describe'; sql?: string; sql_id?: number }
  | { type: 'store_sql'; sql_id: number; sql: string }
  | { type: 'close_sql'; sql_id: number }
  | { type: 'get_autocommit' }
  | { type: 'close' };

export interface HranaError {
  message: string;
  code?: string;
}

export interface StmtResult {
  cols: { name: string; decltype: string | null }[];
  rows: HranaValue[][];
  affected_row_count: number;
  last_insert_rowid: string | null;
}

export type StreamResult =
  | { type: 'ok'; response: { type: string } & Record<string, unknown> }
  | { type: 'error'; error: HranaError };

export interface PipelineRequest {
  baton: string | null;
  requests: StreamRequest[];
}
