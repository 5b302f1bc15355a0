import type { AnySchema } from '../schema/row-types.js';
import type { TinySyncStore } from '../store/create-tinysync-store.js';
import type { SyncSnapshot } from './sync-status.js';
import type { GetToken } from './token-refresher.js';
import type { WrittenTables } from './written-tables.js';

export interface SyncClientOptions {
  readonly store: TinySyncStore<AnySchema>;
  /** The sync worker's base URL, e.g. `wss://sync.example.com` or `ws://127.0.0.1:8787`. */
  readonly url: string;
  /** `org_<orgId>` or `user_<userId>`. */
  readonly storeId: string;
  /**
   * A current session token, asked for on every connection attempt (Clerk's `getToken`). Shortly
   * before the token in use expires it is asked with `{ skipCache: true }` (Clerk's option) for a
   * freshly issued one, which is sent over the open socket: the connection outlives its tokens.
   */
  readonly getToken: GetToken;
  /** A WebSocket class where there is no global one (Node: the `ws` package). */
  readonly WebSocket?: unknown;
  readonly fetch?: typeof fetch;
  /** Defaults to `REQUEST_TIMEOUT_SECONDS`, as the server. */
  readonly requestTimeoutSeconds?: number;
  readonly minReconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  /** While unauthorized, how often to ask `getToken` whether a new token is there. */
  readonly unauthorizedRetryMs?: number;
  /**
   * Whether a store that is still empty when syncing starts is first filled from the server's
   * snapshot over HTTP (default true): a much faster first sync of a big store.
   */
  readonly loadSnapshot?: boolean;
}

export interface SyncClient {
  /** The current status; a new object whenever something changed (for useSyncExternalStore). */
  getSnapshot(): SyncSnapshot;
  subscribe(listener: () => void): () => void;
  /** Waits for the store's local data, then connects and keeps reconnecting. */
  start(): Promise<void>;
  /** Closes the connection and stops reconnecting; local data and edits stay. */
  stop(): void;
  /** Connects again now, e.g. after sign-in or when a fresh token is available. */
  reconnect(): void;
  /**
   * Resolves once the server holds everything this replica holds now (offline, it waits).
   * Given the changes a write made (`store.getTransactionChanges()[0]`), rejects with a
   * `WriteRefusedError` if the server puts its own value back over any of them. Rejects with
   * `ReadOnlyError`, the `SessionRefusedError` or a `SyncRefusedError` once the session's
   * writes will not be taken, and with `UnconfirmedWriteError` if the client is destroyed first.
   */
  whenSynced(written?: WrittenTables): Promise<void>;
  destroy(): Promise<void>;
}
