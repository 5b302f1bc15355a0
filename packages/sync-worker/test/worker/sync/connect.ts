import { env } from 'cloudflare:workers';
import { MESSAGE, SERVER_CLIENT_ID } from '@tinysync/store/protocol';
import { createMergeableStore, type MergeableStore } from 'tinybase';
import {
  createWsSynchronizer,
  type WsSynchronizer,
} from 'tinybase/synchronizers/synchronizer-ws-client';
import { expect } from 'vitest';
import { CONNECTION_HEADER, type ConnectionInfo } from '../../../src/sync/connection-info.ts';
import { eventually } from '../../../testing/eventually.ts';
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

/** A raw socket that sends protocol messages as given and records the server's, decoded. */
export async function rawClient(storeId: string, connection: ConnectionInfo) {
  const socket = await openSocket(storeId, connection);
  const messages: [requestId: string | null, type: number, body: unknown][] = [];
  socket.addEventListener('message', (event) => {
    const frame = String(event.data);
    if (frame.startsWith(`${SERVER_CLIENT_ID}\n[`)) messages.push(JSON.parse(frame.slice(2)));
  });
  const closed = new Promise<CloseEvent>((resolve) => socket.addEventListener('close', resolve));
  const send = (requestId: string | null, type: number, body: unknown) =>
    socket.send(`${SERVER_CLIENT_ID}\n${JSON.stringify([requestId, type, body])}`);
  /** Asks for the server's hashes and waits for the answer: every frame before it was read. */
  const sentinel = async (name: string) => {
    send(name, MESSAGE.getContentHashes, '');
    await eventually(() => expect(messages.some(([id]) => id === name)).toBe(true));
  };
  const requestsOf = (type: number) => messages.filter(([, messageType]) => messageType === type);
  return { socket, messages, closed, send, sentinel, requestsOf };
}

/** An HLC at `time` (ms since epoch), as TinyBase encodes one. */
export function hlcAt(time: number): string {
  const alphabet = '-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
  let encoded = '';
  for (let index = 6; index >= 0; index--) encoded += alphabet[Math.floor(time / 64 ** index) % 64];
  return `${encoded}----abcde`;
}

export { eventually };
