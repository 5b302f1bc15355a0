import { appSchema, type RowWithId } from '@tinysync/store';
import { describe, expectTypeOf, it } from 'vitest';
import { createHooks } from './create-hooks.js';

const hooks = createHooks(appSchema);
type User = RowWithId<typeof appSchema, 'users'>;

describe('generated hook types', () => {
  it('names hooks after the tables', () => {
    expectTypeOf(hooks).toHaveProperty('useUsers');
    expectTypeOf(hooks).toHaveProperty('useUser');
    expectTypeOf(hooks).toHaveProperty('useCreateProject');
    expectTypeOf(hooks).toHaveProperty('useUpdateTask');
    expectTypeOf(hooks).toHaveProperty('useDeleteTask');
    // @ts-expect-error there is no table called teams
    hooks.useTeams;
  });

  it('types data, short forms, filters and mutation variables from the schema', () => {
    const list = hooks.useUsers({ role: 'admin' }, { sortBy: 'name' });
    expectTypeOf(list.data).toEqualTypeOf<User[] | undefined>();
    expectTypeOf(list.users).toEqualTypeOf<User[] | undefined>();
    const selected = hooks.useUsers(undefined, { select: (rows) => rows.length });
    expectTypeOf(selected.data).toEqualTypeOf<number | undefined>();
    expectTypeOf(hooks.useUser('u1').user).toEqualTypeOf<User | undefined>();
    // @ts-expect-error 'boss' is not a role
    hooks.useUsers({ role: 'boss' });
    // @ts-expect-error sortBy takes a cell of users
    hooks.useUsers(undefined, { sortBy: 'title' });

    const create = hooks.useCreateUser();
    create.mutate({ name: 'Ada', email: 'a@b.c' });
    // @ts-expect-error email is required
    create.mutate({ name: 'Ada' });
    hooks.useUpdateUser().mutate({ id: 'u1', role: 'admin' });
    // @ts-expect-error update needs the id
    hooks.useUpdateUser().mutate({ role: 'admin' });
    hooks.useDeleteUser().mutate('u1');
  });
});
