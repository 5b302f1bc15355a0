// After: the same screen on TinySync. The hooks keep their names and their results' shapes, so
// the screen below is unchanged; the migration guide compares it with tasks-screen.react-query.tsx.
import { createHooks } from '@tinysync/react';
import { appSchema } from '@tinysync/store';
import { useState } from 'react';

// Generated once per app (usually in its hooks.ts), from the schema the worker also checks.
const { useTasks, useTask, useUpdateTask } = createHooks(appSchema);

/** A project's tasks in board order, each with its assignee's row nested as `task.assignee`. */
export function useProjectTasks(projectId: string) {
  return useTasks({ projectId }, { sortBy: 'position', include: { assignee: true } });
}

/** One task with its assignee and project; `data` is undefined once the task is deleted. */
export function useTaskDetail(taskId: string) {
  return useTask(taskId, { include: { assignee: true, project: true } });
}

/**
 * `mutate({ id, status })` writes to the local store, so every list and detail shows it at once:
 * that is the optimistic update. The mutation stays pending until the server holds the write; one
 * the server refuses ends in `error`, and the server's value is back on screen by then.
 */
export function useSetTaskStatus() {
  return useUpdateTask();
}

// The screen: the same code in both files (the tests check it), only the hooks above differ.

export function TasksScreen({ projectId }: { readonly projectId: string }) {
  const [selectedId, setSelectedId] = useState<string>();
  const { data: tasks, isPending, isError, error } = useProjectTasks(projectId);
  if (isPending) return <p>Loading the tasks…</p>;
  if (isError) return <p role="alert">Could not load the tasks: {error.message}</p>;
  return (
    <section>
      <ul>
        {tasks.map((task) => (
          <li key={task.id}>
            <button type="button" onClick={() => setSelectedId(task.id)}>
              {task.title}
            </button>
            <span>
              {task.status} · {task.assignee?.name ?? 'unassigned'}
            </span>
          </li>
        ))}
      </ul>
      {selectedId === undefined ? <p>Pick a task</p> : <TaskDetail taskId={selectedId} />}
    </section>
  );
}

function TaskDetail({ taskId }: { readonly taskId: string }) {
  const { data: task, isPending, isError, error } = useTaskDetail(taskId);
  const setStatus = useSetTaskStatus();
  if (isPending) return <p>Loading the task…</p>;
  if (isError) return <p role="alert">Could not load the task: {error.message}</p>;
  if (!task) return <p>This task was deleted.</p>;
  const next = task.status === 'done' ? 'todo' : 'done';
  return (
    <article>
      <h2>{task.title}</h2>
      <p>
        {task.project?.name} · {task.assignee?.name ?? 'unassigned'} · {task.status}
      </p>
      <button
        type="button"
        disabled={setStatus.isPending}
        onClick={() => setStatus.mutate({ id: task.id, status: next })}
      >
        {setStatus.isPending ? 'Saving…' : next === 'done' ? 'Mark done' : 'Reopen'}
      </button>
      {setStatus.isError && <p role="alert">Not saved: {setStatus.error.message}</p>}
    </article>
  );
}
