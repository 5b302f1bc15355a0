import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appSchema } from '../app-schema.js';
import { SchemaError } from '../errors.js';
import { defineSchema } from './define-schema.js';
import type { CellSchema } from './schema-definition.js';
import { timestamp } from './timestamp.js';
import { toTinyBaseTablesSchema } from './tinybase-tables-schema.js';

describe('toTinyBaseTablesSchema', () => {
  it('keeps types and enums, and leaves defaults and required-ness to TinySync', () => {
    expect(toTinyBaseTablesSchema(appSchema)).toEqual({
      users: {
        name: { type: 'string' },
        email: { type: 'string' },
        role: { enum: ['admin', 'member', 'viewer'] },
        avatarUrl: { type: 'string' },
        createdAt: { type: 'number' },
      },
      projects: {
        name: { type: 'string' },
        ownerId: { type: 'string' },
        createdAt: { type: 'number' },
      },
      tasks: {
        title: { type: 'string' },
        status: { enum: ['todo', 'doing', 'done'] },
        projectId: { type: 'string' },
        assigneeId: { type: 'string' },
        position: { type: 'number' },
      },
    });
  });

  it('maps nullable, object and array cells to TinyBase types with allowNull', () => {
    const schema = defineSchema({
      tables: {
        notes: {
          cells: {
            title: z.string().nullable(),
            tags: z.array(z.string()).default([]),
            settings: z.object({ pinned: z.boolean() }).nullable().optional(),
            counts: z.record(z.string(), z.number()),
            dueAt: timestamp().optional(),
          },
        },
      },
    });
    expect(toTinyBaseTablesSchema(schema)).toEqual({
      notes: {
        title: { type: 'string', allowNull: true },
        tags: { type: 'array' },
        settings: { type: 'object', allowNull: true },
        counts: { type: 'object' },
        dueAt: { type: 'number' },
      },
    });
  });

  it.each([
    ['a date', z.date()],
    ['a union of types', z.union([z.string(), z.number()])],
    ['a bigint', z.bigint()],
  ])('refuses cells TinyBase cannot hold (%s)', (_, cell) => {
    const schema = defineSchema({
      tables: { t: { cells: { c: cell as unknown as CellSchema } } },
    });
    expect(() => toTinyBaseTablesSchema(schema)).toThrow(SchemaError);
  });
});
