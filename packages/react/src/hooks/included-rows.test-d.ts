import { appSchema, type RowWithId } from '@tinysync/store';
import { describe, expectTypeOf, it } from 'vitest';
import { createHooks } from '../create-hooks.js';

const hooks = createHooks(appSchema);
type AppSchema = typeof appSchema;
type Task = RowWithId<AppSchema, 'tasks'>;
type User = RowWithId<AppSchema, 'users'>;
type Project = RowWithId<AppSchema, 'projects'>;

describe('include types', () => {
  it("nests the referenced tables' rows, each possibly undefined", () => {
    const { data, tasks } = hooks.useTasks(undefined, {
      include: { assignee: true, project: true },
    });
    const task = data?.[0];
    expectTypeOf(task?.assignee).toEqualTypeOf<User | undefined>();
    expectTypeOf(task?.project).toEqualTypeOf<Project | undefined>();
    expectTypeOf(tasks).toEqualTypeOf<typeof data>();
    if (task !== undefined) {
      expectTypeOf(task.title).toEqualTypeOf<string>();
      expectTypeOf(task).toExtend<Task>();
    }
  });

  it('adds only what include names', () => {
    const onlyProject = hooks.useTasks(undefined, { include: { project: true } });
    expectTypeOf(onlyProject.data?.[0]).not.toHaveProperty('assignee');
    expectTypeOf(hooks.useTasks().data).toEqualTypeOf<Task[] | undefined>();
    expectTypeOf(hooks.useTasks(undefined, { include: {} }).data).toEqualTypeOf<
      Task[] | undefined
    >();
  });

  it('takes only reference cells, named without Id', () => {
    // @ts-expect-error title is not a reference
    hooks.useTasks(undefined, { include: { title: true } });
    // @ts-expect-error the cell is assigneeId; its row is included as assignee
    hooks.useTasks(undefined, { include: { assigneeId: true } });
    // @ts-expect-error one wrong name among right ones is still wrong
    hooks.useTasks(undefined, { include: { assignee: true, owner: true } });
    // @ts-expect-error users reference nothing
    hooks.useUsers(undefined, { include: { project: true } });
    hooks.useProjects(undefined, { include: { owner: true } });
  });

  it('gives select the rows with what they include', () => {
    const names = hooks.useTasks(undefined, {
      include: { assignee: true },
      select: (rows) => rows.map((row) => row.assignee?.name),
    });
    expectTypeOf(names.data).toEqualTypeOf<(string | undefined)[] | undefined>();
  });

  it('nests rows in the row hook too', () => {
    const { task, data } = hooks.useTask('t1', { include: { assignee: true } });
    expectTypeOf(task?.assignee).toEqualTypeOf<User | undefined>();
    expectTypeOf(data).toEqualTypeOf<typeof task>();
    expectTypeOf(hooks.useTask('t1').task).toEqualTypeOf<Task | undefined>();
    // @ts-expect-error status is not a reference
    hooks.useTask('t1', { include: { status: true } });
  });
});
