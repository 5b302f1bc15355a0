import { act, cleanup, render, screen } from '@testing-library/react';
import { appSchema, SessionRefusedError } from '@tinysync/store';
import { Component, type ReactNode, Suspense } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHooks } from '../create-hooks.js';
import { FreshStoreProvider } from '../test-wrapper.js';
import { OfflineWithoutDataError } from './offline-without-data-error.js';
import { fakeSyncSession } from './sync-session.fixture.js';

const { useSuspenseUsers, useSuspenseUser, useSuspenseTasks, useSuspenseTask } =
  createHooks(appSchema);
const ada = { id: 'u1', name: 'Ada', email: 'ada@example.com' };

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** Shows the name and message of the error thrown below it. */
class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override render() {
    const { error } = this.state;
    return error ? <p role="alert">{`${error.name}: ${error.message}`}</p> : this.props.children;
  }
}

function UserNames() {
  const { status, users, data } = useSuspenseUsers(undefined, { sortBy: 'name' });
  // `data` and `users` are always defined here: no `?.`.
  const names = users.map((user) => user.name).join(',') || 'nobody';
  return <p>{`${status}: ${names} (${data.length})`}</p>;
}

function AdaCard() {
  const { user } = useSuspenseUser('u1');
  return <p>{`card: ${user?.name ?? 'no such user'}`}</p>;
}

function TaskWithAssignee() {
  const { tasks } = useSuspenseTasks(undefined, { include: { assignee: true } });
  const { task } = useSuspenseTask('t1', { include: { project: true } });
  const list = tasks.map((each) => `${each.title} by ${each.assignee?.name}`).join(',');
  return <p>{`${list}; task: ${task?.title} in ${task?.project?.name}`}</p>;
}

function Screen() {
  return (
    <ErrorBoundary>
      <Suspense fallback={<p>skeleton</p>}>
        <UserNames />
        <AdaCard />
      </Suspense>
    </ErrorBoundary>
  );
}

describe('Suspense hooks', () => {
  it('suspend while the first sync runs with nothing local, then render its rows', async () => {
    const sync = fakeSyncSession({ status: 'connecting' });
    render(
      <sync.wrapper>
        <Screen />
      </sync.wrapper>,
    );
    expect(screen.getByText('skeleton')).toBeDefined();
    await act(async () => {
      sync.app.tables.users.create(ada);
      sync.app.tables.users.create({ ...ada, id: 'u2', name: 'Bo' });
    });
    expect(await screen.findByText('success: Ada,Bo (2)')).toBeDefined();
    expect(screen.getByText('card: Ada')).toBeDefined();
    expect(screen.queryByText('skeleton')).toBeNull();
  });

  it('an empty store on the server: suspends until the first sync, then an empty list', async () => {
    const sync = fakeSyncSession({ status: 'syncing' });
    render(
      <sync.wrapper>
        <Screen />
      </sync.wrapper>,
    );
    expect(screen.getByText('skeleton')).toBeDefined();
    await act(async () => sync.confirmSynced());
    expect(await screen.findByText('success: nobody (0)')).toBeDefined();
    expect(screen.getByText('card: no such user')).toBeDefined();
  });

  it('render at once with local rows, and without a server', async () => {
    const sync = fakeSyncSession({ status: 'connecting' });
    sync.app.tables.users.create(ada);
    render(
      <sync.wrapper>
        <Screen />
      </sync.wrapper>,
    );
    expect(screen.getByText('success: Ada (1)')).toBeDefined();
    cleanup();

    render(
      <FreshStoreProvider>
        <Screen />
      </FreshStoreProvider>,
    );
    expect(await screen.findByText('success: nobody (0)')).toBeDefined();
  });

  it('nest included rows, in the list and the row hook', async () => {
    const sync = fakeSyncSession({ status: 'connecting' });
    render(
      <sync.wrapper>
        <Suspense fallback={<p>skeleton</p>}>
          <TaskWithAssignee />
        </Suspense>
      </sync.wrapper>,
    );
    expect(screen.getByText('skeleton')).toBeDefined();
    await act(async () => {
      sync.app.tables.users.create(ada);
      sync.app.tables.projects.create({ id: 'p1', name: 'Launch', ownerId: 'u1' });
      sync.app.tables.tasks.create({ id: 't1', title: 'Plan', projectId: 'p1', assigneeId: 'u1' });
    });
    expect(await screen.findByText('Plan by Ada; task: Plan in Launch')).toBeDefined();
  });

  it('throw a failed first sync to the error boundary', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sync = fakeSyncSession({ status: 'connecting' });
    render(
      <sync.wrapper>
        <Screen />
      </sync.wrapper>,
    );
    expect(screen.getByText('skeleton')).toBeDefined();
    await act(async () =>
      sync.setSync({
        status: 'unauthorized',
        error: new SessionRefusedError(403, 'wrong_org', 'not a member of this organization'),
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(
      'SessionRefusedError: not a member of this organization',
    );
  });

  it('offline with nothing local: OfflineWithoutDataError, not a fallback forever', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const sync = fakeSyncSession({ status: 'connecting' });
    render(
      <sync.wrapper>
        <Screen />
      </sync.wrapper>,
    );
    expect(screen.getByText('skeleton')).toBeDefined();
    await act(async () => sync.setSync({ status: 'offline' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^OfflineWithoutDataError: /);

    cleanup();
    render(
      <sync.wrapper>
        <Screen />
      </sync.wrapper>,
    );
    expect(screen.getByRole('alert').textContent).toBe(
      `OfflineWithoutDataError: ${new OfflineWithoutDataError().message}`,
    );
  });
});
