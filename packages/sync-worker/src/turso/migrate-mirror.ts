import type { Client, InStatement } from '@libsql/client';
import { type AnySchema, createMirrorTableSql, toMirrorTables } from '@tinysync/store';

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_tinysync_migrations" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "description" TEXT NOT NULL,
  "applied_at" INTEGER NOT NULL)`;

/**
 * Brings Turso's mirror tables up to the schema: creates missing tables and adds missing
 * columns (never drops or rewrites, so no data is lost), in one transaction, recording each
 * step in `_tinysync_migrations`. Returns the steps it applied; running it again applies none.
 */
export async function migrateMirror(client: Client, schema: AnySchema): Promise<string[]> {
  await client.execute(CREATE_MIGRATIONS_TABLE);
  const existing = await existingColumns(client);
  const statements: InStatement[] = [];
  const applied: string[] = [];
  const record = (description: string, sql: string) => {
    applied.push(description);
    statements.push(sql, {
      sql: 'INSERT INTO "_tinysync_migrations" ("description", "applied_at") VALUES (?, ?)',
      args: [description, Date.now()],
    });
  };
  for (const table of toMirrorTables(schema)) {
    const columns = existing.get(table.name);
    if (columns === undefined) {
      record(`create table ${table.name}`, createMirrorTableSql(table));
      continue;
    }
    for (const column of table.cellColumns) {
      if (!columns.has(column.name)) {
        record(
          `add column ${table.name}.${column.name}`,
          `ALTER TABLE "${table.name}" ADD COLUMN "${column.name}" ${column.type}`,
        );
      }
    }
  }
  if (statements.length > 0) await client.batch(statements, 'write');
  return applied;
}

/** Table name → its column names, for every table in the database. */
async function existingColumns(client: Client): Promise<Map<string, Set<string>>> {
  const tables = await client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
  const columns = new Map<string, Set<string>>();
  for (const row of tables.rows) {
    const name = String(row.name);
    const info = await client.execute({
      sql: 'SELECT name FROM pragma_table_info(?)',
      args: [name],
    });
    columns.set(name, new Set(info.rows.map((column) => String(column.name))));
  }
  return columns;
}
