import type { MergeableContent, MergeableStore } from 'tinybase';
import { createCustomPersister, type Persists } from 'tinybase/persisters';
import { type ContentHashes, hashesOf, nextTask, sameHashes } from './content-hashes.js';
import type { LocalPersister, PersisterFactory } from './local-persister.js';

/** Where memory persisters keep content: share one between stores to simulate a page reload. */
export type MemoryStorage = Map<string, MergeableContent>;

const MERGEABLE_STORE_ONLY = 2 as Persists.MergeableStoreOnly;

/**
 * Keeps the store's full mergeable content (values and CRDT stamps) in a Map. For tests and
 * for environments without durable storage; the content is deep-copied so later edits to the
 * live store cannot leak into what was "saved".
 */
export function memoryPersister(
  storage: MemoryStorage = new Map(),
  key = 'tinysync',
): PersisterFactory {
  return async (store) => createMemoryPersister(store, storage, key);
}

export function createMemoryPersister(
  store: MergeableStore,
  storage: MemoryStorage = new Map(),
  key = 'tinysync',
): LocalPersister {
  /** What this persister last read or wrote under the key, and its hashes. */
  let known: { readonly content: MergeableContent; readonly hashes: ContentHashes } | undefined;
  const read = async () => {
    const content = storage.get(key);
    known = content === undefined ? undefined : { content, hashes: hashesOf(content) };
    return structuredCloneOrUndefined(content);
  };
  const persister = createCustomPersister(
    store,
    read,
    async (getContent) => {
      // Every save copies the whole store: a burst of writes is saved once, after it.
      await nextTask();
      const hashes = store.getMergeableContentHashes();
      // Unless another store wrote under the same key since.
      const unchanged =
        known !== undefined &&
        known.content === storage.get(key) &&
        sameHashes(hashes, known.hashes);
      if (unchanged) return;
      const content = structuredClone(getContent());
      storage.set(key, content);
      known = { content, hashes };
    },
    () => undefined,
    () => undefined,
    undefined,
    MERGEABLE_STORE_ONLY,
  );
  return {
    description: `memory:${key}`,
    persister,
    autoLoad: false,
    readSaved: read,
  };
}

function structuredCloneOrUndefined<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
