import type { Client, InStatement } from '@libsql/client';
import type { MirrorTable } from '@tinysync/store';
import { BEGIN_OWN_WRITES, END_OWN_WRITES } from './change-capture-sql.js';
import {
  deleteRowsStatements,
  type MirroredRow,
  upsertRowsStatements,
} from './mirror-statements.js';
import type { Outbox, OutboxEntry } from './outbox.js';

export interface FlushSource {
  readonly storeId: string;
  readonly outbox: Outbox;
  readonly tables: ReadonlyMap<string, MirrorTable>;
  /** The row as the store has it now; undefined once deleted. */
  readRow(tableId: string, rowId: string): MirroredRow | undefined;
}

export interface FlushProgress {
  rows: number;
  transactions: number;
}

/**
 * Sends the outbox to Turso, oldest rows first, `batchRows` rows per transaction, at most
 * `maxBatches` transactions per call. Each row is written as the store has it now (upsert, or
 * delete once gone), so replaying a batch after a failure is harmless. The batch is marked as
 * the worker's own write, so the change-capture triggers do not log it back. Rejects on the
 * first failed transaction; the rows it held stay in the outbox.
 */
export async function flushOutbox(
  client: Client,
  source: FlushSource,
  batchRows: number,
  maxBatches: number,
  onBatch: (rows: number) => void,
): Promise<FlushProgress> {
  const progress: FlushProgress = { rows: 0, transactions: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const entries = source.outbox.peek(batchRows);
    if (entries.length === 0) break;
    const statements = batchStatements(source, entries);
    if (statements.length > 0) {
      await client.batch([BEGIN_OWN_WRITES, ...statements, END_OWN_WRITES], 'write');
      progress.transactions++;
    }
    source.outbox.acknowledge(entries);
    progress.rows += entries.length;
    onBatch(entries.length);
  }
  return progress;
}

/** One upsert and one delete statement per table for the batch's rows. */
function batchStatements(source: FlushSource, entries: readonly OutboxEntry[]): InStatement[] {
  const byTable = new Map<string, { upserts: [string, MirroredRow][]; deletes: string[] }>();
  for (const { tableId, rowId } of entries) {
    if (!source.tables.has(tableId)) continue;
    let rows = byTable.get(tableId);
    if (rows === undefined) {
      rows = { upserts: [], deletes: [] };
      byTable.set(tableId, rows);
    }
    const row = source.readRow(tableId, rowId);
    if (row === undefined) rows.deletes.push(rowId);
    else rows.upserts.push([rowId, row]);
  }
  return [...byTable].flatMap(([tableId, { upserts, deletes }]) => {
    const table = source.tables.get(tableId) as MirrorTable;
    return [
      ...(upserts.length > 0 ? upsertRowsStatements(table, source.storeId, upserts) : []),
      ...(deletes.length > 0 ? deleteRowsStatements(table, source.storeId, deletes) : []),
    ];
  });
}
