import { adoptServerCopy } from './adopt-server-copy.js';
import type { Connection } from './connection.js';
import type { SyncContext } from './sync-context.js';
import type { SyncStatusStore } from './sync-status-store.js';

/** TinyBase's persister status while it loads (its `Status.Loading`). */
const SYNCHRONIZER_LOADING = 1;
/**
 * Confirmations that may disagree in a row before the client offers the server its hashes
 * again: a safety net for local changes TinyBase did not send (it normally sends each one).
 */
const DISAGREEMENTS_BEFORE_REOFFER = 4;

export interface LocalCopyRepairParts {
  readonly context: SyncContext;
  readonly status: SyncStatusStore;
  /** The client's current connection, if any. */
  readonly connection: () => Connection | undefined;
}

/**
 * What the client does when its copy keeps differing from the server's: offers the server its
 * changes again or, in a read-only session, takes the server's copy.
 */
export class LocalCopyRepair {
  readonly #parts: LocalCopyRepairParts;
  /** A local change was made while TinyBase was loading: it ignores saves then. */
  #changedWhileLoading = false;
  #disagreements = 0;

  constructor(parts: LocalCopyRepairParts) {
    this.#parts = parts;
  }

  changedLocally(): void {
    const synchronizer = this.#parts.connection()?.synchronizer;
    if (synchronizer?.getStatus() === SYNCHRONIZER_LOADING) this.#changedWhileLoading = true;
  }

  synchronizerStatusChanged(current: Connection, status: number): void {
    if (status !== SYNCHRONIZER_LOADING && this.#changedWhileLoading) this.#reofferChanges(current);
  }

  agreed(): void {
    this.#disagreements = 0;
  }

  disagreed(): void {
    const connection = this.#parts.connection();
    if (++this.#disagreements >= DISAGREEMENTS_BEFORE_REOFFER && connection !== undefined) {
      if (this.#parts.status.snapshot.readOnly) this.#adoptServerCopyOnce(connection);
      else this.#reofferChanges(connection);
    }
  }

  /** Once per connection: after that, disagreeing is the sync still catching up. */
  #adoptServerCopyOnce(current: Connection): void {
    const { app, getToken, fetchImpl, snapshotUrl } = this.#parts.context;
    this.#disagreements = 0;
    if (current.adoptedServerCopy) return;
    current.adoptedServerCopy = true;
    void Promise.resolve(getToken())
      .catch(() => null)
      .then((token) => adoptServerCopy(app, fetchImpl, snapshotUrl, token ?? null));
  }

  /**
   * TinyBase's client drops a local change made while it loads from the server (a reload after
   * a request timed out can take seconds on a busy server) and never sends it. Sending our
   * content hashes makes the server pull whatever it is missing from us.
   */
  #reofferChanges(current: Connection): void {
    this.#changedWhileLoading = false;
    this.#disagreements = 0;
    // A read-only session has nothing the server would take.
    if (this.#parts.connection() === current && !this.#parts.status.snapshot.readOnly) {
      void current.synchronizer?.save();
    }
  }
}
