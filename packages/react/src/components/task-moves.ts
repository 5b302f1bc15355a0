import type { AppSchema, Row, RowWithId } from '@tinysync/store';

export type Task = RowWithId<AppSchema, 'tasks'>;
export type TaskStatus = Row<AppSchema, 'tasks'>['status'];

export const TASK_STATUSES: readonly TaskStatus[] = ['todo', 'doing', 'done'];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  todo: 'To do',
  doing: 'In progress',
  done: 'Done',
};

/** Where a move puts a task. */
export interface TaskPlacement {
  readonly id: string;
  readonly status: TaskStatus;
  readonly position: number;
}

/**
 * The writes of one move, applied as one step (one undo brings it all back): usually just the
 * moved task; a whole column when tied positions leave no room between two neighbours.
 */
export type TaskMove = readonly [TaskPlacement, ...TaskPlacement[]];

/** To the end of the neighbouring column, `-1` left or `+1` right; undefined at the edge. */
export function moveAcross(
  columns: Record<TaskStatus, readonly Task[]>,
  task: Task,
  step: -1 | 1,
): TaskMove | undefined {
  const status = TASK_STATUSES[TASK_STATUSES.indexOf(task.status) + step];
  if (status === undefined) return undefined;
  const last = columns[status].at(-1);
  return [{ id: task.id, status, position: last === undefined ? 0 : last.position + 1 }];
}

/**
 * One place up (`-1`) or down (`+1`) within its column. The new position lies between the
 * two tasks it slips between, so only the moved task is written (concurrent reorders by others
 * touch other rows and merge cleanly). When positions tie (e.g. tasks created with the default
 * 0), no number lies between them, so the column is renumbered in its new order instead.
 */
export function moveWithin(
  column: readonly Task[],
  task: Task,
  step: -1 | 1,
): TaskMove | undefined {
  const index = column.indexOf(task);
  const neighbour = column[index + step];
  if (index === -1 || neighbour === undefined) return undefined;
  const beyond = column[index + 2 * step];
  const position =
    beyond === undefined ? neighbour.position + step : (neighbour.position + beyond.position) / 2;
  const slipsBetween =
    position !== neighbour.position && (beyond === undefined || position !== beyond.position);
  if (slipsBetween) return [{ id: task.id, status: task.status, position }];
  const reordered = [...column];
  reordered[index] = neighbour;
  reordered[index + step] = task;
  const [first, ...rest] = reordered.flatMap((each, place) =>
    each.position === place ? [] : [{ id: each.id, status: each.status, position: place }],
  );
  return first === undefined ? undefined : [first, ...rest];
}

export function groupByStatus(tasks: readonly Task[]): Record<TaskStatus, Task[]> {
  const columns: Record<TaskStatus, Task[]> = { todo: [], doing: [], done: [] };
  for (const task of tasks) columns[task.status].push(task);
  return columns;
}
