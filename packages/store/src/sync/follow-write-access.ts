/** The part of TinyBase's synchronizer (a persister) that decides whether it pushes changes. */
export interface AutoSaving {
  isAutoSaving(): boolean;
  startAutoSave(): unknown;
  stopAutoSave(): unknown;
}

/**
 * Makes a connection's synchronizer push local changes only while the session may write. A
 * read-only session's writes are dropped by the server, which closes a connection that keeps
 * sending them after it was told (`CLOSE.readOnlyWrites`); TinySync's hooks refuse them up front
 * with `ReadOnlyError`, and this stops the raw store's changes from going out too. The
 * synchronizer still answers the server's requests, so syncing goes on. Writable again (a
 * refreshed token with another role), it pushes again, starting with what it holds.
 */
export function followWriteAccess(synchronizer: AutoSaving | undefined, readOnly: boolean): void {
  if (synchronizer === undefined) return;
  if (readOnly && synchronizer.isAutoSaving()) void synchronizer.stopAutoSave();
  else if (!readOnly && !synchronizer.isAutoSaving()) void synchronizer.startAutoSave();
}
