import {
  type AnySchema,
  createSyncClient,
  createTinySyncStore,
  indexedDbPersister,
  memoryPersister,
  type PersisterFactory,
  type SyncClientOptions,
} from '@tinysync/store';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { localDatabaseName, trackClosing } from './local-data.js';
import { TinySyncContext, type TinySyncSession } from './tinysync-context.js';

export interface TinySyncProviderProps<S extends AnySchema> {
  readonly schema: S;
  /** `org_<orgId>` or `user_<userId>`: one local database and one server store per id. */
  readonly storeId: string;
  /** The sync worker, e.g. `wss://sync.example.com`; without it the store stays local. */
  readonly url?: string;
  /**
   * A current session token (Clerk's `getToken`); asked again for every connection, and with
   * `{ skipCache: true }` for a fresh one shortly before the one in use expires.
   */
  readonly getToken?: SyncClientOptions['getToken'];
  /** Local persistence: IndexedDB (default), memory, a persister factory, or none. */
  readonly persist?: 'indexeddb' | 'memory' | PersisterFactory | false;
  /** Rendered while local data loads (before the first render of `children`). */
  readonly fallback?: ReactNode;
  /** A WebSocket class where there is no global one (Node: `ws`). */
  readonly WebSocket?: unknown;
  readonly children?: ReactNode;
}

/**
 * Opens the store for `storeId` (loading local data before its children first render), keeps
 * it in sync with the server when `url` is given, and closes both when unmounted or when the
 * store id changes. Safe under StrictMode: the first mount's store and socket are closed before
 * the second mount opens its own.
 */
export function TinySyncProvider<S extends AnySchema>(props: TinySyncProviderProps<S>) {
  const { schema, storeId, url, persist = 'indexeddb', fallback = null, WebSocket } = props;
  const [session, setSession] = useState<TinySyncSession | null>(null);
  // The latest getToken, without reconnecting when an inline function changes identity.
  const getTokenRef = useRef(props.getToken);
  getTokenRef.current = props.getToken;

  useEffect(() => {
    const app = createTinySyncStore(schema, {
      ...(persist === false ? {} : { persister: persisterFor(persist, storeId) }),
    });
    const client =
      url === undefined
        ? undefined
        : createSyncClient({
            store: app,
            url,
            storeId,
            getToken: (request) => getTokenRef.current?.(request),
            ...(WebSocket === undefined ? {} : { WebSocket }),
          });
    let open = true;
    app.ready.then(() => {
      if (!open) return;
      setSession({ storeId, app, client });
      void client?.start();
    });
    return () => {
      open = false;
      setSession(null);
      void client?.destroy();
      trackClosing(storeId, app.destroy());
    };
  }, [schema, storeId, url, persist, WebSocket]);

  if (session === null) return fallback;
  return <TinySyncContext.Provider value={session}>{props.children}</TinySyncContext.Provider>;
}

function persisterFor(persist: 'indexeddb' | 'memory' | PersisterFactory, storeId: string) {
  if (persist === 'indexeddb') return indexedDbPersister(localDatabaseName(storeId));
  if (persist === 'memory') return memoryPersister(new Map(), storeId);
  return persist;
}
