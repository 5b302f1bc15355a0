import { REQUEST_TIMEOUT_SECONDS } from '../protocol/wire-protocol.js';
import type { AnySchema } from '../schema/row-types.js';
import type { TinySyncStore } from '../store/create-tinysync-store.js';
import type { SyncClientOptions } from './sync-client.js';
import type { GetToken } from './token-refresher.js';

/** A sync client's options with its URLs and defaults worked out once, as its parts read them. */
export interface SyncContext {
  readonly options: SyncClientOptions;
  readonly app: TinySyncStore<AnySchema>;
  readonly getToken: GetToken;
  readonly socketUrl: string;
  readonly snapshotUrl: string;
  readonly fetchImpl: typeof fetch;
  readonly requestTimeoutSeconds: number;
}

export function syncContext(options: SyncClientOptions): SyncContext {
  const { store: app, getToken } = options;
  const baseUrl = options.url.replace(/\/+$/, '');
  const socketUrl = `${baseUrl}/sync/${encodeURIComponent(options.storeId)}`;
  const snapshotUrl = `${baseUrl.replace(/^ws/, 'http')}/stores/${encodeURIComponent(options.storeId)}/snapshot`;
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const requestTimeoutSeconds = options.requestTimeoutSeconds ?? REQUEST_TIMEOUT_SECONDS;
  return { options, app, getToken, socketUrl, snapshotUrl, fetchImpl, requestTimeoutSeconds };
}
