import type { MergeableStore } from 'tinybase';

/** No tables and no values ever: hashes of 0 at the top of both (a tombstone is content). */
export function isEmpty(store: Pick<MergeableStore, 'getMergeableContentHashes'>): boolean {
  const [tablesHash, valuesHash] = store.getMergeableContentHashes();
  return tablesHash === 0 && valuesHash === 0;
}
