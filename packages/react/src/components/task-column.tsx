import { type ReactNode, useId } from 'react';
import { TASK_STATUS_LABELS, type TaskStatus } from './task-moves.js';

export interface TaskColumnProps {
  readonly status: TaskStatus;
  readonly count: number;
  readonly children: ReactNode;
}

/** One status column: a labelled region holding a list of cards. */
export function TaskColumn({ status, count, children }: TaskColumnProps) {
  const headingId = useId();
  return (
    <section className="tinysync-board__column" aria-labelledby={headingId} data-status={status}>
      <h3 id={headingId} className="tinysync-subheading">
        {TASK_STATUS_LABELS[status]} <span className="tinysync-count">{count}</span>
      </h3>
      {count === 0 ? (
        <p className="tinysync-empty">No tasks</p>
      ) : (
        <ul className="tinysync-board__cards">{children}</ul>
      )}
    </section>
  );
}
