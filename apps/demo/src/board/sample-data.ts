import type { AppSchema, TinySyncStore } from '@tinysync/store';

/** A small team to start from: three people, two projects, a few tasks. One undo step. */
export function addSampleData(app: TinySyncStore<AppSchema>): void {
  app.batch(() => {
    const { users, projects, tasks } = app.tables;
    const ada = users.create({ name: 'Ada Lovelace', email: 'ada@acme.test', role: 'admin' });
    const grace = users.create({ name: 'Grace Hopper', email: 'grace@acme.test' });
    users.create({ name: 'Katherine Johnson', email: 'katherine@acme.test', role: 'viewer' });
    const launch = projects.create({ name: 'Launch', ownerId: ada.id });
    const docs = projects.create({ name: 'Documentation', ownerId: grace.id });
    const launchTasks = [
      { title: 'Write the announcement', status: 'todo', assigneeId: ada.id },
      { title: 'Record a demo video', status: 'todo', assigneeId: grace.id },
      { title: 'Load test the worker', status: 'doing', assigneeId: grace.id },
      { title: 'Pick a name', status: 'done', assigneeId: ada.id },
    ] as const;
    launchTasks.forEach((task, position) => {
      tasks.create({ ...task, projectId: launch.id, position });
    });
    tasks.create({ title: 'Quick start guide', projectId: docs.id, assigneeId: grace.id });
  }, 'add sample data');
}
