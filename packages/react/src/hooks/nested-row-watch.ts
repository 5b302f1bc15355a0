import type { MergeableStore } from 'tinybase';

/**
 * Tells React when one of the referenced rows a hook shows changes, and only then: a list of
 * tasks with their assignees re-renders when a shown assignee changes, not for every write to
 * the users table. Feeds `useSyncExternalStore`: the snapshot is a version bumped per change.
 */
export class NestedRowWatch {
  private version = 0;
  /** Referenced row ids shown by the last computed rows, per referenced table. */
  private watched = new Map<string, ReadonlySet<string>>();
  /** The referenced tables' hashes when the rows were computed, to catch changes made since. */
  private hashesAtCompute: Readonly<Record<string, number>> = {};

  constructor(private readonly store: MergeableStore) {}

  getVersion = (): number => this.version;

  /** Records what the rows just computed show. Called while rendering, before subscribing. */
  watch(watched: Map<string, ReadonlySet<string>>): void {
    this.watched = watched;
    this.hashesAtCompute = this.store.getMergeableTableHashes();
  }

  subscribe(tableIds: readonly string[], onChange: () => void): () => void {
    const changed = () => {
      this.version++;
      onChange();
    };
    const listenerIds = tableIds.map((tableId) =>
      this.store.addRowListener(tableId, null, (_store, _tableId, rowId) => {
        if (this.watched.get(tableId)?.has(rowId)) changed();
      }),
    );
    // A write between rendering and subscribing fired no listener: the hashes still show it.
    const hashes = this.store.getMergeableTableHashes();
    if (tableIds.some((tableId) => hashes[tableId] !== this.hashesAtCompute[tableId])) changed();
    return () => {
      for (const listenerId of listenerIds) this.store.delListener(listenerId);
    };
  }
}
