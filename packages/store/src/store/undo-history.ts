import type { CellOrUndefined, MergeableStore } from 'tinybase';

/** Old and new value of every cell one local write touched: tableId → rowId → cellId → [old, new]. */
type CellChanges = Record<
  string,
  Record<string, Record<string, [CellOrUndefined, CellOrUndefined]>>
>;

interface UndoEntry {
  readonly label: string;
  readonly changes: CellChanges;
}

export interface UndoState {
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Label of the write that `undo()` would revert, e.g. `create users`. */
  readonly undoLabel: string | undefined;
  readonly redoLabel: string | undefined;
}

export interface UndoHistory {
  /** Reverts this client's last write (a whole batch at once). Returns false when there is none. */
  undo(): boolean;
  redo(): boolean;
  getState(): UndoState;
  subscribe(listener: () => void): () => void;
  clear(): void;
}

export interface UndoRecorder {
  /** Call inside the store transaction's did-finish phase to record what it changed. */
  record(label: string, changes: CellChanges): void;
}

/**
 * Undo for a collaborative store: it reverts only this client's own writes, never a change
 * merged in from another client. TinyBase's Checkpoints record every change to the store,
 * remote ones included, so undoing there would silently revert a teammate's edit.
 *
 * A cell is reverted only while it still holds the value this client wrote: if someone has
 * changed it since, their newer value wins and is left alone. Undo and redo are ordinary writes,
 * so they sync to other clients like any edit.
 */
export function createUndoHistory(
  store: MergeableStore,
  applyWrite: (write: () => void) => void,
  limit = 100,
): UndoHistory & UndoRecorder {
  const undoStack: UndoEntry[] = [];
  const redoStack: UndoEntry[] = [];
  const listeners = new Set<() => void>();
  let state = computeState();

  function computeState(): UndoState {
    return {
      canUndo: undoStack.length > 0,
      canRedo: redoStack.length > 0,
      undoLabel: undoStack.at(-1)?.label,
      redoLabel: redoStack.at(-1)?.label,
    };
  }

  function changed() {
    state = computeState();
    for (const listener of listeners) listener();
  }

  /** Moves every cell that still holds `expectFrom` to `to` (index 0 = old, 1 = new). */
  function replay(entry: UndoEntry, to: 0 | 1) {
    const expect = to === 0 ? 1 : 0;
    applyWrite(() =>
      store.transaction(() => {
        for (const [tableId, rows] of Object.entries(entry.changes)) {
          for (const [rowId, cells] of Object.entries(rows)) {
            for (const [cellId, values] of Object.entries(cells)) {
              if (store.getCell(tableId, rowId, cellId) !== values[expect]) continue;
              const target = values[to];
              if (target === undefined) store.delCell(tableId, rowId, cellId, true);
              else store.setCell(tableId, rowId, cellId, target);
            }
          }
        }
      }),
    );
  }

  /** Takes the newest entry of `from`, replays it towards old (0) or new (1), files it in `to`. */
  function move(from: UndoEntry[], to: UndoEntry[], direction: 0 | 1): boolean {
    const entry = from.pop();
    if (entry === undefined) return false;
    replay(entry, direction);
    to.push(entry);
    changed();
    return true;
  }

  return {
    record(label, changes) {
      if (Object.keys(changes).length === 0) return;
      undoStack.push({ label, changes });
      if (undoStack.length > limit) undoStack.shift();
      redoStack.length = 0;
      changed();
    },
    undo: () => move(undoStack, redoStack, 0),
    redo: () => move(redoStack, undoStack, 1),
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      undoStack.length = 0;
      redoStack.length = 0;
      changed();
    },
  };
}
