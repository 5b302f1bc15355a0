import { ReadOnlyError, WriteRefusedError } from '../errors.js';
import { CLOSE, MESSAGE } from '../protocol/wire-protocol.js';
import { type ChangedCell, changedCells } from './changed-cells.js';
import { RefusedWriteWatch } from './refused-write-watch.js';
import { SyncRefusedError } from './sync-refused-error.js';
import type { SyncSnapshot } from './sync-status.js';
import type { WrittenTables } from './written-tables.js';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly watch: RefusedWriteWatch | undefined;
}

/**
 * The promises of `SyncClient.whenSynced`: each resolves at the server's next confirmation that
 * it holds everything this replica holds (every earlier write included), or rejects once the
 * write cannot get there: the server put back a cell of it, or the session may no longer write.
 */
export class WriteConfirmations {
  readonly #waiters = new Set<Waiter>();
  /** The last refusal seen in a status: only a new one rejects what waits. */
  #lastRefusal: Error | null = null;

  wait(written?: WrittenTables): Promise<void> {
    return new Promise((resolve, reject) => {
      const watch = written === undefined ? undefined : new RefusedWriteWatch(written);
      this.#waiters.add({ resolve, reject, watch });
    });
  }

  /** A message the synchronizer received (TinyBase's `onReceive`). */
  received(fromClientId: string | null, requestId: string | null, type: number, body: unknown) {
    if (type !== MESSAGE.contentDiff || !this.#watching()) return;
    const cells: readonly ChangedCell[] = [...changedCells(body)];
    for (const waiter of this.#waiters) {
      const refused = waiter.watch?.received(fromClientId, requestId, cells) ?? [];
      if (refused.length > 0) this.#settle(waiter, new WriteRefusedError(refused));
    }
  }

  /** The server holds everything this replica holds. */
  confirmed(): void {
    for (const waiter of this.#waiters) this.#settle(waiter);
  }

  /**
   * Rejects what waits once the status says the writes will not be taken: a read-only session,
   * a refused one (unauthorized), or a connection the server closed for what it was sent. A
   * rate-limit close is not one: the client reconnects and sends again.
   */
  follow(snapshot: SyncSnapshot): void {
    const { error } = snapshot;
    const newRefusal =
      error instanceof SyncRefusedError &&
      error !== this.#lastRefusal &&
      error.closeCode !== CLOSE.rateLimited.code;
    if (error instanceof SyncRefusedError) this.#lastRefusal = error;
    if (snapshot.readOnly) this.fail(new ReadOnlyError());
    else if (snapshot.status === 'unauthorized' && error !== null) this.fail(error);
    else if (newRefusal) this.fail(error);
  }

  fail(error: Error): void {
    for (const waiter of this.#waiters) this.#settle(waiter, error);
  }

  #watching(): boolean {
    for (const waiter of this.#waiters) if (waiter.watch !== undefined) return true;
    return false;
  }

  #settle(waiter: Waiter, error?: Error): void {
    this.#waiters.delete(waiter);
    if (error === undefined) waiter.resolve();
    else waiter.reject(error);
  }
}
