import { WebSocket as ReconnectingWebSocket } from 'partysocket';
import type { MergeableStore } from 'tinybase';
import {
  createWsSynchronizer,
  type WsSynchronizer,
} from 'tinybase/synchronizers/synchronizer-ws-client';
import { UnconfirmedWriteError } from '../errors.js';
import {
  AUTH_PROTOCOL_PREFIX,
  FRAGMENT_BYTES,
  MESSAGE,
  parseTokenAccepted,
  READ_ONLY_NOTICE,
  REQUEST_TIMEOUT_SECONDS,
  SERVER_CLIENT_ID,
  SYNC_PROTOCOL,
} from '../protocol/wire-protocol.js';
import type { AnySchema } from '../schema/row-types.js';
import type { TinySyncStore } from '../store/create-tinysync-store.js';
import { isEmpty } from '../store/is-empty.js';
import { adoptServerCopy } from './adopt-server-copy.js';
import { ConnectionSocket, type SocketLike } from './connection-socket.js';
import { followWriteAccess } from './follow-write-access.js';
import { loadSnapshot } from './load-snapshot.js';
import { probeSession } from './probe-session.js';
import { refusalOf } from './sync-refused-error.js';
import { INITIAL_SYNC_SNAPSHOT, type SyncSnapshot } from './sync-status.js';
import { type GetToken, TokenRefresher } from './token-refresher.js';
import { WriteConfirmations } from './write-confirmations.js';
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

interface Connection {
  readonly view: ConnectionSocket;
  synchronizer?: WsSynchronizer<WebSocket>;
  /** A read-only session replaced its copy with the server's on this connection. */
  adoptedServerCopy?: boolean;
}

/** Request ids of the client's own "what do you hold?" questions to the server. */
const CONFIRMATION_REQUEST_PREFIX = 'tinysync.confirm.';
const CONFIRM_AFTER_CHANGE_MS = 150;
const CONFIRM_RETRY_MS = 500;
/**
 * Confirmations that may disagree in a row before the client offers the server its hashes
 * again: a safety net for local changes TinyBase did not send (it normally sends each one).
 */
const DISAGREEMENTS_BEFORE_REOFFER = 4;
/** TinyBase's persister status while it loads (its `Status.Loading`). */
const SYNCHRONIZER_LOADING = 1;
const MAX_UNAUTHORIZED_RETRY_MS = 10 * 60_000;
/** A code a browser lets a client close with (1007, TinyBase's own, is not one of them). */
const GIVE_UP_CLOSE_CODE = 4000;
/** TinyBase's close code for a message or backlog over its 16 MiB limit. */
const TINYBASE_OVERFLOW_CODE = 1013;

/**
 * Keeps a TinySync store in sync with the sync worker: one reconnecting socket (partysocket,
 * backoff with jitter), a fresh token for every attempt, a new TinyBase synchronizer for every
 * connection, and a status snapshot that tells offline, unauthorized and failing apart.
 */
export function createSyncClient(options: SyncClientOptions): SyncClient {
  const { store: app, getToken } = options;
  const baseUrl = options.url.replace(/\/+$/, '');
  const socketUrl = `${baseUrl}/sync/${encodeURIComponent(options.storeId)}`;
  const snapshotUrl = `${baseUrl.replace(/^ws/, 'http')}/stores/${encodeURIComponent(options.storeId)}/snapshot`;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const requestTimeoutSeconds = options.requestTimeoutSeconds ?? REQUEST_TIMEOUT_SECONDS;

  let snapshot = INITIAL_SYNC_SNAPSHOT;
  const listeners = new Set<() => void>();
  const confirmations = new WriteConfirmations();
  const update = (patch: Partial<SyncSnapshot>) => {
    snapshot = { ...snapshot, ...patch };
    confirmations.follow(snapshot);
    for (const listener of listeners) listener();
  };

  let socket: ReconnectingWebSocket | undefined;
  let connection: Connection | undefined;
  let stopped = true;
  let openedThisAttempt = false;
  let lastToken: string | null = null;
  let tokenError: Error | null = null;
  let confirmationTimer: ReturnType<typeof setTimeout> | undefined;
  let confirmationId = 0;
  let unauthorizedTimer: ReturnType<typeof setTimeout> | undefined;
  let refusals = 0;
  let disagreements = 0;
  let givenUpConnections = 0;
  let giveUpTimer: ReturnType<typeof setTimeout> | undefined;
  /** A local change was made while TinyBase was loading: it ignores saves then. */
  let changedWhileLoading = false;

  /** The token the snapshot was fetched with, used for the connection right after it. */
  let snapshotToken: string | undefined;
  const refresher = new TokenRefresher({
    getToken,
    send: (frame) => {
      if (connection === undefined || socket?.readyState !== 1) return false;
      socket.send(frame);
      return true;
    },
  });

  const protocols = async (): Promise<string[]> => {
    try {
      const token = snapshotToken ?? (await getToken()) ?? null;
      snapshotToken = undefined;
      tokenError = null;
      lastToken = token;
      return token ? [SYNC_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${token}`] : [SYNC_PROTOCOL];
    } catch (error) {
      tokenError = asError(error);
      update({ status: 'error', error: tokenError });
      return [SYNC_PROTOCOL];
    }
  };

  const retireConnection = () => {
    const old = connection;
    connection = undefined;
    clearTimeout(confirmationTimer);
    refresher.stop();
    if (old === undefined) return;
    old.view.retire();
    void old.synchronizer?.destroy();
  };

  const onOpen = () => {
    openedThisAttempt = true;
    retireConnection();
    if (socket === undefined) return;
    const current: Connection = {
      view: new ConnectionSocket(socket as unknown as SocketLike, {
        onGiveUp: (code, reason) => giveUpConnection(current, code, reason),
      }),
    };
    connection = current;
    refresher.connected(lastToken);
    // Each connection is as writable as its session: the server tells a read-only one so as it
    // opens, before the synchronizer starts (a viewer promoted since must not stay read-only).
    update({ status: 'syncing', error: null, readOnly: false });
    void startSynchronizer(current);
  };

  const startSynchronizer = async (current: Connection) => {
    try {
      const synchronizer = await createWsSynchronizer(
        app.store as unknown as MergeableStore,
        // Behaves as the WebSocket TinyBase expects, for the parts it uses.
        current.view as unknown as WebSocket,
        requestTimeoutSeconds,
        undefined,
        // Corrections the server sends over refused writes (see WriteConfirmations).
        (fromClientId, requestId, type, body) =>
          confirmations.received(fromClientId, requestId, type, body),
        undefined,
        // The server refuses frames over 1 MiB; a big upload (many offline edits, the answer to
        // the server's diff request after a restart) must travel in fragments under it.
        FRAGMENT_BYTES,
      );
      if (connection !== current) {
        await synchronizer.destroy();
        return;
      }
      current.synchronizer = synchronizer;
      synchronizer.addStatusListener((_, status) => {
        if (status !== SYNCHRONIZER_LOADING && changedWhileLoading) reofferChanges(current);
      });
      await synchronizer.startSync();
      followWriteAccess(synchronizer, snapshot.readOnly);
      scheduleConfirmation(0);
    } catch (error) {
      if (connection === current) update({ status: 'error', error: asError(error) });
    }
  };

  /**
   * The synchronizer gave this connection up. Most often (1013) a message over the 16 MiB
   * TinyBase takes at once: a store far behind, pulling 150k rows. The snapshot over HTTP has no
   * such limit, so the store catches up from it first (a CRDT merge: local edits are kept); for
   * any other reason a new connection is enough. Again, and later each time, until synced.
   */
  const giveUpConnection = (current: Connection, code: number, reason: string) => {
    if (connection !== current || stopped) return;
    retireConnection();
    // Catching up is still syncing; anything else is worth telling.
    if (code !== TINYBASE_OVERFLOW_CODE) {
      update({ status: 'error', error: new Error(`sync connection given up (${code} ${reason})`) });
    }
    const delayMs =
      givenUpConnections === 0
        ? 0
        : Math.min(
            (options.minReconnectDelayMs ?? 1_000) * 2 ** givenUpConnections,
            options.maxReconnectDelayMs ?? 15_000,
          );
    givenUpConnections++;
    clearTimeout(giveUpTimer);
    giveUpTimer = setTimeout(() => void reconnectAfterGivingUp(code), delayMs);
  };

  const reconnectAfterGivingUp = async (code: number) => {
    if (code === TINYBASE_OVERFLOW_CODE) {
      const token = await Promise.resolve(getToken()).catch(() => null);
      if (token && !stopped) await loadSnapshot(fetchImpl, snapshotUrl, token, app);
    }
    if (!stopped) socket?.reconnect(GIVE_UP_CLOSE_CODE, 'connection given up');
  };

  const onClose = async (event: { readonly code?: number; readonly reason?: string }) => {
    const wasOpen = openedThisAttempt;
    openedThisAttempt = false;
    retireConnection();
    if (stopped || isOffline()) {
      update({ status: 'offline' });
      return;
    }
    if (tokenError !== null) return; // stays `error`; partysocket retries with a new token
    const refusedFrames = refusalOf(event);
    if (refusedFrames !== undefined) {
      update({ status: 'error', error: refusedFrames }); // partysocket retries, backing off
      return;
    }
    if (!wasOpen) {
      // Refused at the handshake: browsers do not say why, so ask the server over HTTP.
      const refusal = await probeSession(fetchImpl, socketUrl, lastToken);
      if (refusal !== undefined && !stopped) {
        enterUnauthorized(refusal);
        return;
      }
    }
    if (!stopped && snapshot.status !== 'unauthorized') update({ status: 'connecting' });
  };

  const onMessage = (event: { data: unknown }) => {
    const frame = String(event.data);
    const tokenAccepted = parseTokenAccepted(frame);
    if (frame === READ_ONLY_NOTICE) {
      setReadOnly(true);
    } else if (tokenAccepted !== undefined) {
      // The refreshed token's role may differ: a viewer again may write, or no longer.
      refresher.accepted(tokenAccepted);
      setReadOnly(tokenAccepted.readOnly);
    } else if (frame.startsWith(`${SERVER_CLIENT_ID}\n["${CONFIRMATION_REQUEST_PREFIX}`)) {
      handleConfirmation(frame.slice(2));
    }
  };

  const setReadOnly = (readOnly: boolean) => {
    if (snapshot.readOnly !== readOnly) update({ readOnly });
    followWriteAccess(connection?.synchronizer, readOnly);
  };

  /** Asks the server for its content hashes; equal to ours means it holds all our changes. */
  const scheduleConfirmation = (delayMs: number) => {
    clearTimeout(confirmationTimer);
    confirmationTimer = setTimeout(() => {
      if (connection?.synchronizer === undefined || socket?.readyState !== 1) return;
      const request = [
        `${CONFIRMATION_REQUEST_PREFIX}${++confirmationId}`,
        MESSAGE.getContentHashes,
        '',
      ];
      socket.send(`${SERVER_CLIENT_ID}\n${JSON.stringify(request)}`);
    }, delayMs);
  };

  const handleConfirmation = (remainder: string) => {
    const [requestId, , serverHashes] = JSON.parse(remainder) as [string, number, unknown];
    if (requestId !== `${CONFIRMATION_REQUEST_PREFIX}${confirmationId}`) return; // superseded
    const localHashes = app.store.getMergeableContentHashes();
    if (JSON.stringify(serverHashes) === JSON.stringify(localHashes)) {
      refusals = 0;
      disagreements = 0;
      givenUpConnections = 0;
      update({ status: 'synced', pendingChanges: 0, lastSyncedAt: Date.now(), error: null });
      confirmations.confirmed();
      return;
    }
    if (++disagreements >= DISAGREEMENTS_BEFORE_REOFFER && connection !== undefined) {
      if (snapshot.readOnly) adoptServerCopyOnce(connection);
      else reofferChanges(connection);
    }
    scheduleConfirmation(CONFIRM_RETRY_MS);
  };

  /** Once per connection: after that, disagreeing is the sync still catching up. */
  const adoptServerCopyOnce = (current: Connection) => {
    disagreements = 0;
    if (current.adoptedServerCopy) return;
    current.adoptedServerCopy = true;
    void Promise.resolve(getToken())
      .catch(() => null)
      .then((token) => adoptServerCopy(app, fetchImpl, snapshotUrl, token ?? null));
  };

  /**
   * TinyBase's client drops a local change made while it loads from the server (a reload after
   * a request timed out can take seconds on a busy server) and never sends it. Sending our
   * content hashes makes the server pull whatever it is missing from us.
   */
  const reofferChanges = (current: Connection) => {
    changedWhileLoading = false;
    disagreements = 0;
    // A read-only session has nothing the server would take.
    if (connection === current && !snapshot.readOnly) void current.synchronizer?.save();
  };

  /**
   * Stops reconnecting. Tries again only with a token different from the refused one, and
   * less often each time it is refused again (a new token for the wrong organization is refused
   * too), so a refused session never hammers the server.
   */
  const enterUnauthorized = (refusal: Error) => {
    socket?.close();
    update({ status: 'unauthorized', error: refusal });
    clearTimeout(unauthorizedTimer);
    const delayMs = (options.unauthorizedRetryMs ?? 30_000) * 2 ** refusals++;
    const waitForNewToken = () => {
      unauthorizedTimer = setTimeout(
        async () => {
          const token = await Promise.resolve(getToken()).catch(() => null);
          if (token && token !== lastToken) reconnect();
          else waitForNewToken();
        },
        Math.min(delayMs, MAX_UNAUTHORIZED_RETRY_MS),
      );
    };
    waitForNewToken();
  };

  const connect = () => {
    update({ status: 'connecting', error: null });
    if (socket !== undefined) {
      socket.reconnect();
      return;
    }
    socket = new ReconnectingWebSocket(socketUrl, protocols, {
      ...(options.WebSocket === undefined ? {} : { WebSocket: options.WebSocket }),
      minReconnectionDelay: options.minReconnectDelayMs ?? 500 + Math.random() * 1500,
      maxReconnectionDelay: options.maxReconnectDelayMs ?? 15_000,
      reconnectionDelayGrowFactor: 1.5,
      connectionTimeout: 10_000,
      // A new synchronizer resyncs everything on open; stale frames must not be replayed.
      maxEnqueuedMessages: 0,
    });
    socket.addEventListener('open', onOpen);
    socket.addEventListener('close', (event) => void onClose(event));
    socket.addEventListener('message', onMessage);
  };

  function reconnect() {
    clearTimeout(unauthorizedTimer);
    if (stopped || isOffline()) return;
    connect();
  }

  const onOnline = () => reconnect();
  const onOffline = () => {
    socket?.close();
    update({ status: 'offline' });
  };
  const stopCountingLocalChanges = app.onLocalChange(() => {
    if (connection?.synchronizer?.getStatus() === SYNCHRONIZER_LOADING) changedWhileLoading = true;
    update({
      pendingChanges: snapshot.pendingChanges + 1,
      ...(snapshot.status === 'synced' ? { status: 'syncing' as const } : {}),
    });
    scheduleConfirmation(CONFIRM_AFTER_CHANGE_MS);
  });

  const fillEmptyStoreFromSnapshot = async () => {
    const store = app.store as unknown as MergeableStore;
    if (options.loadSnapshot === false || !isEmpty(store)) return;
    const token = await Promise.resolve(getToken()).catch(() => null);
    if (!token) return;
    snapshotToken = token;
    await loadSnapshot(fetchImpl, snapshotUrl, token, app);
  };

  const stop = () => {
    stopped = true;
    clearTimeout(unauthorizedTimer);
    clearTimeout(giveUpTimer);
    socket?.close();
    retireConnection();
    update({ status: 'offline' });
  };

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      await app.ready;
      if (!stopped) return;
      stopped = false;
      connectivity.addEventListener?.('online', onOnline);
      connectivity.addEventListener?.('offline', onOffline);
      if (isOffline()) {
        update({ status: 'offline' });
        return;
      }
      update({ status: 'connecting', error: null });
      await fillEmptyStoreFromSnapshot();
      if (!stopped) connect();
    },
    stop,
    reconnect,
    whenSynced(written) {
      const confirmed = confirmations.wait(written);
      confirmations.follow(snapshot);
      // Synced with nothing changed since: no confirmation is on its way, so ask for one.
      if (snapshot.status === 'synced') scheduleConfirmation(0);
      return confirmed;
    },
    async destroy() {
      confirmations.fail(new UnconfirmedWriteError());
      stop();
      connectivity.removeEventListener?.('online', onOnline);
      connectivity.removeEventListener?.('offline', onOffline);
      stopCountingLocalChanges();
      listeners.clear();
    },
  };
}

/** Where browsers announce going offline and online; absent in Node and workers. */
const connectivity = globalThis as {
  addEventListener?: (type: 'online' | 'offline', listener: () => void) => void;
  removeEventListener?: (type: 'online' | 'offline', listener: () => void) => void;
};

function isOffline(): boolean {
  return (globalThis as { navigator?: { onLine?: boolean } }).navigator?.onLine === false;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
