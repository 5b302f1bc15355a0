// Before: a project's tasks, one task's detail and an optimistic status change, on React Query v5
// against the app's own REST API. The migration guide compares it with tasks-screen.tinysync.tsx.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

// What the legacy API returns: its server joins each task's assignee (and project) for us.
interface ApiUser {
  readonly id: string;
  readonly name: string;
}
interface ApiTask {
  readonly id: string;
  readonly title: string;
  readonly status: 'todo' | 'doing' | 'done';
  readonly position: number;
  readonly assignee: ApiUser | null;
}
interface ApiTaskDetail extends ApiTask {
  readonly project: { readonly id: string; readonly name: string } | null;
}
interface StatusChange {
  readonly id: string;
  readonly status: ApiTask['status'];
}

async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`/api${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status}`);
  return (await response.json()) as T;
}

const taskKeys = {
  all: ['tasks'] as const,
  lists: ['tasks', 'list'] as const,
  list: (projectId: string) => ['tasks', 'list', projectId] as const,
  detail: (taskId: string) => ['tasks', 'detail', taskId] as const,
};

export function useProjectTasks(projectId: string) {
  return useQuery({
    queryKey: taskKeys.list(projectId),
    queryFn: () => request<ApiTask[]>(`/projects/${projectId}/tasks`),
  });
}

/** `null` once the task is deleted (a queryFn may not return undefined). */
export function useTaskDetail(taskId: string) {
  return useQuery({
    queryKey: taskKeys.detail(taskId),
    queryFn: () => request<ApiTaskDetail | null>(`/tasks/${taskId}`),
  });
}

export function useSetTaskStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: StatusChange) =>
      request<ApiTask>(`/tasks/${id}`, { method: 'PATCH', body: JSON.stringify({ status }) }),
    // Optimistic: show the new status at once in every cached list and in the detail.
    onMutate: async ({ id, status }) => {
      await queryClient.cancelQueries({ queryKey: taskKeys.all });
      const lists = queryClient.getQueriesData<ApiTask[]>({ queryKey: taskKeys.lists });
      const detail = queryClient.getQueryData<ApiTaskDetail | null>(taskKeys.detail(id));
      queryClient.setQueriesData<ApiTask[]>({ queryKey: taskKeys.lists }, (tasks) =>
        tasks?.map((task) => (task.id === id ? { ...task, status } : task)),
      );
      queryClient.setQueryData<ApiTaskDetail | null>(
        taskKeys.detail(id),
        (task) => task && { ...task, status },
      );
      return { lists, detail };
    },
    // The server said no: put back what the caches held before.
    onError: (_error, { id }, before) => {
      for (const [queryKey, tasks] of before?.lists ?? []) {
        queryClient.setQueryData(queryKey, tasks);
      }
      queryClient.setQueryData(taskKeys.detail(id), before?.detail);
    },
    // Either way, refetch so the caches hold what the server has.
    onSettled: () => queryClient.invalidateQueries({ queryKey: taskKeys.all }),
  });
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
