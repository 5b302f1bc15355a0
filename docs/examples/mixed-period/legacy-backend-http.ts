// The app's own backend writing through the sync worker's HTTP API instead: the same Durable
// Object store the clients sync with, so connected TinySync lists show the row at once.

interface NewTask {
  readonly title: string;
  readonly projectId: string;
  readonly assigneeId?: string;
}

/**
 * Creates a task as the signed-in user: `sessionToken` is their Clerk session token (forward the
 * one the legacy request came with), so the worker applies the same tenancy, role and schema
 * checks as to their sync writes. Resolves with the stored row, defaults applied.
 */
export async function createTaskThroughWorker(
  workerUrl: string,
  storeId: string,
  sessionToken: string,
  task: NewTask,
): Promise<NewTask & { readonly id: string; readonly status: string }> {
  const response = await fetch(`${workerUrl}/stores/${storeId}/tables/tasks`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${sessionToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(task),
  });
  if (!response.ok) {
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    throw new Error(`${error.code}: ${error.message}`); // e.g. validation_failed, read_only
  }
  return (await response.json()) as NewTask & { readonly id: string; readonly status: string };
}
