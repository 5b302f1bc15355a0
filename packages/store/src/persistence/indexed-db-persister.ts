import type { MergeableContent, MergeableStore } from 'tinybase';
import { createCustomPersister, type Persists } from 'tinybase/persisters';
import { PersistenceUnavailableError } from '../errors.js';
import { type ContentHashes, hashesOf, nextTask, sameHashes } from './content-hashes.js';
import {
  type ContentDatabase,
  openContentDatabase,
  type SavedContent,
} from './indexed-db-content.js';
import type { LocalPersister, MergeablePersister, PersisterFactory } from './local-persister.js';
import { createMemoryPersister } from './memory-persister.js';
import { parseMergeableContent, stringifyMergeableContent } from './mergeable-json.js';

export interface IndexedDbPersisterOptions {
  /**
   * How often to look for changes another tab saved, in seconds; off (`false`) by default.
   * Loading what another tab saved replaces the store with it, so a poll that lands between a
   * write and its save can drop that write. Turn it on only
   * where several tabs must see each other offline; syncing through the server covers tabs
   * that are online.
   */
  readonly autoLoadIntervalSeconds?: number | false;
}

const MERGEABLE_STORE_ONLY = 2 as Persists.MergeableStoreOnly;

/**
 * Persists the store, with its CRDT stamps, in IndexedDB, so a reload keeps offline edits and
 * deletions (a deleted row stays deleted when it later merges with the server). Where
 * IndexedDB cannot be opened (no API, private mode, blocked), the store keeps working in
 * memory and the problem is reported as a warning.
 *
 * Built for the cold start: the content is one JSON string (parsed several times faster than
 * the nested objects TinyBase's IndexedDB persister stores), the connection opened to check
 * that IndexedDB works is kept for every read and write, and a save that would write back
 * exactly what the database holds (the first save after loading, the last one on closing) is
 * skipped. Databases TinyBase's persister wrote are still read, and rewritten on the next save.
 */
export function indexedDbPersister(
  dbName: string,
  options: IndexedDbPersisterOptions = {},
): PersisterFactory {
  const { autoLoadIntervalSeconds = false } = options;
  return async (store, { warn }) => {
    let database: ContentDatabase;
    try {
      database = await openContentDatabase(dbName);
    } catch (error) {
      warn(
        new PersistenceUnavailableError(
          `IndexedDB is unavailable (${describe(error)}); '${dbName}' is kept in memory and will not survive a reload`,
        ),
      );
      return createMemoryPersister(store);
    }
    const { persister, readSaved } = createJsonPersister(
      store,
      database,
      autoLoadIntervalSeconds,
      (error) =>
        warn(
          new PersistenceUnavailableError(`IndexedDB '${dbName}' failed: ${describe(error)}`, {
            cause: error,
          }),
        ),
    );
    return {
      description: `indexeddb:${dbName}`,
      persister,
      autoLoad: autoLoadIntervalSeconds !== false,
      readSaved,
    };
  };
}

/** What the database holds, as far as this persister knows. */
interface KnownSaved {
  /** Our JSON text; undefined when the database holds TinyBase's format (to be rewritten). */
  readonly json: string | undefined;
  readonly hashes: ContentHashes;
}

function createJsonPersister(
  store: MergeableStore,
  database: ContentDatabase,
  autoLoadIntervalSeconds: number | false,
  onError: (error: unknown) => void,
): Pick<LocalPersister, 'persister'> & {
  readonly readSaved: () => Promise<MergeableContent | undefined>;
} {
  let known: KnownSaved | undefined;

  const remember = (saved: SavedContent): MergeableContent => {
    const content = saved.format === 'json' ? parseMergeableContent(saved.json) : saved.content;
    known = { json: saved.format === 'json' ? saved.json : undefined, hashes: hashesOf(content) };
    return content;
  };

  const getPersisted = async () => {
    const saved = await database.read();
    return saved === undefined ? undefined : remember(saved);
  };

  const setPersisted = async (getContent: () => MergeableContent) => {
    // Every save writes the whole store: a burst of writes is saved once, after it, and a
    // save of what the database already holds (e.g. the first after loading) is skipped.
    await nextTask();
    const unchanged =
      known?.json !== undefined && sameHashes(store.getMergeableContentHashes(), known.hashes);
    if (unchanged) return;
    const content = getContent();
    const hashes = hashesOf(content);
    const json = stringifyMergeableContent(content);
    await database.write(json);
    known = { json, hashes };
  };

  /** Polls for another tab's saves; our own are recognised and not loaded back. */
  const addPersisterListener = (listener: (content?: MergeableContent) => void) => {
    let polling: Promise<void> | undefined;
    const poll = async () => {
      const saved = await database.read();
      if (saved === undefined) return;
      if (saved.format === 'json' && saved.json === known?.json) return;
      const previous = known;
      const content = remember(saved);
      if (previous !== undefined && sameHashes(previous.hashes, hashesOf(content))) return;
      listener(content);
    };
    const interval = setInterval(
      () => {
        polling ??= poll()
          .catch(onError)
          .finally(() => {
            polling = undefined;
          });
      },
      (autoLoadIntervalSeconds === false ? 1 : autoLoadIntervalSeconds) * 1000,
    );
    return {
      stop: async () => {
        clearInterval(interval);
        await polling;
      },
    };
  };

  const persister = createCustomPersister(
    store,
    getPersisted,
    setPersisted,
    addPersisterListener,
    (handle) => handle.stop(),
    onError,
    MERGEABLE_STORE_ONLY,
  );
  // The connection is this persister's: close it once the persister is done with it.
  const closingPersister = Object.freeze({
    ...persister,
    destroy: async () => {
      await persister.destroy();
      database.close();
      return persister;
    },
  }) as MergeablePersister;
  return {
    persister: closingPersister,
    readSaved: async () => {
      try {
        return await getPersisted();
      } catch (error) {
        onError(error);
        return undefined;
      }
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.name === 'Error' ? error.message : `${error.name}: ${error.message}`;
}
