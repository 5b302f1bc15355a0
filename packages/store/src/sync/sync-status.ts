/**
 * Where a store stands with the server:
 * - `offline`: the device is offline, or the client is stopped;
 * - `connecting`: opening (or re-opening) the socket;
 * - `syncing`: connected, exchanging changes;
 * - `synced`: connected, and the server holds everything this replica has;
 * - `unauthorized`: the server refused the session (401/403); the client waits for a new token;
 * - `error`: something else failed (e.g. `getToken` threw); the client keeps retrying.
 */
export type SyncStatus = 'offline' | 'connecting' | 'syncing' | 'synced' | 'unauthorized' | 'error';

export interface SyncSnapshot {
  readonly status: SyncStatus;
  /** When the server last confirmed it holds all of this replica's changes (ms since epoch). */
  readonly lastSyncedAt: number | null;
  /** Local changes made since the server last confirmed (counted per transaction). */
  readonly pendingChanges: number;
  /** The server accepts no writes from this session (e.g. `org:viewer`); they stay local. */
  readonly readOnly: boolean;
  readonly error: Error | null;
}

export const INITIAL_SYNC_SNAPSHOT: SyncSnapshot = {
  status: 'offline',
  lastSyncedAt: null,
  pendingChanges: 0,
  readOnly: false,
  error: null,
};
