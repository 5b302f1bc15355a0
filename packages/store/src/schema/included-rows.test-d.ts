import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { appSchema } from '../app-schema.js';
import { defineSchema } from './define-schema.js';
import type {
  IncludableTables,
  IncludeOption,
  ReferenceCellId,
  RowWithIncluded,
} from './included-rows.js';
import { ref } from './reference.js';
import type { RowWithId } from './row-types.js';

type AppSchema = typeof appSchema;

const namingSchema = defineSchema({
  tables: {
    users: { cells: { name: z.string() } },
    posts: {
      cells: {
        title: z.string(),
        owner: ref('users'),
        reviewer_id: ref('users').optional(),
        authorId: ref('users'),
        author: z.string(),
        editorId: z.string(),
      },
    },
  },
});
type NamingSchema = typeof namingSchema;

describe('included rows', () => {
  it('finds the reference cells of a table', () => {
    expectTypeOf<ReferenceCellId<AppSchema, 'tasks'>>().toEqualTypeOf<'projectId' | 'assigneeId'>();
    expectTypeOf<ReferenceCellId<AppSchema, 'users'>>().toEqualTypeOf<never>();
    // editorId ends in Id but is a plain string: not a reference.
    expectTypeOf<ReferenceCellId<NamingSchema, 'posts'>>().toEqualTypeOf<
      'owner' | 'reviewer_id' | 'authorId'
    >();
  });

  it('names nested rows after the cell without Id, falling back to <cell>Row', () => {
    expectTypeOf<IncludableTables<AppSchema, 'tasks'>>().toEqualTypeOf<{
      project: 'projects';
      assignee: 'users';
    }>();
    expectTypeOf<IncludableTables<NamingSchema, 'posts'>>().toEqualTypeOf<{
      ownerRow: 'users';
      reviewer: 'users';
      authorIdRow: 'users';
    }>();
  });

  it('takes only included names as include keys', () => {
    expectTypeOf<{ assignee: true; project: false }>().toExtend<
      IncludeOption<AppSchema, 'tasks'>
    >();
    expectTypeOf<{ assigneeId: true }>().not.toExtend<IncludeOption<AppSchema, 'tasks'>>();
  });

  it('nests the referenced rows, each possibly undefined', () => {
    type Task = RowWithId<AppSchema, 'tasks'>;
    type WithBoth = RowWithIncluded<AppSchema, 'tasks', { assignee: true; project: true }>;
    expectTypeOf<WithBoth['assignee']>().toEqualTypeOf<RowWithId<AppSchema, 'users'> | undefined>();
    expectTypeOf<WithBoth['project']>().toEqualTypeOf<
      RowWithId<AppSchema, 'projects'> | undefined
    >();
    expectTypeOf<WithBoth['title']>().toEqualTypeOf<string>();
    expectTypeOf<RowWithIncluded<AppSchema, 'tasks', { project: true }>>().not.toHaveProperty(
      'assignee',
    );
    expectTypeOf<RowWithIncluded<AppSchema, 'tasks', { project: false }>>().toEqualTypeOf<Task>();
    expectTypeOf<RowWithIncluded<AppSchema, 'tasks', Record<never, never>>>().toEqualTypeOf<Task>();
  });
});
