import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appSchema } from '../app-schema.js';
import { SchemaError } from '../errors.js';
import { defineSchema } from './define-schema.js';
import type { CellSchema } from './schema-definition.js';
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

  it('refuses cells TinyBase cannot hold', () => {
    const schema = defineSchema({
      tables: { t: { cells: { nested: z.object({ a: z.string() }) as unknown as CellSchema } } },
    });
    expect(() => toTinyBaseTablesSchema(schema)).toThrow(SchemaError);
  });
});
