// The app's own backend, still serving the screens that have not moved to TinySync, writing to
// the Turso tables the sync worker mirrors each store to. Capture triggers log every write, and
// the store's Durable Object applies it to the live store, so TinySync lists show it.
import type { Client } from '@libsql/client';

/** Every statement names the store (`org_<id>`): one database holds every store's rows. */
export async function completeTask(db: Client, storeId: string, taskId: string): Promise<void> {
  await db.execute({
    sql: `UPDATE tasks SET status = 'done' WHERE _tinysync_store = ? AND id = ?`,
    args: [storeId, taskId],
  });
}

/**
 * A new row needs an id and the cells the schema requires; the worker applies the schema's
 * defaults (here `status` and `position`) to the columns left NULL when it takes the row in.
 */
export async function createTask(
  db: Client,
  storeId: string,
  task: { readonly title: string; readonly projectId: string },
): Promise<string> {
  const id = crypto.randomUUID();
  await db.execute({
    sql: 'INSERT INTO tasks (_tinysync_store, id, title, projectId) VALUES (?, ?, ?, ?)',
    args: [storeId, id, task.title, task.projectId],
  });
  return id;
}

/**
 * Optional: the worker polls Turso's change log every 500 ms while a client is connected; this
 * applies the pending changes now (say, before answering the legacy screen's request). Any
 * session token of the store that may write will do, e.g. the signed-in user's.
 */
export async function applyTursoChangesNow(
  workerUrl: string,
  storeId: string,
  sessionToken: string,
): Promise<{ applied: number; rejected: unknown[] }> {
  const response = await fetch(`${workerUrl}/stores/${storeId}/pull`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sessionToken}` },
  });
  if (!response.ok) throw new Error(`pull: HTTP ${response.status}`);
  return (await response.json()) as { applied: number; rejected: unknown[] };
}
