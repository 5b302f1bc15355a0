/**
 * The store id this Durable Object serves. The runtime tells an object its name when a request
 * reaches it through `idFromName`, but not when an alarm wakes it (e.g. after a restart, to
 * flush its outbox), so the name is kept in the object's own storage the first time it is seen.
 */
export function rememberedStoreId(sql: SqlStorage, name: string | undefined): string | undefined {
  sql.exec(
    'CREATE TABLE IF NOT EXISTS tinysync_identity (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
  );
  if (name !== undefined) {
    sql.exec("INSERT OR REPLACE INTO tinysync_identity (key, value) VALUES ('store_id', ?)", name);
    return name;
  }
  return sql
    .exec<{ value: string }>("SELECT value FROM tinysync_identity WHERE key = 'store_id'")
    .toArray()[0]?.value;
}
