import { loadSnapshot } from './load-snapshot.js';
import type { SyncContext } from './sync-context.js';

/** TinyBase's close code for a message or backlog over its 16 MiB limit. */
export const TINYBASE_OVERFLOW_CODE = 1013;
/** A code a browser lets a client close with (1007, TinyBase's own, is not one of them). */
const GIVE_UP_CLOSE_CODE = 4000;

export interface GiveUpRecoveryParts {
  readonly context: SyncContext;
  readonly isStopped: () => boolean;
  /** Closes the socket with this code and opens it again. */
  readonly reconnect: (code: number, reason: string) => void;
}

/**
 * Reconnects after the synchronizer gave a connection up: at once the first time since the
 * server last confirmed, then later each time. After an overflow the store first catches up
 * from the snapshot over HTTP, which has no size limit.
 */
export class GiveUpRecovery {
  readonly #parts: GiveUpRecoveryParts;
  #givenUpConnections = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(parts: GiveUpRecoveryParts) {
    this.#parts = parts;
  }

  recover(code: number): void {
    const { options } = this.#parts.context;
    const delayMs =
      this.#givenUpConnections === 0
        ? 0
        : Math.min(
            (options.minReconnectDelayMs ?? 1_000) * 2 ** this.#givenUpConnections,
            options.maxReconnectDelayMs ?? 15_000,
          );
    this.#givenUpConnections++;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#reconnectAfterGivingUp(code), delayMs);
  }

  /** The server confirmed: the next give-up reconnects at once. */
  reset(): void {
    this.#givenUpConnections = 0;
  }

  cancel(): void {
    clearTimeout(this.#timer);
  }

  async #reconnectAfterGivingUp(code: number): Promise<void> {
    const { context, isStopped, reconnect } = this.#parts;
    const { app, getToken, fetchImpl, snapshotUrl } = context;
    if (code === TINYBASE_OVERFLOW_CODE) {
      const token = await Promise.resolve(getToken()).catch(() => null);
      if (token && !isStopped()) await loadSnapshot(fetchImpl, snapshotUrl, token, app);
    }
    if (!isStopped()) reconnect(GIVE_UP_CLOSE_CODE, 'connection given up');
  }
}
