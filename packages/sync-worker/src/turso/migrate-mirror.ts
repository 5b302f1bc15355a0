import type { Client, InStatement } from '@libsql/client';
import {
  type AnySchema,
  createMirrorTableSql,
  mirrorColumnSql,
  toMirrorTables,
} from '@tinysync/store';
import {
  CHANGES_TABLE,
  CREATE_CHANGE_LOG,
  captureTriggerNames,
  captureTriggersSql,
} from './change-capture-sql.js';

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_tinysync_migrations" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "description" TEXT NOT NULL,
  "applied_at" INTEGER NOT NULL)`;

/**
 * Brings Turso up to the schema: creates missing mirror tables and adds missing columns (never
 * drops or rewrites, so no data is lost), creates the change log and (re)creates each table's
 * change-capture triggers, all in one transaction, recording each step in
 * `_tinysync_migrations`. Returns the steps it applied; running it again applies none.
 */
export async function migrateMirror(client: Client, schema: AnySchema): Promise<string[]> {
  await client.execute(CREATE_MIGRATIONS_TABLE);
  const existing = await existingSchema(client);
  const statements: InStatement[] = [];
  const applied: string[] = [];
  const record = (description: string, sql: readonly string[]) => {
    applied.push(description);
    statements.push(...sql, {
      sql: 'INSERT INTO "_tinysync_migrations" ("description", "applied_at") VALUES (?, ?)',
      args: [description, Date.now()],
    });
  };
  if (!existing.columns.has(CHANGES_TABLE)) record('create change log', CREATE_CHANGE_LOG);
  for (const table of toMirrorTables(schema)) {
    const columns = existing.columns.get(table.name);
    let changed = columns === undefined;
    if (columns === undefined) {
      record(`create table ${table.name}`, [createMirrorTableSql(table)]);
    } else {
      for (const column of table.cellColumns) {
        if (columns.has(column.name)) continue;
        changed = true;
        record(`add column ${table.name}.${column.name}`, [
          `ALTER TABLE "${table.name}" ADD COLUMN ${mirrorColumnSql(column)}`,
        ]);
      }
    }
    const triggersMissing = captureTriggerNames(table).some((name) => !existing.triggers.has(name));
    if (changed || triggersMissing) {
      record(`capture changes of ${table.name}`, captureTriggersSql(table));
    }
  }
  if (statements.length > 0) await client.batch(statements, 'write');
  return applied;
}

interface ExistingSchema {
  /** Table name → its column names, for every table in the database. */
  readonly columns: Map<string, Set<string>>;
  readonly triggers: Set<string>;
}

async function existingSchema(client: Client): Promise<ExistingSchema> {
  const objects = await client.execute(
    "SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')",
  );
  const columns = new Map<string, Set<string>>();
  const triggers = new Set<string>();
  for (const row of objects.rows) {
    const name = String(row.name);
    if (row.type === 'trigger') {
      triggers.add(name);
      continue;
    }
    const info = await client.execute({
      sql: 'SELECT name FROM pragma_table_info(?)',
      args: [name],
    });
    columns.set(name, new Set(info.rows.map((column) => String(column.name))));
  }
  return { columns, triggers };
}
