import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appSchema } from '../app-schema.js';
import { SchemaError } from '../errors.js';
import { defineSchema } from './define-schema.js';
import { DEFAULT_PERMISSIONS, isRoleAllowed } from './permissions.js';
import { ref } from './reference.js';
import type { TableDefinitions } from './schema-definition.js';

/** Bypasses the compile-time checks to prove the runtime ones (for plain-JS callers). */
const defineUnchecked = (tables: TableDefinitions) =>
  defineSchema({ tables } as Parameters<typeof defineSchema<TableDefinitions>>[0]);

describe('defineSchema', () => {
  it('derives references, indexes and permissions from the tables', () => {
    expect(appSchema.tableIds).toEqual(['users', 'projects', 'tasks']);
    expect(appSchema.references).toEqual([
      {
        relationshipId: 'projects.ownerId',
        tableId: 'projects',
        cellId: 'ownerId',
        targetTableId: 'users',
      },
      {
        relationshipId: 'tasks.projectId',
        tableId: 'tasks',
        cellId: 'projectId',
        targetTableId: 'projects',
      },
      {
        relationshipId: 'tasks.assigneeId',
        tableId: 'tasks',
        cellId: 'assigneeId',
        targetTableId: 'users',
      },
    ]);
    expect(appSchema.indexes.map((index) => index.indexId)).toEqual([
      'usersByRole',
      'projectsByOwner',
      'tasksByProject',
      'tasksByStatus',
    ]);
    expect(appSchema.permissions.users).toEqual(DEFAULT_PERMISSIONS);
  });

  it('merges declared permissions over the defaults', () => {
    const schema = defineSchema({
      tables: { notes: { cells: { text: z.string() }, permissions: { write: ['org:admin'] } } },
    });
    expect(schema.permissions.notes).toEqual({ write: ['org:admin'] });
    expect(isRoleAllowed(schema.permissions.notes.write, 'org:admin')).toBe(true);
    expect(isRoleAllowed(schema.permissions.notes.write, 'org:member')).toBe(false);
    expect(isRoleAllowed(DEFAULT_PERMISSIONS.write, 'org:viewer')).toBe(false);
  });

  // Read permissions were declared and documented but enforced nowhere: a schema saying
  // `read: ['org:admin']` still handed the table to every member and viewer.
  it('refuses read permissions, which nothing could keep: a store is the read boundary', () => {
    const declaring = () =>
      defineSchema({
        tables: {
          salaries: {
            cells: { amount: z.number() },
            permissions: { read: ['org:admin'] } as never,
          },
        },
      });
    expect(declaring).toThrow(SchemaError);
    expect(declaring).toThrow(/'salaries' declares read permissions.*store of its own/);
  });

  it('builds strict row validators with defaults', () => {
    const parsed = appSchema.rowSchemas.tasks.parse({ title: 'T', projectId: 'p1' });
    expect(parsed).toEqual({ title: 'T', projectId: 'p1', status: 'todo', position: 0 });
    expect(
      appSchema.rowSchemas.tasks.safeParse({ title: 'T', projectId: 'p1', x: 1 }).success,
    ).toBe(false);
  });

  it.each([
    [{}, /at least one table/],
    [{ 'bad-name': { cells: { a: z.string() } } }, /not a valid table name/],
    [{ t: { cells: { '1a': z.string() } } }, /not a valid cell of 't' name/],
    [{ t: { cells: { id: z.string() } } }, /'t.id' is reserved/],
    [{ t: { cells: { other: ref('ghosts') } } }, /references 'ghosts'/],
    [
      { t: { cells: { a: z.string() }, indexes: { byB: { on: 'b' } } } },
      /'t.b', which is not a cell/,
    ],
    [
      {
        t: { cells: { a: z.string() }, indexes: { byA: { on: 'a' } } },
        u: { cells: { a: z.string() }, indexes: { byA: { on: 'a' } } },
      },
      /'byA' is declared twice/,
    ],
  ])('refuses an inconsistent definition (%#)', (tables, message) => {
    expect(() => defineUnchecked(tables as TableDefinitions)).toThrow(SchemaError);
    expect(() => defineUnchecked(tables as TableDefinitions)).toThrow(message);
  });
});
