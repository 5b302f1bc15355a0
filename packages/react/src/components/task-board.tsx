import { useCallback, useMemo, useState } from 'react';
import { useStore } from '../use-store.js';
import { useSyncStatus } from '../use-sync-status.js';
import { useTasks, useUpdateTask } from './app-hooks.js';
import { kitClassName } from './kit-class-name.js';
import { type CardAction, type CardMove, TaskCard } from './task-card.js';
import { TaskColumn } from './task-column.js';
import {
  groupByStatus,
  moveAcross,
  moveWithin,
  TASK_STATUS_LABELS,
  TASK_STATUSES,
  type Task,
  type TaskMove,
  type TaskStatus,
} from './task-moves.js';

export interface TaskBoardProps {
  /** Shows this project's tasks; all tasks without it. */
  readonly projectId?: string | undefined;
  readonly className?: string;
}

const byPosition = { sortBy: 'position' } as const;

/**
 * Tasks in columns by status. Each card has buttons to move it to the next column or up and
 * down its own, so the board works from the keyboard and with screen readers.
 */
export function TaskBoard({ projectId, className }: TaskBoardProps) {
  const { readOnly } = useSyncStatus();
  const { tasks = [] } = useTasks(projectId === undefined ? undefined : { projectId }, byPosition);
  const columns = useMemo(() => groupByStatus(tasks), [tasks]);
  const app = useStore();
  const update = useUpdateTask();
  const [focus, setFocus] = useState<{ taskId: string; action: CardAction } | undefined>();

  const destination = useCallback(
    (task: Task, action: CardAction): TaskMove | undefined => {
      if (action === 'left' || action === 'right') {
        return moveAcross(columns, task, action === 'left' ? -1 : 1);
      }
      return moveWithin(columns[task.status], task, action === 'up' ? -1 : 1);
    },
    [columns],
  );
  const onMove = useCallback(
    (task: Task, action: CardAction) => {
      const move = destination(task, action);
      if (move === undefined) return;
      // One batch: a renumbered column is one change for sync and one step for undo.
      app.batch(() => {
        for (const placement of move) update.mutate(placement);
      }, 'move task');
      setFocus({ taskId: task.id, action });
    },
    [app, destination, update.mutate],
  );

  return (
    <div className={kitClassName('board', className)}>
      {update.error === null ? null : (
        <p role="alert" className="tinysync-alert">
          {update.error.message}
        </p>
      )}
      <div className="tinysync-board__columns">
        {TASK_STATUSES.map((status) => (
          <TaskColumn key={status} status={status} count={columns[status].length}>
            {columns[status].map((task) => (
              <TaskCard
                key={task.id}
                task={task}
                moves={readOnly ? [] : movesFor(task, destination)}
                onMove={onMove}
                focusRequest={focus?.taskId === task.id ? focus : undefined}
              />
            ))}
          </TaskColumn>
        ))}
      </div>
    </div>
  );
}

const ACTIONS: readonly CardAction[] = ['left', 'up', 'down', 'right'];

function movesFor(
  task: Task,
  destination: (task: Task, action: CardAction) => TaskMove | undefined,
): CardMove[] {
  return ACTIONS.map((action) => {
    const move = destination(task, action);
    return { action, possible: move !== undefined, label: describeMove(task, action, move) };
  });
}

function describeMove(task: Task, action: CardAction, move: TaskMove | undefined): string {
  const title = `“${task.title}”`;
  if (action === 'up' || action === 'down') return `Move ${title} ${action}`;
  const target: TaskStatus | undefined = move?.[0].status;
  return target === undefined
    ? `Move ${title} ${action}`
    : `Move ${title} to ${TASK_STATUS_LABELS[target]}`;
}
