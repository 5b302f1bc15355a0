import type { WrittenTables } from '@tinysync/store';
import type { MergeableStore } from 'tinybase';

type MutableTables = Record<
  string,
  Record<string, Record<string, unknown> | undefined> | undefined
>;

/**
 * Runs a write and collects the cells it changed, from the transactions it finishes (a row's
 * create is one; TinyBase reports deletions as `undefined`). The sync client watches those
 * cells to tell a refused write from one the server took.
 */
export function captureWritten<Result>(
  store: MergeableStore,
  write: () => Result,
): { readonly result: Result; readonly written: WrittenTables } {
  const written: MutableTables = {};
  const listenerId = store.addDidFinishTransactionListener((finished) =>
    mergeChanges(written, finished.getTransactionChanges()[0] as WrittenTables),
  );
  try {
    return { result: write(), written };
  } finally {
    store.delListener(listenerId);
  }
}

/** Later transactions of one write win, as they do in the store. */
function mergeChanges(into: MutableTables, changes: WrittenTables): void {
  for (const [tableId, rows] of Object.entries(changes)) {
    if (rows === undefined) {
      into[tableId] = undefined;
      continue;
    }
    const table = into[tableId] ?? {};
    into[tableId] = table;
    for (const [rowId, cells] of Object.entries(rows)) {
      table[rowId] = cells === undefined ? undefined : { ...table[rowId], ...cells };
    }
  }
}
