/** The IndexedDB database a store's local copy lives in. */
export function localDatabaseName(storeId: string): string {
  return `tinysync:${storeId}`;
}

/** Stores whose provider unmounted and which are still saving and closing. */
const closing = new Map<string, Promise<void>>();

/** Called by the provider when it closes a store, so deletion can wait for the last save. */
export function trackClosing(storeId: string, closed: Promise<void>): void {
  const done = closed.finally(() => {
    if (closing.get(storeId) === done) closing.delete(storeId);
  });
  closing.set(storeId, done);
}

/**
 * Deletes a store's local copy (e.g. on sign-out), after any provider that had it open has
 * finished its last save, which would otherwise recreate the database.
 */
export async function deleteLocalData(storeId: string): Promise<void> {
  await closing.get(storeId)?.catch(() => undefined);
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (factory === undefined) return;
  await new Promise<void>((resolve, reject) => {
    const request = factory.deleteDatabase(localDatabaseName(storeId));
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}
