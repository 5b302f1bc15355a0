import type { AppSchema, TinySyncStore } from '@tinysync/store';

type App = TinySyncStore<AppSchema>;

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Edsger',
  'Barbara',
  'Donald',
  'Margaret',
  'Ken',
  'Radia',
  'Tim',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Hamilton',
  'Thompson',
  'Perlman',
  'Berners-Lee',
];
const ROLES = ['admin', 'member', 'member', 'viewer'] as const;

/** `count` users with predictable names (`Ada Lovelace 1`, …) and ids (`user-1`, …). */
export function seedUsers(app: App, count: number): void {
  app.batch(() => {
    for (let i = 1; i <= count; i++) {
      const first = FIRST[(i - 1) % FIRST.length] ?? 'Ada';
      const last = LAST[Math.floor((i - 1) / FIRST.length) % LAST.length] ?? 'Lovelace';
      const suffix = count > FIRST.length * LAST.length ? ` ${i}` : '';
      app.tables.users.create({
        id: `user-${i}`,
        name: `${first} ${last}${suffix}`,
        email: `${first}.${last}${i}@example.com`.toLowerCase(),
        role: ROLES[i % ROLES.length] ?? 'member',
        createdAt: Date.UTC(2026, 0, 1) + i * 60_000,
      });
    }
  });
}

/** A small team: four users, two projects, a board's worth of tasks. */
export function seedTeam(app: App): void {
  seedUsers(app, 4);
  app.batch(() => {
    app.tables.projects.create({ id: 'launch', name: 'Launch', ownerId: 'user-1' });
    app.tables.projects.create({ id: 'docs', name: 'Documentation', ownerId: 'user-2' });
    const tasks = [
      ['Write the announcement', 'todo', 'user-1'],
      ['Record the demo video', 'todo', 'user-3'],
      ['Fix the offline banner copy', 'doing', 'user-2'],
      ['Ship the sync worker', 'doing', undefined],
      ['Set up the project', 'done', 'user-4'],
    ] as const;
    tasks.forEach(([title, status, assigneeId], index) => {
      app.tables.tasks.create({
        id: `task-${index + 1}`,
        title,
        status,
        projectId: 'launch',
        ...(assigneeId === undefined ? {} : { assigneeId }),
        position: index,
      });
    });
    app.tables.tasks.create({
      id: 'task-docs',
      title: 'Document the hooks',
      status: 'todo',
      projectId: 'docs',
      position: 0,
    });
  });
}

/** A seed of `count` users, for the large-table stories. */
export function manyUsers(count: number): (app: App) => void {
  return (app) => seedUsers(app, count);
}

/** Three tasks created with the default position (all 0), as tasks made elsewhere often are. */
export function seedTiedTasks(app: App): void {
  app.tables.projects.create({ id: 'launch', name: 'Launch', ownerId: 'user-1' });
  for (const title of ['First', 'Second', 'Third']) {
    app.tables.tasks.create({ title, projectId: 'launch' });
  }
}
