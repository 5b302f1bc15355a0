import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { appSchema } from '../app-schema.js';
import { createTinySyncStore } from '../store/create-tinysync-store.js';
import { defineSchema } from './define-schema.js';
import { ref } from './reference.js';
import type { CreateInput, Row, RowWithId, UpdatePatch } from './row-types.js';

type AppSchema = typeof appSchema;

describe('row types inferred from the schema', () => {
  it('infers stored rows with defaults applied and optional cells optional', () => {
    expectTypeOf<Row<AppSchema, 'users'>>().toEqualTypeOf<{
      name: string;
      email: string;
      role: 'admin' | 'member' | 'viewer';
      avatarUrl?: string | undefined;
      createdAt: number;
    }>();
    expectTypeOf<Row<AppSchema, 'tasks'>['status']>().toEqualTypeOf<'todo' | 'doing' | 'done'>();
    expectTypeOf<RowWithId<AppSchema, 'projects'>['id']>().toEqualTypeOf<string>();
  });

  it('lets create leave out cells that have defaults', () => {
    expectTypeOf<{ name: string; email: string }>().toExtend<CreateInput<AppSchema, 'users'>>();
    expectTypeOf<{ name: string }>().not.toExtend<CreateInput<AppSchema, 'users'>>();
    expectTypeOf<{ role: 'admin' }>().toExtend<UpdatePatch<AppSchema, 'users'>>();
  });

  it('rejects wrong cell names and types in operations', () => {
    const app = createTinySyncStore(appSchema);
    // @ts-expect-error 'nmae' is not a cell of users
    app.tables.users.create({ nmae: 'Ada', email: 'a@b.c' });
    // @ts-expect-error name is a string
    app.tables.users.create({ name: 42, email: 'a@b.c' });
    // @ts-expect-error 'owner' is not a role
    app.tables.users.update('u1', { role: 'owner' });
    // @ts-expect-error no such table
    app.tables.teams;
    // @ts-expect-error sortBy takes a cell of the table
    app.tables.tasks.list({ sortBy: 'name' });
    // @ts-expect-error the typed TinyBase store knows the cell types too
    app.store.setCell('tasks', 't1', 'position', 'first');
    expectTypeOf(app.store.getCell('tasks', 't1', 'position')).toEqualTypeOf<number | undefined>();
    expectTypeOf(app.tables.tasks.get('t1')).toEqualTypeOf<
      RowWithId<AppSchema, 'tasks'> | undefined
    >();
  });

  it('rejects references to unknown tables and indexes on unknown cells', () => {
    defineSchema({
      tables: {
        // @ts-expect-error 'ghosts' is not a table of this schema
        posts: { cells: { authorId: ref('ghosts') } },
      },
    });
    defineSchema({
      tables: {
        // @ts-expect-error 'title' is not a cell of posts
        posts: { cells: { body: z.string() }, indexes: { byTitle: { on: 'title' } } },
      },
    });
    defineSchema({
      tables: {
        authors: { cells: { name: z.string() } },
        posts: {
          cells: { authorId: ref('authors').optional() },
          indexes: { byAuthor: { on: 'authorId' } },
        },
      },
    });
  });

  it('accepts only string, number and boolean cells', () => {
    defineSchema({
      tables: {
        // @ts-expect-error a date is not a TinyBase cell value
        events: { cells: { at: z.date() } },
      },
    });
  });
});

describe('table permissions', () => {
  it('has no read permissions to declare: a store is the read boundary', () => {
    defineSchema({
      tables: {
        notes: {
          cells: { text: z.string() },
          // @ts-expect-error read permissions are not part of the API
          permissions: { read: ['org:admin'] },
        },
      },
    });
  });
});
