import { useEffect } from 'react';
import { useUndo } from '../use-undo.js';
import { kitClassName } from './kit-class-name.js';

export interface UndoRedoProps {
  /** Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (or Ctrl+Y) anywhere outside text fields (default true). */
  readonly keyboardShortcuts?: boolean;
  readonly className?: string;
}

/** Undo and redo of this device's own edits; a teammate's changes are never reverted. */
export function UndoRedo({ keyboardShortcuts = true, className }: UndoRedoProps) {
  const { undo, redo, canUndo, canRedo, undoLabel, redoLabel } = useUndo();

  useEffect(() => {
    if (!keyboardShortcuts) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTextEntry(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undo();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        redo();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [keyboardShortcuts, undo, redo]);

  return (
    <fieldset className={kitClassName('undo-redo', className)}>
      <legend className="tinysync-visually-hidden">History</legend>
      <button
        type="button"
        className="tinysync-button"
        disabled={!canUndo}
        onClick={undo}
        title={undoLabel === undefined ? 'Nothing to undo' : `Undo ${undoLabel}`}
        aria-keyshortcuts={keyboardShortcuts ? 'Control+Z Meta+Z' : undefined}
      >
        Undo
      </button>
      <button
        type="button"
        className="tinysync-button"
        disabled={!canRedo}
        onClick={redo}
        title={redoLabel === undefined ? 'Nothing to redo' : `Redo ${redoLabel}`}
        aria-keyshortcuts={keyboardShortcuts ? 'Control+Shift+Z Meta+Shift+Z' : undefined}
      >
        Redo
      </button>
    </fieldset>
  );
}

/** Text fields keep their own undo. */
function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')
  );
}
