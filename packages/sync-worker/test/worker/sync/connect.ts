import { env } from 'cloudflare:workers';
import { createMergeableStore, type MergeableStore } from 'tinybase';
import {
  createWsSynchronizer,
  type WsSynchronizer,
} from 'tinybase/synchronizers/synchronizer-ws-client';
import { CONNECTION_HEADER, type ConnectionInfo } from '../../../src/sync/connection-info.ts';
import { resendWritesMadeWhileLoading } from '../../../testing/writes-while-loading.ts';

export const ADMIN: ConnectionInfo = {
  userId: 'user_admin',
  role: 'org:admin',
  readOnly: false,
  writableTables: ['users', 'projects', 'tasks'],
  expiresAt: Date.now() + 3_600_000,
};
export const VIEWER: ConnectionInfo = {
  ...ADMIN,
  userId: 'user_viewer',
  role: 'org:viewer',
  readOnly: true,
  writableTables: [],
};

export interface TestClient {
  readonly store: MergeableStore;
  readonly socket: WebSocket;
  readonly synchronizer: WsSynchronizer<WebSocket>;
  /** Raw frames the server sent, in order. */
  readonly received: string[];
  readonly closed: Promise<CloseEvent>;
}

/**
 * Opens a raw WebSocket to a store's Durable Object, as the Worker would after auth, with the
 * `Sec-WebSocket-Key` given (any client can choose its own) or a random one.
 */
export async function openSocket(
  storeId: string,
  connection: ConnectionInfo,
  key = btoa(crypto.randomUUID()).slice(0, 24),
): Promise<WebSocket> {
  const stub = env.STORES.get(env.STORES.idFromName(storeId));
  const response = await stub.fetch(`http://store/${storeId}`, {
    headers: {
      Upgrade: 'websocket',
      'Sec-WebSocket-Key': key,
      [CONNECTION_HEADER]: JSON.stringify(connection),
    },
  });
  const socket = response.webSocket;
  if (socket === null) throw new Error(`no WebSocket: ${response.status} ${await response.text()}`);
  socket.accept();
  return socket;
}

/** A real TinyBase client (MergeableStore + WsSynchronizer) connected to a store. */
export async function connectClient(
  storeId: string,
  connection = ADMIN,
  key?: string,
): Promise<TestClient> {
  const socket = await openSocket(storeId, connection, key);
  const received: string[] = [];
  socket.addEventListener('message', (event) => received.push(String(event.data)));
  const closed = new Promise<CloseEvent>((resolve) => socket.addEventListener('close', resolve));
  const store = createMergeableStore();
  const synchronizer = await createWsSynchronizer(store, socket, 10);
  resendWritesMadeWhileLoading(store, synchronizer);
  await synchronizer.startSync();
  return { store, socket, synchronizer, received, closed };
}

export { eventually } from '../../../testing/eventually.ts';
