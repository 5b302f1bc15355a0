import type { MergeableStore } from 'tinybase';
import type { Persister, Persists } from 'tinybase/persisters';
import type { PersistenceUnavailableError } from '../errors.ts';

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
