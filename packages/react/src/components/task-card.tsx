import { memo, useEffect, useRef } from 'react';
import { useUser } from './app-hooks.js';
import type { Task } from './task-moves.js';

/** A move a card offers; the board decides where it lands. */
export type CardAction = 'left' | 'right' | 'up' | 'down';

export interface CardMove {
  readonly action: CardAction;
  /** Accessible name, e.g. `Move “Write docs” to Done`. */
  readonly label: string;
  /** False at a column's edge or end: the button stays, disabled, so the layout holds still. */
  readonly possible: boolean;
}

export interface TaskCardProps {
  readonly task: Task;
  readonly moves: readonly CardMove[];
  readonly onMove: (task: Task, action: CardAction) => void;
  /** Set (a new object per move) after this card moved, so keyboard users keep their place. */
  readonly focusRequest: { readonly action: CardAction } | undefined;
}

const SYMBOLS: Record<CardAction, string> = { left: '←', right: '→', up: '↑', down: '↓' };

/** A task with buttons to move it: every move works from the keyboard. */
export const TaskCard = memo(function TaskCard({
  task,
  moves,
  onMove,
  focusRequest,
}: TaskCardProps) {
  const { user: assignee } = useUser(task.assigneeId);
  const cardRef = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (focusRequest === undefined) return;
    const card = cardRef.current;
    const button = card?.querySelector<HTMLButtonElement>(
      `[data-action="${focusRequest.action}"]:not(:disabled)`,
    );
    (button ?? card)?.focus();
  }, [focusRequest]);
  return (
    <li ref={cardRef} className="tinysync-card" tabIndex={-1} aria-label={task.title}>
      <span className="tinysync-card__title">{task.title}</span>
      {assignee === undefined ? null : <span className="tinysync-card__meta">{assignee.name}</span>}
      {moves.length === 0 ? null : (
        <div className="tinysync-card__moves">
          {moves.map(({ action, label, possible }) => (
            <button
              key={action}
              type="button"
              className="tinysync-button"
              data-size="small"
              data-action={action}
              aria-label={label}
              title={label}
              disabled={!possible}
              onClick={() => onMove(task, action)}
            >
              <span aria-hidden="true">{SYMBOLS[action]}</span>
            </button>
          ))}
        </div>
      )}
    </li>
  );
});
