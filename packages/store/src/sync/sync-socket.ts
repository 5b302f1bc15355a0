import { WebSocket as ReconnectingWebSocket } from 'partysocket';
import type { ConnectionLifecycle } from './connection-lifecycle.js';
import type { ConnectionTokens } from './connection-tokens.js';
import { isOffline } from './connectivity.js';
import type { GiveUpRecovery } from './give-up-recovery.js';
import { probeSession } from './probe-session.js';
import type { SyncContext } from './sync-context.js';
import { refusalOf } from './sync-refused-error.js';
import type { SyncStatusStore } from './sync-status-store.js';
import type { UnauthorizedBackoff } from './unauthorized-backoff.js';

export interface SyncSocketParts {
  readonly context: SyncContext;
  readonly status: SyncStatusStore;
  readonly tokens: ConnectionTokens;
  readonly connections: ConnectionLifecycle;
  readonly unauthorized: UnauthorizedBackoff;
  readonly giveUps: GiveUpRecovery;
}

/**
 * The client's one reconnecting socket (partysocket, backoff with jitter, a fresh token for
 * every attempt): when it connects, and what each close means for the status.
 */
export class SyncSocket {
  readonly #parts: SyncSocketParts;
  #socket: ReconnectingWebSocket | undefined;
  #stopped = true;
  #openedThisAttempt = false;

  constructor(parts: SyncSocketParts) {
    this.#parts = parts;
  }

  get socket(): ReconnectingWebSocket | undefined {
    return this.#socket;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Lets the socket connect again; false if it was not stopped. */
  resume(): boolean {
    if (!this.#stopped) return false;
    this.#stopped = false;
    return true;
  }

  connect(): void {
    const { context, tokens, connections } = this.#parts;
    const { options } = context;
    this.#parts.status.update({ status: 'connecting', error: null });
    if (this.#socket !== undefined) {
      this.#socket.reconnect();
      return;
    }
    this.#socket = new ReconnectingWebSocket(context.socketUrl, tokens.protocols, {
      ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket }),
      minReconnectionDelay: options.minReconnectDelayMs ?? 500 + Math.random() * 1500,
      maxReconnectionDelay: options.maxReconnectDelayMs ?? 15_000,
      reconnectionDelayGrowFactor: 1.5,
      connectionTimeout: 10_000,
      // A new synchronizer resyncs everything on open; stale frames must not be replayed.
      maxEnqueuedMessages: 0,
    });
    this.#socket.addEventListener('open', () => this.#onOpen());
    this.#socket.addEventListener('close', (event) => void this.#onClose(event));
    this.#socket.addEventListener('message', (event) => connections.received(event));
  }

  reconnect(): void {
    this.#parts.unauthorized.cancel();
    if (this.#stopped || isOffline()) return;
    this.connect();
  }

  stop(): void {
    this.#stopped = true;
    this.#parts.unauthorized.cancel();
    this.#parts.giveUps.cancel();
    this.#socket?.close();
    this.#parts.connections.retire();
    this.#parts.status.update({ status: 'offline' });
  }

  wentOffline(): void {
    this.#socket?.close();
    this.#parts.status.update({ status: 'offline' });
  }

  #onOpen(): void {
    this.#openedThisAttempt = true;
    this.#parts.connections.opened();
  }

  async #onClose(event: { readonly code?: number; readonly reason?: string }): Promise<void> {
    const { context, status, tokens, connections } = this.#parts;
    const wasOpen = this.#openedThisAttempt;
    this.#openedThisAttempt = false;
    connections.retire();
    if (this.#stopped || isOffline()) {
      status.update({ status: 'offline' });
      return;
    }
    if (tokens.error !== null) return; // stays `error`; partysocket retries with a new token
    const refusedFrames = refusalOf(event);
    if (refusedFrames !== undefined) {
      status.update({ status: 'error', error: refusedFrames }); // partysocket retries, backing off
      return;
    }
    if (!wasOpen) {
      // Refused at the handshake: browsers do not say why, so ask the server over HTTP.
      const refusal = await probeSession(context.fetchImpl, context.socketUrl, tokens.last);
      if (refusal !== undefined && !this.#stopped) {
        this.#enterUnauthorized(refusal);
        return;
      }
    }
    if (!this.#stopped && status.snapshot.status !== 'unauthorized') {
      status.update({ status: 'connecting' });
    }
  }

  /** Stops reconnecting until a new token is there (see UnauthorizedBackoff). */
  #enterUnauthorized(refusal: Error): void {
    this.#socket?.close();
    this.#parts.status.update({ status: 'unauthorized', error: refusal });
    this.#parts.unauthorized.wait();
  }
}
