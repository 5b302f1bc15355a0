import type { MergeableContent } from 'tinybase';
import {
  globalIndexedDb,
  type IdbDatabase,
  type IdbFactory,
  requestResult,
  transactionDone,
} from './indexed-db-api.js';

/**
 * The database keeps TinyBase's IndexedDB layout (version 3; object stores `t`, `v`, `m` keyed
 * by `k`), so a tab still running an older build, which persists with TinyBase's persister,
 * can open it without an upgrade. The content lives in the `m` store under its own key.
 */
const TINYBASE_VERSION = 3;
const OBJECT_STORES = ['t', 'v', 'm'] as const;
const CONTENT_STORE = 'm';
const JSON_KEY = 'tinysync-json';
/** Where TinyBase's persister keeps the mergeable tables and values, as structured objects. */
const TINYBASE_KEYS = ['t', 'v'] as const;

/**
 * What a database holds: our JSON text, or content TinyBase's persister saved (databases
 * written before the JSON format, or since by an older tab; a TinyBase save deletes our key).
 */
export type SavedContent =
  | { readonly format: 'json'; readonly json: string }
  | { readonly format: 'tinybase'; readonly content: MergeableContent };

export interface ContentDatabase {
  /** Undefined when nothing was saved yet. */
  read(): Promise<SavedContent | undefined>;
  /** Replaces the saved content (and drops TinyBase's copy, now older) in one transaction. */
  write(json: string): Promise<void>;
  /** Closes the connection; the database is not used afterwards. */
  close(): void;
}

/**
 * Opens a store's database once and keeps the connection for its reads and writes. Rejects
 * when IndexedDB is missing or refuses (private mode, blocked): the caller falls back to memory.
 * The connection steps aside when another one needs to upgrade or delete the database (e.g.
 * `deleteLocalData`) and is reopened on next use.
 */
export async function openContentDatabase(dbName: string): Promise<ContentDatabase> {
  const factory = globalIndexedDb();
  if (factory === undefined) throw new Error('this environment has no indexedDB');
  let current: Promise<IdbDatabase> | undefined;
  let closed = false;
  const connect = (): Promise<IdbDatabase> => {
    if (closed) return Promise.reject(new Error(`IndexedDB '${dbName}' was closed`));
    if (current !== undefined) return current;
    const opening = openWithStores(factory, dbName).then((database) => {
      const forget = () => {
        if (current === opening) current = undefined;
      };
      database.onversionchange = () => {
        database.close();
        forget();
      };
      database.onclose = forget;
      return database;
    });
    current = opening;
    opening.catch(() => {
      if (current === opening) current = undefined;
    });
    return opening;
  };
  await connect();

  return {
    async read() {
      const transaction = (await connect()).transaction(CONTENT_STORE, 'readonly');
      const done = settledLater(transactionDone(transaction));
      const store = transaction.objectStore(CONTENT_STORE);
      const json = await requestResult(store.get(JSON_KEY));
      // Only read TinyBase's records when ours is missing: decoding them is the slow part.
      const [tables, values] =
        json === undefined
          ? await Promise.all(TINYBASE_KEYS.map((key) => requestResult(store.get(key))))
          : [];
      await done;
      if (isRecord(json) && typeof json.v === 'string') return { format: 'json', json: json.v };
      if (isRecord(tables) && isRecord(values)) {
        return { format: 'tinybase', content: [tables.v, values.v] as MergeableContent };
      }
      return undefined;
    },
    async write(json) {
      const transaction = (await connect()).transaction(CONTENT_STORE, 'readwrite');
      const done = settledLater(transactionDone(transaction));
      const store = transaction.objectStore(CONTENT_STORE);
      store.put({ k: JSON_KEY, v: json });
      for (const key of TINYBASE_KEYS) store.delete(key);
      await done;
    },
    close() {
      closed = true;
      void current?.then((database) => database.close()).catch(() => undefined);
      current = undefined;
    },
  };
}

function openWithStores(factory: IdbFactory, dbName: string): Promise<IdbDatabase> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const request = factory.open(dbName, TINYBASE_VERSION);
    request.onupgradeneeded = () => {
      for (const name of OBJECT_STORES) {
        if (!request.result.objectStoreNames.contains(name)) {
          request.result.createObjectStore(name, { keyPath: 'k' });
        }
      }
    };
    request.onsuccess = () => {
      // Opened after we gave up on it (it was blocked): nobody will use or close it.
      if (settled) request.result.close();
      else resolve(request.result);
      settled = true;
    };
    request.onerror = () => {
      settled = true;
      reject(request.error);
    };
    request.onblocked = () => {
      settled = true;
      reject(new Error('the database is blocked by another connection'));
    };
  });
}

/**
 * A transaction's outcome, awaited after its requests: when a request fails first, the
 * transaction's own rejection must not go unhandled.
 */
function settledLater(outcome: Promise<void>): Promise<void> {
  outcome.catch(() => undefined);
  return outcome;
}

function isRecord(value: unknown): value is { readonly k: string; readonly v: unknown } {
  return typeof value === 'object' && value !== null && 'v' in value;
}
