import type { Client } from '@libsql/client';
import {
  type AnySchema,
  cellIssue,
  STAMP_COLUMN,
  STORE_COLUMN,
  toMirrorTables,
  toTinyBaseTablesSchema,
} from '@tinysync/store';
import { encodeJsonCell } from '@tinysync/store/protocol';
import {
  ensureStamp,
  idRecord,
  type MergeableChangesOrContent,
  type TableStamps,
  tablesAsChanges,
} from '../persistence/mergeable-stamps.js';
import { fromSqlValue } from './mirror-values.js';

/** A TinyBase HLC: 16 characters of its base64 alphabet. */
const HLC = /^[-0-9A-Za-z_]{16}$/;

export interface SkippedCell {
  readonly tableId: string;
  readonly rowId: string;
  readonly cellId: string;
  readonly message: string;
}

/**
 * A store's rows in Turso as TinyBase mergeable changes, for a Durable Object that starts with
 * no state. Each cell carries its row's `_tinysync_hlc`, so the rows merge with what clients
 * hold by the CRDT's usual rule (a client's later offline edit still wins); a row written by
 * another service without a stamp gets `freshStamp()`, i.e. counts as changed now. Cells that
 * fail the schema are left out and reported, so bad data cannot enter the store this way.
 */
export async function readMirroredStore(
  client: Client,
  schema: AnySchema,
  storeId: string,
  freshStamp: () => string,
  onSkipped: (cell: SkippedCell) => void,
): Promise<MergeableChangesOrContent | undefined> {
  const cellTypes = toTinyBaseTablesSchema(schema);
  const tables: TableStamps = idRecord();
  let rowCount = 0;
  for (const table of toMirrorTables(schema)) {
    const result = await client.execute({
      sql: `SELECT * FROM "${table.name}" WHERE "${STORE_COLUMN}" = ?`,
      args: [storeId],
    });
    for (const row of result.rows) {
      const rowId = String(row.id);
      const stamp =
        typeof row[STAMP_COLUMN] === 'string' && HLC.test(row[STAMP_COLUMN])
          ? row[STAMP_COLUMN]
          : freshStamp();
      const cells = ensureStamp(ensureStamp(tables, table.name)[0], rowId)[0];
      for (const { name } of table.cellColumns) {
        const value = fromSqlValue(row[name], cellTypes[table.name]?.[name]);
        if (value === undefined) continue;
        const issue = cellIssue(schema, table.name, name, value);
        // Stamped as TinyBase stamps it, JSON cells as encoded text (see `encodeJsonCell`).
        if (issue === undefined) cells[name] = [encodeJsonCell(value), stamp];
        else onSkipped({ tableId: table.name, rowId, cellId: name, message: issue });
      }
      rowCount++;
    }
  }
  return rowCount === 0 ? undefined : tablesAsChanges(tables);
}
