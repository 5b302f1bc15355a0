import { INITIAL_SYNC_SNAPSHOT, type SyncSnapshot } from './sync-status.js';
import type { WriteConfirmations } from './write-confirmations.js';

/**
 * The sync client's status snapshot and its listeners. Every change is a new object (for
 * useSyncExternalStore); the writes waiting for confirmation follow it before listeners hear.
 */
export class SyncStatusStore {
  #snapshot: SyncSnapshot = INITIAL_SYNC_SNAPSHOT;
  readonly #listeners = new Set<() => void>();
  readonly #confirmations: WriteConfirmations;

  constructor(confirmations: WriteConfirmations) {
    this.#confirmations = confirmations;
  }

  get snapshot(): SyncSnapshot {
    return this.#snapshot;
  }

  update(patch: Partial<SyncSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...patch };
    this.#confirmations.follow(this.#snapshot);
    for (const listener of this.#listeners) listener();
  }

  /** A local change: one more pending, and no longer synced. */
  countLocalChange(): void {
    this.update({
      pendingChanges: this.#snapshot.pendingChanges + 1,
      ...(this.#snapshot.status === 'synced' ? { status: 'syncing' as const } : {}),
    });
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clear(): void {
    this.#listeners.clear();
  }
}
