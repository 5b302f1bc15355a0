import type { MergeableStore } from 'tinybase';
import {
  createWsSynchronizer,
  type WsSynchronizer,
} from 'tinybase/synchronizers/synchronizer-ws-client';
import { FRAGMENT_BYTES } from '../protocol/wire-protocol.js';
import type { AnySchema } from '../schema/row-types.js';
import type { TinySyncStore } from '../store/create-tinysync-store.js';
import { asError } from './as-error.js';
import type { ConnectionSocket } from './connection-socket.js';

/** One open socket's connection: its view of the socket and the synchronizer on it. */
export interface Connection {
  readonly view: ConnectionSocket;
  synchronizer?: WsSynchronizer<WebSocket>;
  /** A read-only session replaced its copy with the server's on this connection. */
  adoptedServerCopy?: boolean;
}

export interface SynchronizerHooks {
  readonly app: TinySyncStore<AnySchema>;
  readonly requestTimeoutSeconds: number;
  /** A message the synchronizer received (TinyBase's `onReceive`). */
  readonly onReceive: (
    fromClientId: string | null,
    requestId: string | null,
    type: number,
    body: unknown,
  ) => void;
  /** Whether `connection` is still the client's current one. */
  readonly isCurrent: (connection: Connection) => boolean;
  /** The synchronizer's status (TinyBase's persister status) changed. */
  readonly onStatus: (connection: Connection, status: number) => void;
  /** The synchronizer started syncing on the current connection. */
  readonly onStarted: (synchronizer: WsSynchronizer<WebSocket>) => void;
  readonly onError: (error: Error) => void;
}

/** Starts a TinyBase synchronizer on a new connection; a connection retired meanwhile gets none. */
export async function startSynchronizer(current: Connection, hooks: SynchronizerHooks) {
  try {
    const synchronizer = await createWsSynchronizer(
      hooks.app.store as unknown as MergeableStore,
      // Behaves as the WebSocket TinyBase expects, for the parts it uses.
      current.view as unknown as WebSocket,
      hooks.requestTimeoutSeconds,
      undefined,
      // Corrections the server sends over refused writes (see WriteConfirmations).
      (fromClientId, requestId, type, body) => hooks.onReceive(fromClientId, requestId, type, body),
      undefined,
      // The server refuses frames over 1 MiB; a big upload (many offline edits, the answer to
      // the server's diff request after a restart) must travel in fragments under it.
      FRAGMENT_BYTES,
    );
    if (!hooks.isCurrent(current)) {
      await synchronizer.destroy();
      return;
    }
    current.synchronizer = synchronizer;
    synchronizer.addStatusListener((_, status) => hooks.onStatus(current, status));
    await synchronizer.startSync();
    hooks.onStarted(synchronizer);
  } catch (error) {
    if (hooks.isCurrent(current)) hooks.onError(asError(error));
  }
}
