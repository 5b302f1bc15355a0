import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { appSchema } from '../app-schema.js';
import { createTinySyncStore } from '../store/create-tinysync-store.js';
import { defineSchema } from './define-schema.js';
import { ref } from './reference.js';
import type { CreateInput, Row, RowWithId, UpdatePatch } from './row-types.js';
import { timestamp } from './timestamp.js';

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

  it('accepts only cells TinyBase can hold as JSON', () => {
    defineSchema({
      tables: {
        // @ts-expect-error a Date is not a TinyBase cell value (use timestamp())
        events: { cells: { at: z.date() } },
      },
    });
    defineSchema({
      tables: {
        // @ts-expect-error an object cell holds JSON only, not a Date
        events: { cells: { meta: z.object({ at: z.date() }) } },
      },
    });
    defineSchema({
      tables: {
        // @ts-expect-error nor a Map
        events: { cells: { lookup: z.map(z.string(), z.number()) } },
      },
    });
  });
});

describe('null, object, array and timestamp cells', () => {
  const schema = defineSchema({
    tables: {
      notes: {
        cells: {
          archivedAt: timestamp().nullable(),
          dueAt: timestamp().optional(),
          tags: z.array(z.string()).default([]),
          settings: z.object({ color: z.enum(['red', 'blue']), pinned: z.boolean() }).nullable(),
          counts: z.record(z.string(), z.number()),
        },
      },
    },
  });
  type Schema = typeof schema;

  it('infers T | null, string[], objects and records, and timestamps as numbers', () => {
    expectTypeOf<Row<Schema, 'notes'>>().toEqualTypeOf<{
      archivedAt: number | null;
      dueAt?: number | undefined;
      tags: string[];
      settings: { color: 'red' | 'blue'; pinned: boolean } | null;
      counts: Record<string, number>;
    }>();
    expectTypeOf<{ archivedAt: null; settings: null; counts: Record<string, number> }>().toExtend<
      CreateInput<Schema, 'notes'>
    >();
    expectTypeOf<{ settings: null }>().toExtend<UpdatePatch<Schema, 'notes'>>();
  });

  it('types the TinyBase store cells too, with null where the cell allows it', () => {
    const app = createTinySyncStore(schema);
    expectTypeOf(app.store.getCell('notes', 'n1', 'archivedAt')).toEqualTypeOf<
      number | null | undefined
    >();
    expectTypeOf(app.store.getCell('notes', 'n1', 'dueAt')).toEqualTypeOf<number | undefined>();
    // @ts-expect-error tags is an array cell
    app.store.setCell('notes', 'n1', 'tags', 'work');
    // @ts-expect-error dueAt takes no null
    app.tables.notes.update('n1', { dueAt: null });
    // @ts-expect-error settings needs both keys
    app.tables.notes.update('n1', { settings: { color: 'red' } });
    app.tables.notes.update('n1', { tags: ['a'], settings: null, archivedAt: Date.now() });
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
