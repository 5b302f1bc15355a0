import { useCallback, useSyncExternalStore } from 'react';
import { useTinySyncSession } from './tinysync-context.js';

export interface UndoControls {
  readonly undo: () => boolean;
  readonly redo: () => boolean;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** What `undo` would revert, e.g. `create users`. */
  readonly undoLabel: string | undefined;
  readonly redoLabel: string | undefined;
}

/** Undo and redo of this client's own writes (never a teammate's merged change). */
export function useUndo(): UndoControls {
  const { app } = useTinySyncSession('useUndo');
  const state = useSyncExternalStore(app.history.subscribe, app.history.getState);
  const undo = useCallback(() => app.undo(), [app]);
  const redo = useCallback(() => app.redo(), [app]);
  return { ...state, undo, redo };
}
