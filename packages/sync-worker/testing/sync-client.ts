import { FRAGMENT_BYTES, REQUEST_TIMEOUT_SECONDS } from '@tinysync/store/protocol';
import { createMergeableStore, type MergeableStore } from 'tinybase';
import {
  createWsSynchronizer,
  type WsSynchronizer,
} from 'tinybase/synchronizers/synchronizer-ws-client';
import { WebSocket } from 'ws';
import { eventually } from './eventually.ts';
import { isLoading, resendWritesMadeWhileLoading } from './writes-while-loading.ts';

export interface NodeClient {
  readonly store: MergeableStore;
  readonly socket: WebSocket;
  readonly synchronizer: WsSynchronizer<WebSocket>;
  close(): Promise<void>;
}

export interface NodeClientOptions {
  readonly requestTimeoutSeconds?: number;
  /**
   * TinyBase's client drops a local write made while it loads (a reload after a pull timed
   * out, on a busy server) and never sends it. A test that loads the server hard and counts
   * every write turns this on to do what TinySync's own client does: offer the server its hashes
   * once the load is over, so the server pulls the difference.
   */
  readonly resendWritesMadeWhileLoading?: boolean;
  /**
   * Called with every frame the server sends, from the first (a notice sent on connection
   * included). Nothing is kept otherwise: a hundred clients under load would keep every
   * relayed change, announcement and pull answer.
   */
  readonly onFrame?: (frame: string) => void;
}

/**
 * Resolves once `client`'s synchronizer is not loading. TinyBase's client drops a local write
 * made while it loads, so a benchmark that times a write makes it only once this resolves.
 */
export function untilWritesAreSent(client: NodeClient): Promise<void> {
  return eventually(() => {
    if (isLoading(client.synchronizer)) throw new Error('loading');
  }, 60_000);
}

/**
 * A standard TinyBase client (MergeableStore + WsSynchronizer) over a real WebSocket to `url`
 * (e.g. `ws://127.0.0.1:8787/sync/org_1`), with the session token as a bearer header.
 */
export async function connectNodeClient(
  url: string,
  token?: string,
  store: MergeableStore = createMergeableStore(),
  {
    // As on the server: TinyBase's 1 s default loses big syncs.
    requestTimeoutSeconds = REQUEST_TIMEOUT_SECONDS,
    resendWritesMadeWhileLoading: resendWrites = false,
    onFrame,
  }: NodeClientOptions = {},
): Promise<NodeClient> {
  const socket = new WebSocket(url, {
    headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
  });
  if (onFrame) socket.on('message', (data) => onFrame(String(data)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  // Fragments under the server's 1 MiB frame limit, as TinySync's own client sends them.
  const synchronizer = await createWsSynchronizer(
    store,
    socket,
    requestTimeoutSeconds,
    undefined,
    undefined,
    undefined,
    FRAGMENT_BYTES,
  );
  if (resendWrites) resendWritesMadeWhileLoading(store, synchronizer);
  await synchronizer.startSync();
  return {
    store,
    socket,
    synchronizer,
    async close() {
      await synchronizer.destroy();
      socket.close();
    },
  };
}

/** The HTTP status a refused WebSocket upgrade got, and its JSON body. */
export function refusedUpgrade(
  wsUrl: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}${path}`, { headers });
    socket.once('open', () => {
      socket.close();
      reject(new Error('the upgrade was accepted'));
    });
    socket.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk;
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(body) }),
      );
    });
    socket.once('error', () => undefined);
  });
}
