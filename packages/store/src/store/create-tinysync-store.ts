import {
  createMergeableStore,
  createQueries,
  type MergeableContent as PlainMergeableContent,
  type MergeableStore as PlainMergeableStore,
} from 'tinybase';
import type {
  Indexes,
  MergeableContent,
  MergeableStore,
  NoValuesSchema,
  Queries,
  Relationships,
  TablesSchema,
} from 'tinybase/with-schemas';
import {
  type PersistenceUnavailableError,
  StoreDestroyedError,
  StoreNotReadyError,
  type ValidationError,
} from '../errors.js';
import type { LocalPersister, PersisterFactory } from '../persistence/local-persister.js';
import type { AnySchema, TableId } from '../schema/row-types.js';
import {
  type TinyBaseTablesSchemaOf,
  toTinyBaseTablesSchema,
} from '../schema/tinybase-tables-schema.js';
import { mergeEncodedContent, setEncodedContent } from './encoded-content.js';
import { lazy } from './lazy.js';
import { createSchemaIndexes, createSchemaRelationships } from './schema-indexes.js';
import { createTableOperations, type TableOperations } from './table-operations.js';
import { createUndoHistory, type UndoHistory } from './undo-history.js';
import { createWriteGuard } from './write-guard.js';

/** The `tinybase/with-schemas` type parameters of a TinySync schema's store. */
export type TinyBaseSchemas<S extends AnySchema> = [
  Extract<TinyBaseTablesSchemaOf<S>, TablesSchema>,
  NoValuesSchema,
];

export interface TinySyncStoreOptions {
  /**
   * Local persistence, e.g. `indexedDbPersister('tinysync:org_1')` or `memoryPersister()`.
   * Without one, data lives in memory only and the store is ready at once.
   */
  readonly persister?: PersisterFactory;
  /** Id of this replica in CRDT stamps; TinyBase generates one when omitted. */
  readonly uniqueId?: string;
  /**
   * Adopt an existing MergeableStore instead of creating one, e.g. the copy a sync server
   * keeps; TinySync then owns its tables schema and validates its direct writes.
   */
  readonly mergeableStore?: PlainMergeableStore;
  /** Non-fatal trouble: storage unavailable, raw store writes refused by the schema. */
  readonly onWarning?: (warning: ValidationError | PersistenceUnavailableError) => void;
  /** How many writes `undo()` can go back. */
  readonly undoLimit?: number;
}

export type TableOperationsMap<S extends AnySchema> = {
  readonly [T in TableId<S>]: TableOperations<S, T>;
};

export interface TinySyncStore<S extends AnySchema> {
  readonly schema: S;
  /** Typed operations per table: `tables.users.create({...})`. */
  readonly tables: TableOperationsMap<S>;
  /** The underlying TinyBase MergeableStore, typed by the schema (`tinybase/with-schemas`). */
  readonly store: MergeableStore<TinyBaseSchemas<S>>;
  /** Indexes declared in the schema, by index id; built on first use. */
  readonly indexes: Indexes<TinyBaseSchemas<S>>;
  /** One relationship per reference cell, named `<tableId>.<cellId>` (e.g. `tasks.projectId`). */
  readonly relationships: Relationships<TinyBaseSchemas<S>>;
  readonly queries: Queries<TinyBaseSchemas<S>>;
  /** Undo and redo of this client's own writes. */
  readonly history: UndoHistory;
  /** Resolves once local data is loaded and auto-save runs. Rejects only if loading threw. */
  readonly ready: Promise<void>;
  isReady(): boolean;
  /** Where local data is kept, e.g. `indexeddb:tinysync:org_1`; `memory` without persistence. */
  persistence(): string;
  /** Runs several writes as one transaction and one undo step; a throw rolls all of them back. */
  batch<R>(write: () => R, label?: string): R;
  undo(): boolean;
  redo(): boolean;
  /**
   * Calls `listener` after every transaction this replica made itself (operations, undo, raw
   * writes), never for changes merged in from elsewhere. The sync client counts pending
   * changes with it.
   */
  onLocalChange(listener: () => void): () => void;
  /**
   * Merges the whole content of another replica of this store (e.g. the sync server's
   * snapshot, `getMergeableContent()` of another copy) in one transaction. An empty store takes
   * it as it is, stamps and hashes included; otherwise it is merged like any synced change.
   * Faster than the same content through sync: the write guard steps aside (merges are never
   * validated here; the server validated them), and the local save of the merged content waits
   * for the next task, so an app can render the rows before the whole store is written.
   */
  mergeContent(content: MergeableContent<TinyBaseSchemas<S>>): void;
  /**
   * Replaces the whole local copy with another replica's content (e.g. the server's snapshot):
   * whatever this replica holds that the other does not is gone, local changes not yet synced
   * included. The sync client does this for a read-only session whose copy holds writes the
   * server will never take, so that it can match the server again.
   */
  replaceContent(content: MergeableContent<TinyBaseSchemas<S>>): void;
  /** Saves pending changes, stops persistence and releases listeners. */
  destroy(): Promise<void>;
}

/**
 * Creates a TinySync store for a schema: a TinyBase MergeableStore (CRDT) with typed, validated
 * operations, indexes, relationships, queries, undo, and local persistence.
 *
 * ```ts
 * const app = createTinySyncStore(appSchema, { persister: indexedDbPersister('my-app') });
 * await app.ready;
 * const ada = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
 * ```
 */
export function createTinySyncStore<S extends AnySchema>(
  schema: S,
  options: TinySyncStoreOptions = {},
): TinySyncStore<S> {
  const { persister: openPersister, uniqueId, onWarning = console.warn, undoLimit } = options;
  const store = options.mergeableStore ?? createMergeableStore(uniqueId);
  store.setTablesSchema(toTinyBaseTablesSchema(schema));
  const guard = createWriteGuard(store, schema, onWarning);
  const history = createUndoHistory(store, (write) => guard.as('operation', write), undoLimit);

  // Built on first use: a sorted index re-sorts a slice on every write to its table, a cost a
  // store that never reads through indexes (e.g. a sync server's copy) should not pay.
  const indexes = lazy(() => createSchemaIndexes(store, schema));
  const relationships = lazy(() => createSchemaRelationships(store, schema));
  const queries = lazy(() => createQueries(store));

  let state: 'loading' | 'ready' | 'destroyed' = openPersister === undefined ? 'ready' : 'loading';
  let local: LocalPersister | undefined;
  const assertUsable = () => {
    if (state === 'loading') throw new StoreNotReadyError();
    if (state === 'destroyed') throw new StoreDestroyedError();
  };

  let writing = false;
  const write = <R>(label: string, run: () => R): R => {
    assertUsable();
    if (writing) return run(); // part of an enclosing batch: one transaction, one undo step
    writing = true;
    try {
      return guard.as('operation', () =>
        store.transaction(run, () => {
          history.record(label, structuredClone(store.getTransactionLog()[2]));
          return false;
        }),
      );
    } finally {
      writing = false;
    }
  };
  const read = <R>(run: () => R): R => {
    assertUsable();
    return run();
  };

  const context = { store, schema, builtIndexes: indexes.ifBuilt, read, write };
  const tables = Object.fromEntries(
    schema.tableIds.map((tableId) => [tableId, createTableOperations(context, tableId)]),
  ) as unknown as TableOperationsMap<S>;

  /** An empty store takes the content as it is (stamps and hashes); any other merges it. */
  const mergeUnguarded = (content: PlainMergeableContent) =>
    guard.mergeUnguarded(() => mergeEncodedContent(store, content as never));

  const ready = (async () => {
    if (openPersister === undefined) return;
    local = await openPersister(store, { warn: onWarning });
    // startAutoLoad loads once first, then keeps watching for other tabs' saves; TinyBase's
    // load arrives as applied changes, which the write guard treats as replication.
    if (local.autoLoad) await local.persister.startAutoLoad();
    else if (local.readSaved === undefined) await local.persister.load();
    else {
      const saved = await local.readSaved();
      if (saved !== undefined) mergeUnguarded(saved);
    }
    await local.persister.startAutoSave();
    if (state === 'loading') state = 'ready';
  })();

  return {
    schema,
    tables,
    store: store as unknown as MergeableStore<TinyBaseSchemas<S>>,
    get indexes() {
      return indexes.get() as unknown as Indexes<TinyBaseSchemas<S>>;
    },
    get relationships() {
      return relationships.get() as unknown as Relationships<TinyBaseSchemas<S>>;
    },
    get queries() {
      return queries.get() as unknown as Queries<TinyBaseSchemas<S>>;
    },
    history,
    ready,
    isReady: () => state === 'ready',
    persistence: () => local?.description ?? 'memory',
    batch: (run, label = 'batch') => write(label, run),
    onLocalChange: guard.onLocalChange,
    replaceContent(content) {
      assertUsable();
      guard.mergeUnguarded(() => setEncodedContent(store, content as never));
    },
    mergeContent(content) {
      assertUsable();
      const persister = local?.persister;
      const saveLater = persister?.isAutoSaving() === true;
      // Stopping takes effect at once; starting again saves everything there is first.
      if (saveLater) void persister.stopAutoSave();
      try {
        // The schema-typed content is the plain store's content under a narrower type.
        mergeUnguarded(content as unknown as PlainMergeableContent);
      } finally {
        if (saveLater)
          setTimeout(() => {
            if (state !== 'destroyed') void persister.startAutoSave();
          }, 0);
      }
    },
    undo: () => {
      assertUsable();
      return history.undo();
    },
    redo: () => {
      assertUsable();
      return history.redo();
    },
    async destroy() {
      if (state === 'destroyed') return;
      state = 'destroyed';
      await ready.catch(() => undefined);
      if (local !== undefined) {
        await local.persister.save();
        await local.persister.destroy();
      }
      queries.ifBuilt()?.destroy();
      relationships.ifBuilt()?.destroy();
      indexes.ifBuilt()?.destroy();
      guard.destroy();
    },
  };
}
