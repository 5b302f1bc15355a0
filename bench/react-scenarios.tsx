import { createHooks, TinySyncProvider, useStore } from '@tinysync/react';
import { appSchema, type RowWithIncluded } from '@tinysync/store';
import { act, memo, type ReactNode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

const { useUsers, useUser, useTasks } = createHooks(appSchema);
const renders = { count: 0 };

const TinySyncRow = memo(function TinySyncRow({ id }: { id: string }) {
  const { user } = useUser(id);
  renders.count++;
  return <li>{user?.name}</li>;
});

function TinySyncTable() {
  const { users } = useUsers();
  renders.count++;
  return (
    <ul>
      {users?.map((user) => (
        <TinySyncRow key={user.id} id={user.id} />
      ))}
    </ul>
  );
}

function NaiveRow({ name }: { name: string }) {
  renders.count++;
  return <li>{name}</li>;
}

/** What a hand-rolled subscription usually looks like: the whole table into state. */
function NaiveTable() {
  const { store } = useStore<typeof appSchema>();
  const [table, setTable] = useState(() => store.getTable('users'));
  useEffect(() => {
    const listenerId = store.addTableListener('users', () => setTable(store.getTable('users')));
    return () => void store.delListener(listenerId);
  }, [store]);
  renders.count++;
  return (
    <ul>
      {Object.entries(table).map(([id, row]) => (
        <NaiveRow key={id} name={String(row.name)} />
      ))}
    </ul>
  );
}

type TaskWithAssignee = RowWithIncluded<typeof appSchema, 'tasks', { assignee: true }>;

const TaskRow = memo(function TaskRow({ task }: { task: TaskWithAssignee }) {
  renders.count++;
  return (
    <li>
      {task.title}: {task.assignee?.name}
    </li>
  );
});

/** Tasks with their assignees nested by `include`. */
function IncludedTasks() {
  const { tasks } = useTasks(undefined, { include: { assignee: true } });
  renders.count++;
  return (
    <ul>
      {tasks?.map((task) => (
        <TaskRow key={task.id} task={task} />
      ))}
    </ul>
  );
}

/** The hand-written join a screen needs without `include`: two hooks, a map per render. */
function JoinedTasks() {
  const { tasks } = useTasks();
  const { users } = useUsers();
  const joined = useMemo(() => {
    const usersById = new Map(users?.map((user) => [user.id, user]));
    return tasks?.map((task) => ({
      ...task,
      assignee: task.assigneeId === undefined ? undefined : usersById.get(task.assigneeId),
    }));
  }, [tasks, users]);
  renders.count++;
  return (
    <ul>
      {joined?.map((task) => (
        <TaskRow key={task.id} task={task} />
      ))}
    </ul>
  );
}

let captured: ReturnType<typeof useStore<typeof appSchema>> | undefined;
function Capture() {
  captured = useStore<typeof appSchema>();
  return null;
}
type AppStore = NonNullable<typeof captured>;

interface Scenario {
  readonly views: Record<'tinysync' | 'naive', ReactNode>;
  readonly fill: (app: AppStore) => void;
  readonly change: (app: AppStore) => void;
}

/** Components rendered by one single-cell change, with TinySync's hooks and the naive way. */
export function measureRerenders(rows: number) {
  const middle = `u${Math.floor(rows / 2)}`;
  return inActEnvironment(() =>
    countRerenders({
      views: { tinysync: <TinySyncTable />, naive: <NaiveTable /> },
      fill: (app) => addUsers(app, rows),
      change: (app) => app.tables.users.update(middle, { name: 'Changed' }),
    }),
  );
}

/**
 * Components rendered when one user changes in a list of tasks that shows each task's
 * assignee: `include: { assignee: true }` vs a hand-written join of two list hooks.
 */
export function measureIncludeRerenders(rows: number) {
  const middle = `u${Math.floor(rows / 2)}`;
  return inActEnvironment(() =>
    countRerenders({
      views: { tinysync: <IncludedTasks />, naive: <JoinedTasks /> },
      fill: (app) => {
        addUsers(app, rows);
        app.tables.projects.create({ id: 'p0', name: 'Project', ownerId: 'u0' });
        for (let index = 0; index < rows; index++) {
          app.tables.tasks.create({
            title: `Task ${index}`,
            projectId: 'p0',
            assigneeId: `u${index}`,
          });
        }
      },
      change: (app) => app.tables.users.update(middle, { name: 'Changed' }),
    }),
  );
}

/** act() flushes React's work deterministically, so every render a change causes is counted. */
async function inActEnvironment<R>(run: () => Promise<R>): Promise<R> {
  const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean };
  actEnvironment.IS_REACT_ACT_ENVIRONMENT = true;
  try {
    return await run();
  } finally {
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false;
  }
}

function addUsers(app: AppStore, rows: number) {
  for (let index = 0; index < rows; index++) {
    app.tables.users.create({
      id: `u${index}`,
      name: `User ${index}`,
      email: `u${index}@example.com`,
    });
  }
}

async function countRerenders({ views, fill, change }: Scenario) {
  const counts: Record<'tinysync' | 'naive', number> = { tinysync: 0, naive: 0 };
  for (const variant of ['tinysync', 'naive'] as const) {
    const container = document.createElement('div');
    const root = createRoot(container);
    captured = undefined;
    await act(async () =>
      root.render(
        <TinySyncProvider schema={appSchema} storeId={`org_bench_${variant}`} persist={false}>
          <Capture />
          {views[variant]}
        </TinySyncProvider>,
      ),
    );
    await waitUntil(() => captured !== undefined);
    const app = captured as unknown as AppStore;
    await act(async () => app.batch(() => fill(app)));
    renders.count = 0;
    await act(async () => change(app));
    counts[variant] = renders.count;
    await act(async () => root.unmount());
  }
  return counts;
}

async function waitUntil(condition: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
