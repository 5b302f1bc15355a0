import type { AnySchema, TinySyncStore } from '@tinysync/store';
import type { TablesSchema } from 'tinybase';
import type { MirrorStatus, PullResult, StoreMirror } from '../turso/store-mirror.js';
import { anyTable } from './any-table.js';
import { type RowQuery, typedFilter } from './row-query.js';
import { SnapshotCache } from './snapshot-cache.js';
import { failure, type StoreResult, storeResult } from './store-result.js';
import { textStream } from './text-stream.js';

/** tableId → rowId → cellId → value: TinySync cells are strings, numbers and booleans. */
export type ExportedTables = Record<
  string,
  Record<string, Record<string, string | number | boolean>>
>;

export interface StoreRpcSource {
  readonly tablesSchema: TablesSchema;
  /** The server's copy of the store; undefined until the object has created it. */
  readonly app: () => TinySyncStore<AnySchema> | undefined;
  readonly mirror: () => StoreMirror | undefined;
}

/** The snapshot of a store the object has not made yet: no tables, no values. */
const EMPTY_SNAPSHOT = JSON.stringify([
  [{}, '', 0],
  [{}, '', 0],
]);

const unknownTable = (tableId: string) => failure('not_found', `No table '${tableId}'`);

/**
 * The store's HTTP API, called over RPC by the Worker after it has checked the session (the
 * Durable Object's methods of the same names delegate here). Writes made here change the
 * server's store, which TinyBase then pushes to every client. Errors come back as results:
 * thrown ones lose their class and fields on the way over RPC.
 */
export class StoreRpc {
  readonly #source: StoreRpcSource;
  readonly #snapshots = new SnapshotCache();

  constructor(source: StoreRpcSource) {
    this.#source = source;
  }

  listRows(tableId: string, query: RowQuery): StoreResult<{ rows: unknown[]; total: number }> {
    const table = this.#table(tableId);
    if (table === undefined) return unknownTable(tableId);
    const { tablesSchema } = this.#source;
    const where = typedFilter(tablesSchema, tableId, query.where ?? {});
    if (typeof where === 'string') return failure('bad_request', where);
    if (query.sortBy !== undefined && !Object.hasOwn(tablesSchema[tableId] ?? {}, query.sortBy)) {
      return failure('bad_request', `cannot sort by unknown cell '${query.sortBy}'`);
    }
    return storeResult(() => {
      const matching = table.list({
        where,
        ...(query.sortBy ? { sortBy: query.sortBy } : {}),
        descending: query.descending ?? false,
      });
      const offset = query.offset ?? 0;
      return {
        rows: matching.slice(offset, offset + (query.limit ?? matching.length)),
        total: matching.length,
      };
    });
  }

  getRow(tableId: string, rowId: string): StoreResult<unknown> {
    const table = this.#table(tableId);
    if (table === undefined) return unknownTable(tableId);
    const row = table.get(rowId);
    return row === undefined
      ? failure('not_found', `No row '${rowId}' in '${tableId}'`)
      : { ok: true, value: row };
  }

  createRow(tableId: string, input: Record<string, unknown>): StoreResult<unknown> {
    const table = this.#table(tableId);
    return table === undefined
      ? unknownTable(tableId)
      : storeResult(() => table.create(input as never));
  }

  updateRow(tableId: string, rowId: string, patch: Record<string, unknown>): StoreResult<unknown> {
    const table = this.#table(tableId);
    return table === undefined
      ? unknownTable(tableId)
      : storeResult(() => table.update(rowId, patch as never));
  }

  deleteRow(tableId: string, rowId: string): StoreResult<null> {
    const table = this.#table(tableId);
    return table === undefined
      ? unknownTable(tableId)
      : storeResult(() => {
          table.delete(rowId);
          return null;
        });
  }

  exportContent(): StoreResult<{ tables: ExportedTables }> {
    // TinyBase builds prototype-less objects, which RPC cannot clone: copy into plain ones.
    const tables = JSON.parse(
      JSON.stringify(this.#source.app()?.store.getTables() ?? {}),
    ) as ExportedTables;
    return { ok: true, value: { tables } };
  }

  /**
   * The whole CRDT content (values, stamps and hashes) as JSON, for a client with an empty store
   * to start from: `setMergeableContent` takes the hashes as they are, where the same content
   * through the sync protocol is re-validated and re-hashed cell by cell on the client.
   *
   * A byte stream, not a string: an RPC result is one message, and a message over the runtime's
   * limit (32 MiB, about 130k rows) fails; the text is encoded a slice at a time as it is read.
   * The text is kept until the store changes (snapshot-cache.ts).
   */
  snapshot(): ReadableStream<Uint8Array> {
    const store = this.#source.app()?.store;
    return textStream(store === undefined ? EMPTY_SNAPSHOT : this.#snapshots.text(store));
  }

  mirrorStatus(): MirrorStatus {
    return this.#source.mirror()?.status() ?? { mirror: 'disabled' };
  }

  async pullFromMirror(): Promise<StoreResult<PullResult>> {
    const mirror = this.#source.mirror();
    if (mirror === undefined) {
      return failure('mirror_disabled', 'No Turso database is configured (TURSO_DATABASE_URL)');
    }
    try {
      return { ok: true, value: await mirror.pull() };
    } catch (error) {
      return failure(
        'database_unavailable',
        `Turso could not be read: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  #table(tableId: string) {
    return anyTable(this.#source.app(), tableId);
  }
}
