import { act, cleanup, render, renderHook, screen, waitFor } from '@testing-library/react';
import { appSchema, type RowWithIncluded } from '@tinysync/store';
import { memo, type ReactNode, useLayoutEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHooks } from '../create-hooks.js';
import { FreshStoreProvider } from '../test-wrapper.js';
import { useStore } from '../use-store.js';
import { ShowError } from './show-error.fixture.js';

const { useTasks, useTask, useUser } = createHooks(appSchema);
type AppStore = ReturnType<typeof useStore<typeof appSchema>>;
type TaskWithPeople = RowWithIncluded<typeof appSchema, 'tasks', { assignee: true; project: true }>;

const ada = { id: 'ada', name: 'Ada', email: 'ada@example.com' };
const bo = { id: 'bo', name: 'Bo', email: 'bo@example.com' };

/** Two users, a project of Ada's, and tasks: t1 and t3 for Ada, t2 for Bo, t4 for nobody. */
function seed(app: AppStore) {
  app.batch(() => {
    app.tables.users.create(ada);
    app.tables.users.create(bo);
    app.tables.projects.create({ id: 'p1', name: 'Launch', ownerId: 'ada' });
    app.tables.tasks.create({ id: 't1', title: 'One', projectId: 'p1', assigneeId: 'ada' });
    app.tables.tasks.create({ id: 't2', title: 'Two', projectId: 'p1', assigneeId: 'bo' });
    app.tables.tasks.create({ id: 't3', title: 'Three', projectId: 'p1', assigneeId: 'ada' });
    app.tables.tasks.create({ id: 't4', title: 'Four', projectId: 'p1' });
  });
}

afterEach(cleanup);

async function renderHooks<R, P>(hooks: (props: P) => R, initialProps?: P) {
  const rendered = renderHook(hooks, {
    wrapper: FreshStoreProvider,
    ...(initialProps === undefined ? {} : { initialProps }),
  });
  await waitFor(() => expect(rendered.result.current).not.toBeNull());
  return rendered;
}

describe('include on the list hook', () => {
  it('nests the referenced rows under the cell name without Id', async () => {
    const { result } = await renderHooks(() => ({
      app: useStore<typeof appSchema>(),
      tasks: useTasks(undefined, { sortBy: 'title', include: { assignee: true, project: true } }),
    }));
    act(() => seed(result.current.app));
    const byId = new Map(result.current.tasks.data?.map((task) => [task.id, task]));
    expect(byId.get('t1')).toMatchObject({
      title: 'One',
      assigneeId: 'ada',
      assignee: { id: 'ada', name: 'Ada', email: 'ada@example.com', role: 'member' },
      project: { id: 'p1', name: 'Launch', ownerId: 'ada' },
    });
    expect(byId.get('t2')?.assignee?.name).toBe('Bo');
    // An optional reference left empty nests undefined, under its name all the same.
    expect(byId.get('t4')).toHaveProperty('assignee', undefined);
    expect(byId.get('t4')?.project?.name).toBe('Launch');
  });

  it('nests undefined for a dangling reference, and the row once it arrives', async () => {
    const { result } = await renderHooks(() => ({
      app: useStore<typeof appSchema>(),
      tasks: useTasks(undefined, { include: { assignee: true } }),
    }));
    act(() => {
      seed(result.current.app);
      result.current.app.tables.tasks.update('t4', { assigneeId: 'cy' });
    });
    const t4 = () => result.current.tasks.data?.find((task) => task.id === 't4');
    expect(t4()).toMatchObject({ assigneeId: 'cy', assignee: undefined });
    act(() => void result.current.app.tables.users.create({ ...ada, id: 'cy', name: 'Cy' }));
    expect(t4()?.assignee?.name).toBe('Cy');
    act(() => result.current.app.tables.users.delete('cy'));
    expect(t4()).toMatchObject({ assigneeId: 'cy', assignee: undefined });
  });

  it('follows a change of the reference cell to another row', async () => {
    const { result } = await renderHooks(() => ({
      app: useStore<typeof appSchema>(),
      tasks: useTasks({ title: 'Two' }, { include: { assignee: true } }),
    }));
    act(() => seed(result.current.app));
    expect(result.current.tasks.data?.[0]?.assignee?.name).toBe('Bo');
    act(() => void result.current.app.tables.tasks.update('t2', { assigneeId: 'ada' }));
    expect(result.current.tasks.data?.[0]?.assignee?.name).toBe('Ada');
    // Bo is no longer shown: his changes no longer concern the list.
    const before = result.current.tasks.data;
    act(() => void result.current.app.tables.users.update('bo', { name: 'Bob' }));
    expect(result.current.tasks.data).toBe(before);
    act(() => void result.current.app.tables.users.update('ada', { name: 'Ada L.' }));
    expect(result.current.tasks.data?.[0]?.assignee?.name).toBe('Ada L.');
  });

  it('gives select the rows with what they include', async () => {
    const { result } = await renderHooks(() => ({
      app: useStore<typeof appSchema>(),
      names: useTasks(undefined, {
        sortBy: 'title',
        include: { assignee: true },
        select: (tasks) => tasks.map((task) => `${task.title}: ${task.assignee?.name ?? '-'}`),
      }),
    }));
    act(() => seed(result.current.app));
    expect(result.current.names.data).toEqual(['Four: -', 'One: Ada', 'Three: Ada', 'Two: Bo']);
  });

  it('refuses a name that is not a reference of the table, listing those that are', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <FreshStoreProvider>
        <ShowError>
          <IncludesTitle />
        </ShowError>
      </FreshStoreProvider>,
    );
    expect(
      await screen.findByText(
        "'title' cannot be included in tasks: it names no reference cell of the table (includable: 'project', 'assignee')",
      ),
    ).toBeDefined();
    vi.restoreAllMocks();
  });
});

describe('a disabled hook with include', () => {
  it('listens to no referenced table until it is enabled', async () => {
    const { result, rerender } = await renderHooks(
      ({ enabled }: { enabled: boolean }) => ({
        app: useStore<typeof appSchema>(),
        tasks: useTasks(undefined, { include: { assignee: true }, enabled }),
      }),
      { enabled: false },
    );
    act(() => seed(result.current.app));
    const rowListeners = () => result.current.app.store.getListenerStats().row ?? 0;
    const whileDisabled = rowListeners();
    rerender({ enabled: true });
    expect(result.current.tasks.data?.[0]?.assignee).toBeDefined();
    expect(rowListeners()).toBe(whileDisabled + 1);
    rerender({ enabled: false });
    expect(rowListeners()).toBe(whileDisabled);
  });
});

describe('include on the row hook', () => {
  it('nests the referenced rows and follows their changes', async () => {
    const { result } = await renderHooks(() => ({
      app: useStore<typeof appSchema>(),
      task: useTask('t1', { include: { assignee: true, project: true } }),
      plain: useTask('t1'),
    }));
    act(() => seed(result.current.app));
    expect(result.current.task.task).toMatchObject({
      assignee: { name: 'Ada' },
      project: { name: 'Launch' },
    });
    expect(result.current.plain.task).not.toHaveProperty('assignee');
    act(() => void result.current.app.tables.projects.update('p1', { name: 'Liftoff' }));
    expect(result.current.task.data?.project?.name).toBe('Liftoff');
    act(() => void result.current.app.tables.tasks.update('t1', { assigneeId: undefined }));
    expect(result.current.task.data).toMatchObject({ title: 'One', assignee: undefined });
  });
});

function IncludesTitle() {
  useTasks(undefined, { include: { title: true } as never });
  return null;
}

/** Render counts per component, for the precise re-render tests. */
const renders = new Map<string, number>();
const countRender = (name: string) => renders.set(name, (renders.get(name) ?? 0) + 1);
let captured: AppStore | undefined;

function Capture() {
  captured = useStore<typeof appSchema>();
  return null;
}

const TaskRow = memo(function TaskRow({ task }: { task: TaskWithPeople }) {
  countRender(task.id);
  return (
    <li>
      {task.title} by {task.assignee?.name ?? 'nobody'} in {task.project?.name}
    </li>
  );
});

function TaskList() {
  const { tasks } = useTasks(undefined, {
    sortBy: 'title',
    include: { assignee: true, project: true },
  });
  countRender('list');
  return (
    <ul>
      {tasks?.map((task) => (
        <TaskRow key={task.id} task={task} />
      ))}
    </ul>
  );
}

function UserName({ id }: { id: string }) {
  const { user } = useUser(id);
  countRender(`user ${id}`);
  return <p>user {user?.name}</p>;
}

/** Renames Ada after the list above it rendered, before it subscribed (layout effects run first). */
function RenameAdaInLayoutEffect() {
  const app = useStore<typeof appSchema>();
  useLayoutEffect(() => void app.tables.users.update('ada', { name: 'Early' }), [app]);
  return null;
}

async function renderSeeded(children: ReactNode) {
  captured = undefined;
  const view = render(
    <FreshStoreProvider>
      <Capture />
    </FreshStoreProvider>,
  );
  await waitFor(() => expect(captured).toBeDefined());
  const app = capturedStore();
  act(() => {
    seed(app);
    app.tables.users.create({ ...ada, id: 'cy', name: 'Cy' });
  });
  view.rerender(
    <FreshStoreProvider>
      <Capture />
      {children}
    </FreshStoreProvider>,
  );
  return app;
}

function capturedStore(): AppStore {
  if (captured === undefined) throw new Error('the store was not captured');
  return captured;
}

describe('re-renders with include', () => {
  it('a change to an included row re-renders the list and the rows that show it', async () => {
    const app = await renderSeeded(<TaskList />);
    await screen.findByText('Three by Ada in Launch');
    renders.clear();
    act(() => void app.tables.users.update('ada', { name: 'Ada L.' }));
    expect(Object.fromEntries(renders)).toEqual({ list: 1, t1: 1, t3: 1 });
    expect(screen.getByText('One by Ada L. in Launch')).toBeDefined();

    renders.clear();
    act(() => void app.tables.projects.update('p1', { name: 'Liftoff' }));
    expect(Object.fromEntries(renders)).toEqual({ list: 1, t1: 1, t2: 1, t3: 1, t4: 1 });
  });

  it('a change to a row no task shows re-renders nothing of the list', async () => {
    const app = await renderSeeded(
      <>
        <TaskList />
        <UserName id="cy" />
      </>,
    );
    await screen.findByText('user Cy');
    renders.clear();
    act(() => void app.tables.users.update('cy', { name: 'Cyd' }));
    // The write reached React (Cy's own component re-rendered); the list did not.
    expect(screen.getByText('user Cyd')).toBeDefined();
    expect(Object.fromEntries(renders)).toEqual({ 'user cy': 1 });
  });

  it('a change to a task re-renders the list and that task only', async () => {
    const app = await renderSeeded(<TaskList />);
    await screen.findByText('Two by Bo in Launch');
    renders.clear();
    act(() => void app.tables.tasks.update('t2', { title: 'Deux' }));
    expect(Object.fromEntries(renders)).toEqual({ list: 1, t2: 1 });
  });

  it('sees a change to an included row made between render and subscription', async () => {
    await renderSeeded(
      <>
        <TaskList />
        <RenameAdaInLayoutEffect />
      </>,
    );
    expect(await screen.findByText('One by Early in Launch')).toBeDefined();
  });
});
