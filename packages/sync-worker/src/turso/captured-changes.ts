import type { Client } from '@libsql/client';
import { CHANGES_TABLE } from './change-capture-sql.js';

/** One write another service made to a mirror table, as the capture triggers logged it. */
export interface CapturedChange {
  readonly seq: number;
  readonly tableId: string;
  readonly rowId: string;
  readonly op: 'upsert' | 'delete';
  /** Every cell column's value after the write (upserts only), as stored in Turso. */
  readonly cells: Readonly<Record<string, unknown>>;
  /** The cells the write changed; undefined when the row is new (all of them). */
  readonly changed: readonly string[] | undefined;
}

/** The store's logged changes after `afterSeq`, oldest first. */
export async function readCapturedChanges(
  client: Client,
  storeId: string,
  afterSeq: number,
  limit: number,
): Promise<CapturedChange[]> {
  const result = await client.execute({
    sql: `SELECT "seq", "table_name", "row_id", "op", "cells", "changed" FROM "${CHANGES_TABLE}"
      WHERE "store" = ? AND "seq" > ? ORDER BY "seq" LIMIT ?`,
    args: [storeId, afterSeq, limit],
  });
  return result.rows.map((row) => ({
    seq: Number(row.seq),
    tableId: String(row.table_name),
    rowId: String(row.row_id),
    op: row.op === 'delete' ? 'delete' : 'upsert',
    cells: typeof row.cells === 'string' ? JSON.parse(row.cells) : {},
    changed:
      typeof row.changed === 'string'
        ? (JSON.parse(row.changed) as (string | null)[]).filter((cell) => cell !== null)
        : undefined,
  }));
}

/**
 * Deletes the store's entries up to `throughSeq` (applied), and anyone's entries older than
 * `retentionMs`, so the log of a store whose Durable Object never wakes up cannot grow forever.
 */
export async function pruneCapturedChanges(
  client: Client,
  storeId: string,
  throughSeq: number,
  retentionMs: number,
): Promise<void> {
  await client.execute({
    sql: `DELETE FROM "${CHANGES_TABLE}" WHERE ("store" = ? AND "seq" <= ?) OR "changed_at" < ?`,
    args: [storeId, throughSeq, Date.now() - retentionMs],
  });
}
