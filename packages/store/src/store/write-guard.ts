import { createMiddleware, type MergeableStore, type Middleware } from 'tinybase';
import { ValidationError } from '../errors.js';
import type { AnySchema } from '../schema/row-types.js';
import { cellIssue } from '../validation/validate-rows.js';

/**
 * Who is writing right now:
 * - `direct`: application code calling the raw TinyBase store, which the guard validates;
 * - `operation`: a TinySync operation, already validated as a whole row;
 * - `replication`: a merge from another replica (sync or local load). It is not filtered here:
 *   dropping a merged cell would leave its CRDT stamp behind without the value, and replicas
 *   would stop converging. Changes from clients are validated by the server instead.
 */
export type WriteSource = 'direct' | 'operation' | 'replication';

export interface WriteGuard {
  /** Runs `write` with the given source; nested calls keep the outermost source. */
  as<R>(source: Exclude<WriteSource, 'direct'>, write: () => R): R;
  /**
   * Runs a merge of a whole replica's content with TinyBase's middleware set aside. With any
   * middleware in place, TinyBase structured-clones and deep-compares the merged changes and
   * calls the cell callback for every cell: for 50k rows that is most of a second, spent on
   * a merge the guard lets through anyway. The merge counts as replication, as it would with
   * the middleware in place (writes by mutator listeners inside it were never checked).
   */
  mergeUnguarded<R>(merge: () => R): R;
  /** Calls `listener` after each transaction this replica made itself (not a merge) that changed something. */
  onLocalChange(listener: () => void): () => void;
  destroy(): void;
}

/**
 * Keeps raw writes to the TinyBase store (`store.setCell(...)`, `store.setRow(...)`) inside the
 * schema. TinyBase's middleware cannot throw back to the caller, so a refused raw write is
 * dropped and reported through `onRejected`; TinySync's own operations throw instead.
 */
export function createWriteGuard(
  store: MergeableStore,
  schema: AnySchema,
  onRejected: (error: ValidationError) => void,
): WriteGuard {
  let source: WriteSource = 'direct';
  const wholeDeletes = new Set<string>();
  const isGuarded = () => source === 'direct';

  const reject = (tableId: string, rowId: string, cellId: string | undefined, message: string) => {
    onRejected(
      new ValidationError([
        cellId === undefined ? { tableId, rowId, message } : { tableId, rowId, cellId, message },
      ]),
    );
    return undefined;
  };

  // TinyBase keeps one middleware per store: TinySync's. Destroying it (to merge unguarded)
  // and creating it again is the only way to take it out of TinyBase's write path.
  const arm = (): Middleware =>
    createMiddleware(store)
      .addWillApplyChangesCallback((changes) => {
        // Replication arrives as applied changes; the flag lasts until its transaction ends.
        if (source === 'direct') source = 'replication';
        return changes;
      })
      .addWillSetRowCallback((tableId, rowId, row) => {
        if (!isGuarded()) return row;
        const rowSchema = schema.rowSchemas[tableId];
        if (rowSchema === undefined)
          return reject(tableId, rowId, undefined, `unknown table '${tableId}'`);
        const result = rowSchema.safeParse(row);
        if (result.success) return row;
        const issue = result.error.issues[0];
        const cellId = typeof issue?.path[0] === 'string' ? issue.path[0] : undefined;
        return reject(tableId, rowId, cellId, issue?.message ?? 'invalid row');
      })
      .addWillSetCellCallback((tableId, rowId, cellId, cell) => {
        if (!isGuarded()) return cell;
        const issue = cellIssue(schema, tableId, cellId, cell);
        return issue === undefined ? cell : reject(tableId, rowId, cellId, issue);
      })
      // Deleting a whole row or table deletes its cells one by one; only lone cell deletes are checked.
      .addWillDelTableCallback((tableId) => {
        wholeDeletes.add(tableId);
        return true;
      })
      .addWillDelRowCallback((tableId, rowId) => {
        wholeDeletes.add(`${tableId}/${rowId}`);
        return true;
      })
      .addWillDelCellCallback((tableId, rowId, cellId) => {
        if (!isGuarded() || wholeDeletes.has(tableId) || wholeDeletes.has(`${tableId}/${rowId}`)) {
          return true;
        }
        const issue = cellIssue(schema, tableId, cellId, undefined);
        if (issue === undefined) return true;
        reject(tableId, rowId, cellId, `cannot delete: ${issue}`);
        return false;
      });
  let middleware = arm();

  const localChangeListeners = new Set<() => void>();
  const resetListenerId = store.addDidFinishTransactionListener(() => {
    wholeDeletes.clear();
    const local = source !== 'replication';
    if (!local && depth === 0) source = 'direct';
    if (local && localChangeListeners.size > 0 && hasChangedCells(store)) {
      for (const listener of localChangeListeners) listener();
    }
  });

  let depth = 0;
  const as = <R>(requested: Exclude<WriteSource, 'direct'>, write: () => R): R => {
    if (depth > 0) return write();
    const previous = source;
    source = requested;
    depth++;
    try {
      return write();
    } finally {
      depth--;
      source = previous;
    }
  };
  return {
    as,
    mergeUnguarded: (merge) =>
      as('replication', () => {
        middleware.destroy();
        try {
          return merge();
        } finally {
          middleware = arm();
        }
      }),
    onLocalChange(listener) {
      localChangeListeners.add(listener);
      return () => localChangeListeners.delete(listener);
    },
    destroy() {
      localChangeListeners.clear();
      store.delListener(resetListenerId);
      middleware.destroy();
    },
  };
}

function hasChangedCells(store: MergeableStore): boolean {
  return Object.keys(store.getTransactionLog()[2]).length > 0;
}
