// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { TinySyncProvider, useStore } from '@tinysync/react';
import {
  type AppSchema,
  appSchema,
  createTinySyncStore,
  type MemoryStorage,
  memoryPersister,
  type TinySyncStore,
} from '@tinysync/store';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as ReactQueryScreen from './tasks-screen.react-query.tsx';
import * as TinySyncScreen from './tasks-screen.tinysync.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The text of the list item whose button is the task's title. */
const listItem = (title: string) =>
  screen.getByRole('button', { name: title }).closest('li')?.textContent;

/**
 * The legacy REST API the React Query screen calls, in memory. Writes wait for `answerWrite`,
 * so a test sees the screen while the server has not answered yet.
 */
function legacyApi() {
  const users = { u1: { id: 'u1', name: 'Ada' } };
  const project = { id: 'p1', name: 'Launch' };
  const tasks = new Map([
    ['t1', { id: 't1', title: 'Write the spec', status: 'todo', position: 1, assignee: users.u1 }],
    ['t2', { id: 't2', title: 'Book the room', status: 'doing', position: 2, assignee: null }],
  ]);
  const writes: { readonly answer: (ok: boolean) => void }[] = [];
  const json = (body: unknown, status = 200) => Response.json(body, { status });
  const fetch = async (path: string, init: RequestInit = {}): Promise<Response> => {
    if (path === '/api/projects/p1/tasks') return json([...tasks.values()]);
    const id = /^\/api\/tasks\/(\w+)$/.exec(path)?.[1] ?? '';
    const task = tasks.get(id);
    if (init.method !== 'PATCH') return json(task === undefined ? null : { ...task, project });
    const ok = await new Promise<boolean>((answer) => writes.push({ answer }));
    if (!ok || task === undefined) return json({ error: 'refused' }, 409);
    const updated = { ...task, ...(JSON.parse(String(init.body)) as { status: string }) };
    tasks.set(id, updated);
    return json(updated);
  };
  return {
    fetch,
    tasks,
    /** Answers the oldest write waiting for the server. */
    async answerWrite(ok: boolean) {
      await waitFor(() => expect(writes.length).toBeGreaterThan(0));
      writes.shift()?.answer(ok);
    },
  };
}

describe('the worked migration: the tasks screen on React Query v5 (before)', () => {
  it('lists, shows a task, and changes its status optimistically, rolled back when refused', async () => {
    const api = legacyApi();
    vi.stubGlobal('fetch', api.fetch);
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    render(
      <QueryClientProvider client={queryClient}>
        <ReactQueryScreen.TasksScreen projectId="p1" />
      </QueryClientProvider>,
    );
    expect(screen.getByText('Loading the tasks…')).toBeDefined();
    fireEvent.click(await screen.findByRole('button', { name: 'Write the spec' }));
    expect(await screen.findByRole('heading', { name: 'Write the spec' })).toBeDefined();
    expect(listItem('Write the spec')).toBe('Write the spectodo · Ada');
    expect(screen.getByText('Launch · Ada · todo')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Mark done' }));
    // Before the server answered, the list and the detail show the new status.
    expect(await screen.findByRole('button', { name: 'Saving…' })).toBeDefined();
    expect(listItem('Write the spec')).toBe('Write the specdone · Ada');
    expect(screen.getByText('Launch · Ada · done')).toBeDefined();
    await api.answerWrite(false);
    expect(await screen.findByRole('alert')).toHaveProperty(
      'textContent',
      'Not saved: PATCH /tasks/t1: 409',
    );
    expect(listItem('Write the spec')).toBe('Write the spectodo · Ada');
    expect(screen.getByText('Launch · Ada · todo')).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Mark done' }));
    await api.answerWrite(true);
    expect(await screen.findByRole('button', { name: 'Reopen' })).toBeDefined();
    expect(api.tasks.get('t1')?.status).toBe('done');
    expect(listItem('Write the spec')).toBe('Write the specdone · Ada');
  });
});

/** A store's local copy with a project, its owner and two tasks, as a synced device has it. */
async function seededStorage(): Promise<MemoryStorage> {
  const storage: MemoryStorage = new Map();
  const app = createTinySyncStore(appSchema, { persister: memoryPersister(storage) });
  await app.ready;
  app.batch(() => {
    const ada = app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    app.tables.projects.create({ id: 'p1', name: 'Launch', ownerId: ada.id });
    app.tables.tasks.create({ id: 't1', title: 'Write the spec', projectId: 'p1', position: 1 });
    app.tables.tasks.update('t1', { assigneeId: ada.id });
    app.tables.tasks.create({ id: 't2', title: 'Book the room', projectId: 'p1', position: 2 });
    app.tables.tasks.update('t2', { status: 'doing' });
  });
  await app.destroy();
  return storage;
}

let store: TinySyncStore<AppSchema> | undefined;
function CaptureStore() {
  store = useStore<AppSchema>();
  return null;
}

describe('the worked migration: the same screen on TinySync (after)', () => {
  it('lists, shows a task, changes its status at once, and follows changes from elsewhere', async () => {
    const storage = await seededStorage();
    expect(storage.size).toBe(1);
    render(
      <TinySyncProvider schema={appSchema} storeId="org_docs" persist={memoryPersister(storage)}>
        <CaptureStore />
        <TinySyncScreen.TasksScreen projectId="p1" />
      </TinySyncProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Write the spec' }));
    expect(await screen.findByRole('heading', { name: 'Write the spec' })).toBeDefined();
    expect(listItem('Write the spec')).toBe('Write the spectodo · Ada');
    expect(listItem('Book the room')).toBe('Book the roomdoing · unassigned');
    expect(screen.getByText('Launch · Ada · todo')).toBeDefined();

    // Without a sync server the write is confirmed within mutate: no "Saving…" in between.
    fireEvent.click(screen.getByRole('button', { name: 'Mark done' }));
    expect(await screen.findByRole('button', { name: 'Reopen' })).toBeDefined();
    expect(listItem('Write the spec')).toBe('Write the specdone · Ada');
    expect(screen.getByText('Launch · Ada · done')).toBeDefined();
    expect(store?.tables.tasks.get('t1')?.status).toBe('done');

    // A change from elsewhere (another device, a backend) shows with no invalidation.
    store?.tables.users.update('u1', { name: 'Ada L.' });
    expect(await screen.findByText('Launch · Ada L. · done')).toBeDefined();
    expect(listItem('Write the spec')).toBe('Write the specdone · Ada L.');
  });
});
