import type { MergeableContent, MergeableStore } from 'tinybase';
import type { Persister, Persists } from 'tinybase/persisters';
import type { PersistenceUnavailableError } from '../errors.js';

export type MergeablePersister = Persister<
  Persists.MergeableStoreOnly | Persists.StoreOrMergeableStore
>;

/** A persister opened for a store, and how the store should drive it. */
export interface LocalPersister {
  /** What the data is kept in, e.g. `indexeddb:tinysync:org_1` or `memory`. */
  readonly description: string;
  readonly persister: MergeablePersister;
  /** Poll for changes written by another instance (another tab) and load them. */
  readonly autoLoad: boolean;
  /**
   * The saved content, for the store to merge itself (see `TinySyncStore.mergeContent`: the
   * write guard steps aside, which TinyBase's own load cannot do); undefined when nothing is
   * saved. A read that fails is reported as a warning and reads as nothing saved. Without
   * it the store loads through `persister.load()`.
   */
  readonly readSaved?: () => Promise<MergeableContent | undefined>;
}

export interface PersistenceContext {
  /** Non-fatal trouble (storage unavailable, a failed save): reported, never thrown. */
  readonly warn: (error: PersistenceUnavailableError) => void;
}

/** Opens local persistence for a store. Injected into `createTinySyncStore` as `persister`. */
export type PersisterFactory = (
  store: MergeableStore,
  context: PersistenceContext,
) => Promise<LocalPersister>;
