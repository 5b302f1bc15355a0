import type { WebSocket as ReconnectingWebSocket } from 'partysocket';
import { parseTokenAccepted, READ_ONLY_NOTICE } from '../protocol/wire-protocol.js';
import type { ConfirmationLoop } from './confirmation-loop.js';
import { type Connection, type SynchronizerHooks, startSynchronizer } from './connection.js';
import { ConnectionSocket, type SocketLike } from './connection-socket.js';
import type { ConnectionTokens } from './connection-tokens.js';
import { followWriteAccess } from './follow-write-access.js';
import { type GiveUpRecovery, TINYBASE_OVERFLOW_CODE } from './give-up-recovery.js';
import type { LocalCopyRepair } from './local-copy-repair.js';
import type { SyncContext } from './sync-context.js';
import type { SyncStatusStore } from './sync-status-store.js';
import { TokenRefresher } from './token-refresher.js';
import type { WriteConfirmations } from './write-confirmations.js';

export interface ConnectionLifecycleParts {
  readonly context: SyncContext;
  readonly status: SyncStatusStore;
  readonly tokens: ConnectionTokens;
  readonly confirmations: WriteConfirmations;
  readonly confirmationLoop: ConfirmationLoop;
  readonly repair: LocalCopyRepair;
  readonly giveUps: GiveUpRecovery;
  /** The client's reconnecting socket, once it has one. */
  readonly socket: () => ReconnectingWebSocket | undefined;
  readonly isStopped: () => boolean;
}

/**
 * The connections on the reconnecting socket, one per open: each gets a fresh view of the
 * socket, a new TinyBase synchronizer and in-band token refreshes, until the socket closes or
 * the synchronizer gives it up.
 */
export class ConnectionLifecycle {
  readonly #parts: ConnectionLifecycleParts;
  readonly #refresher: TokenRefresher;
  readonly #synchronizerHooks: SynchronizerHooks;
  #connection: Connection | undefined;

  constructor(parts: ConnectionLifecycleParts) {
    this.#parts = parts;
    const { context, status, confirmations, confirmationLoop, repair } = parts;
    this.#refresher = new TokenRefresher({
      getToken: context.getToken,
      send: (frame) => {
        const socket = parts.socket();
        if (this.#connection === undefined || socket?.readyState !== 1) return false;
        socket.send(frame);
        return true;
      },
    });
    this.#synchronizerHooks = {
      app: context.app,
      requestTimeoutSeconds: context.requestTimeoutSeconds,
      onReceive: (fromClientId, requestId, type, body) =>
        confirmations.received(fromClientId, requestId, type, body),
      isCurrent: (connection) => this.#connection === connection,
      onStatus: (connection, synchronizerStatus) =>
        repair.synchronizerStatusChanged(connection, synchronizerStatus),
      onStarted: (synchronizer) => {
        followWriteAccess(synchronizer, status.snapshot.readOnly);
        confirmationLoop.schedule(0);
      },
      onError: (error) => status.update({ status: 'error', error }),
    };
  }

  get current(): Connection | undefined {
    return this.#connection;
  }

  /** Whether a synchronizer runs on the open socket. */
  get syncing(): boolean {
    return this.#connection?.synchronizer !== undefined && this.#parts.socket()?.readyState === 1;
  }

  opened(): void {
    this.retire();
    const socket = this.#parts.socket();
    if (socket === undefined) return;
    const current: Connection = {
      view: new ConnectionSocket(socket as unknown as SocketLike, {
        onGiveUp: (code, reason) => this.#giveUp(current, code, reason),
      }),
    };
    this.#connection = current;
    this.#refresher.connected(this.#parts.tokens.last);
    // Each connection is as writable as its session: the server tells a read-only one so as it
    // opens, before the synchronizer starts (a viewer promoted since must not stay read-only).
    this.#parts.status.update({ status: 'syncing', error: null, readOnly: false });
    void startSynchronizer(current, this.#synchronizerHooks);
  }

  retire(): void {
    const old = this.#connection;
    this.#connection = undefined;
    this.#parts.confirmationLoop.cancel();
    this.#refresher.stop();
    if (old === undefined) return;
    old.view.retire();
    void old.synchronizer?.destroy();
  }

  received(event: { data: unknown }): void {
    const frame = String(event.data);
    const tokenAccepted = parseTokenAccepted(frame);
    if (frame === READ_ONLY_NOTICE) {
      this.#setReadOnly(true);
    } else if (tokenAccepted !== undefined) {
      // The refreshed token's role may differ: a viewer again may write, or no longer.
      this.#refresher.accepted(tokenAccepted);
      this.#setReadOnly(tokenAccepted.readOnly);
    } else {
      this.#parts.confirmationLoop.received(frame);
    }
  }

  #setReadOnly(readOnly: boolean): void {
    if (this.#parts.status.snapshot.readOnly !== readOnly) this.#parts.status.update({ readOnly });
    followWriteAccess(this.#connection?.synchronizer, readOnly);
  }

  /**
   * The synchronizer gave this connection up. Most often (1013) a message over the 16 MiB
   * TinyBase takes at once: a store far behind, pulling 150k rows. The snapshot over HTTP has no
   * such limit, so the store catches up from it first (a CRDT merge: local edits are kept); for
   * any other reason a new connection is enough. Again, and later each time, until synced.
   */
  #giveUp(current: Connection, code: number, reason: string): void {
    if (this.#connection !== current || this.#parts.isStopped()) return;
    this.retire();
    // Catching up is still syncing; anything else is worth telling.
    if (code !== TINYBASE_OVERFLOW_CODE) {
      this.#parts.status.update({
        status: 'error',
        error: new Error(`sync connection given up (${code} ${reason})`),
      });
    }
    this.#parts.giveUps.recover(code);
  }
}
