import type { MergeableContent, MergeableStore } from 'tinybase';
import { createCustomPersister, type Persists } from 'tinybase/persisters';
import type { LocalPersister, PersisterFactory } from './local-persister.ts';

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
  const persister = createCustomPersister(
    store,
    async () => structuredCloneOrUndefined(storage.get(key)),
    async (getContent) => {
      storage.set(key, structuredClone(getContent()));
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
    readSaved: async () => structuredCloneOrUndefined(storage.get(key)),
  };
}

function structuredCloneOrUndefined<T>(value: T | undefined): T | undefined {
  return value === undefined ? undefined : structuredClone(value);
}
