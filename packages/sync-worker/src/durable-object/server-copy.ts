import { type AnySchema, createTinySyncStore, type TinySyncStore } from '@tinysync/store';
import { createMergeableStore, type MergeableStore } from 'tinybase';
import type { Persister, Persists } from 'tinybase/persisters';
import { SELECT_ROW_TIME } from '../persistence/cell-stamps-sql.js';
import { createIncrementalSqlPersister } from '../persistence/incremental-sql-persister.js';
import { type MirrorVariables, mirrorSettingsFrom } from '../turso/mirror-settings.js';
import { StoreMirror } from '../turso/store-mirror.js';
import { rememberedStoreId } from './remembered-store-id.js';

/** The server's copy of one store, as the Durable Object holds it. */
export interface ServerCopy {
  /** With TinySync's validated operations, for the HTTP API. */
  readonly app: TinySyncStore<AnySchema>;
  /** The same store as a plain MergeableStore: the schema-typed one, typed for raw changes. */
  readonly store: MergeableStore;
  /** Turso's copy of this store; none when no database is configured (sync works without). */
  readonly mirror: StoreMirror | undefined;
  /** What TinyBase's WsServerDurableObject loads the store with and saves it through. */
  readonly persister: Persister<Persists.MergeableStoreOnly>;
}

export interface ServerCopyOptions {
  readonly schema: AnySchema;
  readonly env: MirrorVariables;
  readonly sql: SqlStorage;
  /** The object's name (its store id), when the runtime tells it. */
  readonly objectName: string | undefined;
  /** A transaction of the copy changed its tables. */
  readonly onChanged: () => void;
  /** Asks for the object's alarm at `time` (the mirror's flushes and polls). */
  readonly wakeAt: (time: number) => void;
  readonly onIgnoredError: (error: unknown) => void;
}

/**
 * The store, persisted incrementally in the object's SQLite and, when Turso is configured,
 * mirrored to it (an empty object hydrates from Turso).
 */
export function createServerCopy(options: ServerCopyOptions): ServerCopy {
  const store = createMergeableStore();
  const app = createTinySyncStore(options.schema, {
    mergeableStore: store,
    onWarning: (warning) =>
      console.warn(
        JSON.stringify({ level: 'warn', event: 'store_warning', message: String(warning) }),
      ),
  });
  store.addDidFinishTransactionListener(() => {
    if (Object.keys(store.getTransactionChanges()[0]).length > 0) options.onChanged();
  });
  const mirror = createMirror(options, app);
  const persister = createIncrementalSqlPersister(store, options.sql, {
    onIgnoredError: options.onIgnoredError,
    ...(mirror === undefined
      ? {}
      : {
          loadWhenEmpty: () => mirror.hydrate(),
          onChangesSaved: (changes) => mirror.recordChanges(changes),
        }),
  });
  return { app, store, mirror, persister };
}

function createMirror(
  { schema, env, sql, objectName, wakeAt }: ServerCopyOptions,
  app: TinySyncStore<AnySchema>,
): StoreMirror | undefined {
  const settings = mirrorSettingsFrom(env);
  const storeId = rememberedStoreId(sql, objectName);
  if (settings === undefined || storeId === undefined) return undefined;
  const mirror = new StoreMirror({
    settings,
    storeId,
    schema,
    sql,
    app: () => app,
    rowStamp: (tableId, rowId) =>
      sql.exec<{ time: string | null }>(SELECT_ROW_TIME, tableId, rowId).one().time,
    wakeAt,
  });
  // Rows left in the outbox by an earlier run are flushed without waiting for a new change.
  const pending = mirror.nextWakeAt(false);
  if (pending !== undefined) wakeAt(pending);
  return mirror;
}
