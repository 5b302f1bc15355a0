import {
  CLOSE,
  type CloseReason,
  MAX_REFRESH_TOKEN_CHARS,
  MIN_TOKEN_REFRESH_INTERVAL_MS,
  READ_ONLY_NOTICE,
  TOKEN_REFRESH_PREFIX,
  tokenAcceptedNotice,
} from '@tinysync/store/protocol';
import type { RefreshedSession } from '../auth/refreshed-session.js';
import { ApiError } from '../http/api-error.js';
import type { ConnectionInfo } from '../sync/connection-info.js';
import { RateLimiter } from '../sync/rate-limiter.js';
import { close, send } from './sockets.js';

export interface TokenRefreshOptions {
  /**
   * What a fresh token makes of the connection of `userId` (auth/refreshed-session.ts).
   * @throws ApiError when the token is refused or the worker cannot decide.
   */
  readonly verify: (token: string, userId: string) => Promise<RefreshedSession>;
  /** The connection's role may have changed: its next writes are checked with the new one. */
  readonly permissionsChanged: (socket: WebSocket) => void;
  /** A connection's token now expires at `time`; the alarm closes it then. */
  readonly expiresAt: (time: number) => void;
  /** The store's id, for the logs. */
  readonly storeId: () => string | undefined;
  readonly onError: (error: unknown) => void;
}

/** Refreshes a connection may send at once; on average one per `MIN_TOKEN_REFRESH_INTERVAL_MS`. */
const REFRESH_BURST = 3;
/** Three base64url parts: anything else cannot be a session token, and is not logged or parsed. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Per socket; need not survive hibernation (a bucket starting full again is fine). */
interface SocketState {
  readonly limiter: RateLimiter;
  /** Refreshes apply one after another, in the order they came: the latest token wins. */
  queue: Promise<void>;
}

/** Whether a frame is a token refresh (`tokenRefreshFrame`), never a TinyBase message. */
export function isTokenRefreshFrame(frame: string | ArrayBuffer): frame is string {
  return typeof frame === 'string' && frame.startsWith(TOKEN_REFRESH_PREFIX);
}

/**
 * In-band token refresh: a client sends a fresh session token over its open socket before the
 * one it connected with expires. Accepted, the connection takes the new token's expiry and role
 * (kept in the socket's attachment, which survives hibernation; a downgrade to read-only is
 * announced with `READ_ONLY_NOTICE` and applies from the next frame on), and the client is told
 * with `tokenAcceptedNotice`. Refused, the socket closes: `token_expired` (4001) for an expired
 * token, `token_refused` (4003) otherwise. When the worker cannot decide (an `authorizeStore`
 * that fails, 5xx), nothing changes: the connection closes when its current token expires.
 */
export class TokenRefresh {
  readonly #options: TokenRefreshOptions;
  readonly #states = new WeakMap<WebSocket, SocketState>();

  constructor(options: TokenRefreshOptions) {
    this.#options = options;
  }

  /** Takes a refresh frame; resolves once it is applied or refused. */
  receive(socket: WebSocket, frame: string): Promise<void> {
    const refusal = this.#refusal(socket, frame);
    if (refusal !== undefined) {
      close(socket, refusal);
      return Promise.resolve();
    }
    const token = frame.slice(TOKEN_REFRESH_PREFIX.length);
    const state = this.#stateOf(socket);
    state.queue = state.queue.then(() => this.#refresh(socket, token)).catch(this.#options.onError);
    return state.queue;
  }

  /**
   * Why a refresh frame closes its connection before its token is verified, if it does. Cheap
   * checks first: a frame too big costs nothing more, not even the connection's state.
   */
  #refusal(socket: WebSocket, frame: string): CloseReason | undefined {
    if (frame.length > TOKEN_REFRESH_PREFIX.length + MAX_REFRESH_TOKEN_CHARS) return CLOSE.tooBig;
    if (!this.#stateOf(socket).limiter.tryTake()) return CLOSE.rateLimited;
    if (!JWT_SHAPE.test(frame.slice(TOKEN_REFRESH_PREFIX.length))) return CLOSE.malformed;
    return undefined;
  }

  async #refresh(socket: WebSocket, token: string): Promise<void> {
    const before = socket.deserializeAttachment() as ConnectionInfo | null;
    if (before === null) return close(socket, CLOSE.malformed);
    let session: RefreshedSession;
    try {
      session = await this.#options.verify(token, before.userId);
    } catch (error) {
      return this.#refuse(socket, before, error);
    }
    // Read again: the socket may have closed, or its attachment changed, while verifying.
    const current = socket.deserializeAttachment() as ConnectionInfo | null;
    if (current === null || socket.readyState !== WebSocket.OPEN) return;
    // A token that does not outlive the one in force (an older one, replayed) changes nothing:
    // it must not bring back a role the newer token took away.
    if (session.expiresAt <= current.expiresAt) {
      send(socket, tokenAcceptedNotice(current));
      return;
    }
    const next: ConnectionInfo = { ...current, ...session };
    socket.serializeAttachment(next);
    this.#options.permissionsChanged(socket);
    if (next.readOnly && !current.readOnly) send(socket, READ_ONLY_NOTICE);
    send(socket, tokenAcceptedNotice(next));
    this.#options.expiresAt(next.expiresAt);
  }

  #refuse(socket: WebSocket, connection: ConnectionInfo, error: unknown): void {
    const code = error instanceof ApiError ? error.code : 'internal_error';
    const undecided = !(error instanceof ApiError) || error.status >= 500;
    console.warn(
      JSON.stringify({
        level: 'warn',
        event: undecided ? 'token_refresh_failed' : 'token_refresh_refused',
        store: this.#options.storeId(),
        userId: connection.userId,
        code,
        ...(error instanceof ApiError ? {} : { error: String(error) }),
      }),
    );
    // Not decided is not granted: the connection keeps the expiry it has.
    if (undecided) return;
    close(socket, code === 'token_expired' ? CLOSE.tokenExpired : CLOSE.tokenRefused);
  }

  #stateOf(socket: WebSocket): SocketState {
    let state = this.#states.get(socket);
    if (state === undefined) {
      const rate = 1000 / MIN_TOKEN_REFRESH_INTERVAL_MS;
      state = { limiter: new RateLimiter(rate, REFRESH_BURST), queue: Promise.resolve() };
      this.#states.set(socket, state);
    }
    return state;
  }
}
