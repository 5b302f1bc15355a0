import {
  type AppSchema,
  appSchema,
  createSyncClient,
  createTinySyncStore,
  type MemoryStorage,
  memoryPersister,
  type SyncClient,
  type TinySyncStore,
} from '@tinysync/store';
import { WebSocket } from 'ws';
import type { RunningSystem, Session } from './running-system.ts';

/** What users run: a TinySync store kept in (memory) local storage, synced by the SyncClient. */
export interface TinySyncClient {
  readonly app: TinySyncStore<AppSchema>;
  readonly client: SyncClient;
  /** The local storage: open another client on it to simulate a reload of the page. */
  readonly storage: MemoryStorage;
  /** Bytes the current socket has not sent yet; 0 while disconnected. */
  unsentBytes(): number;
  /** WebSockets opened so far: more than one means it reconnected. */
  socketsOpened(): number;
  /** How each closed socket ended (`1009 message too big`, …), oldest first: why it reconnected. */
  closes(): string[];
  /** Stops syncing and local persistence (the storage keeps what was saved). */
  close(): Promise<void>;
}

export interface TinySyncClientOptions {
  readonly session?: Session;
  /** Local storage to start from; a new, empty one (a wiped or new device) by default. */
  readonly storage?: MemoryStorage;
  /**
   * False: no local persistence at all. For bursts of tens of thousands of rows where the
   * local copy is not under test: the memory persister copies the whole store on every save,
   * which makes a 50k-row burst take minutes on its own.
   */
  readonly persisted?: boolean;
}

/**
 * Opens the product's client for `storeId` on the running system and starts syncing. Reconnects
 * quickly (100 ms – 1 s backoff) so tests spend their time on the behaviour, not on waiting.
 */
export async function openTinySyncClient(
  system: RunningSystem,
  storeId: string,
  { session, storage = new Map(), persisted = true }: TinySyncClientOptions = {},
): Promise<TinySyncClient> {
  const sockets: WebSocket[] = [];
  const closes: string[] = [];
  // The SyncClient keeps its socket to itself; the writer needs its backlog (see unsentBytes).
  class ObservedWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      sockets.push(this);
      this.on('close', (code, reason) => closes.push(`${code} ${String(reason)}`.trim()));
    }
  }
  const app = createTinySyncStore(
    appSchema,
    persisted ? { persister: memoryPersister(storage, storeId) } : {},
  );
  const client = createSyncClient({
    store: app,
    url: system.worker.wsUrl,
    storeId,
    getToken: () => system.tokenFor(storeId, session),
    WebSocket: ObservedWebSocket,
    minReconnectDelayMs: 100,
    maxReconnectDelayMs: 1_000,
    unauthorizedRetryMs: 200,
  });
  await client.start();
  return {
    app,
    client,
    storage,
    unsentBytes() {
      const socket = sockets.at(-1);
      return socket?.readyState === WebSocket.OPEN ? socket.bufferedAmount : 0;
    },
    socketsOpened: () => sockets.length,
    closes: () => [...closes],
    async close() {
      await client.destroy();
      await app.destroy();
    },
  };
}

/**
 * Throws unless the client reports that the server holds everything it has (`synced`), saying
 * how its sockets ended so far: for `eventually`, and as a precondition of later checks.
 */
export function assertSynced(name: string, { client, closes }: TinySyncClient): void {
  const { status } = client.getSnapshot();
  if (status === 'synced') return;
  const counted = new Map<string, number>();
  for (const close of closes()) counted.set(close, (counted.get(close) ?? 0) + 1);
  const summary = [...counted].map(([close, times]) => `${close} ×${times}`).join(', ');
  throw new Error(`${name} is ${status}; its sockets closed with: ${summary || 'nothing yet'}`);
}
