import { stringifyMergeableContent } from '@tinysync/store';
import type { MergeableContent } from 'tinybase';

/** What the cache reads of the server's store (a TinyBase MergeableStore, of any schema). */
export interface SnapshotSource {
  getMergeableContent(): unknown;
  addDidFinishTransactionListener(listener: () => void): unknown;
}

/**
 * The store's whole CRDT content as JSON, built once and kept until the store next changes.
 * Building it walks and serialises every cell, stamp and hash; without the cache each
 * `/snapshot` request paid that again, so a client repeating it could keep the object busy.
 * Any finished transaction drops the text (TinyBase runs every change, local or merged, in
 * one), so an answer never lags a change.
 */
export class SnapshotCache {
  #source: SnapshotSource | undefined;
  #text: string | undefined;

  text(source: SnapshotSource): string {
    if (source !== this.#source) {
      this.#source = source;
      this.#text = undefined;
      source.addDidFinishTransactionListener(() => {
        if (source === this.#source) this.#text = undefined;
      });
    }
    // Deleted cells marked as such: JSON would write them as null, which a nullable cell holds.
    this.#text ??= stringifyMergeableContent(source.getMergeableContent() as MergeableContent);
    return this.#text;
  }
}
