import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { SchemaError, ValidationError } from '../errors.js';
import { createTinySyncStore } from '../store/create-tinysync-store.js';
import { defineSchema } from './define-schema.js';
import { toMirrorTables } from './sql-mirror-schema.js';
import { toTinyBaseTablesSchema } from './tinybase-tables-schema.js';
import { ref } from './zod-mini.js';

const schema = defineSchema({
  tables: {
    lists: { cells: { name: z.string().check(z.trim(), z.minLength(1, 'name is required')) } },
    todos: {
      cells: {
        title: z.string().check(z.minLength(1, 'title is required')),
        status: z._default(z.enum(['todo', 'done']), 'todo'),
        listId: ref('lists'),
        assigneeId: z.optional(ref('lists')),
        dueAt: z.optional(z.int()),
        weight: z._default(z.number(), 0.5),
      },
    },
  },
});

describe('a schema written in zod/mini', () => {
  it('validates writes, applies defaults and reports issues per cell', () => {
    const warnings: unknown[] = [];
    const app = createTinySyncStore(schema, { onWarning: (warning) => warnings.push(warning) });
    const todo = app.tables.todos.create({ title: 'Write', listId: 'l1' });
    expect(todo).toMatchObject({ title: 'Write', listId: 'l1', status: 'todo', weight: 0.5 });

    let error: unknown;
    try {
      // @ts-expect-error 'later' is not a status
      app.tables.todos.create({ title: '', listId: '', status: 'later' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const issues = (error as ValidationError).issues;
    expect(issues.map((issue) => issue.cellId).sort()).toEqual(['listId', 'status', 'title']);
    expect(issues.find((issue) => issue.cellId === 'listId')?.message).toBe(
      'must reference a row id',
    );
    // @ts-expect-error 'color' is not a cell of todos
    expect(() => app.tables.todos.update(todo.id, { color: 'red' })).toThrow(/unknown cell/);

    app.store.setCell('todos', todo.id, 'title', '');
    expect(app.tables.todos.get(todo.id)?.title).toBe('Write');
    expect(warnings).toEqual([expect.any(ValidationError)]);
  });

  it('turns mini references into relationships, also behind z.optional', () => {
    expect(schema.references.map((reference) => reference.relationshipId)).toEqual([
      'todos.listId',
      'todos.assigneeId',
    ]);
    expect(() =>
      defineSchema({
        tables: {
          // @ts-expect-error 'ghosts' is not a table of this schema
          todos: { cells: { ownerId: z.optional(ref('ghosts')) } },
        },
      }),
    ).toThrow(SchemaError);
  });

  it('maps mini cells to TinyBase and SQL types like classic ones', () => {
    expect(toTinyBaseTablesSchema(schema).todos).toEqual({
      title: { type: 'string' },
      status: { enum: ['todo', 'done'] },
      listId: { type: 'string' },
      assigneeId: { type: 'string' },
      dueAt: { type: 'number' },
      weight: { type: 'number' },
    });
    const todos = toMirrorTables(schema).find((table) => table.name === 'todos');
    expect(todos?.cellColumns.filter((column) => column.type !== 'TEXT')).toEqual([
      { name: 'dueAt', type: 'INTEGER' },
      { name: 'weight', type: 'REAL' },
    ]);
  });
});

describe('bundle of an app that uses zod/mini', () => {
  /** The zod modules whose code ends up in the bundle of an app entry. */
  const zodModules = async (contents: string) => {
    const result = await build({
      stdin: { contents, resolveDir: fileURLToPath(new URL('.', import.meta.url)) },
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      // The workspace's source, as the other tools in this repo resolve it (package.json exports).
      conditions: ['@tinysync/source', 'module'],
      external: ['tinybase', 'partysocket'],
      logLevel: 'silent',
    });
    // Only modules that kept code after tree shaking; the metafile also lists dropped ones.
    const [output] = Object.values(result.metafile.outputs);
    return Object.entries(output?.inputs ?? {})
      .filter(([input, { bytesInOutput }]) => input.includes('/zod/') && bytesInOutput > 0)
      .map(([input]) => input);
  };

  it('holds no classic zod: TinySync itself only uses zod/v4/core and zod/mini', async () => {
    const miniApp = `
      export {
        createSyncClient, createTinySyncStore, defineSchema, indexedDbPersister, toMirrorTables,
      } from '@tinysync/store';
      export { ref } from '@tinysync/store/zod-mini';
      export { string } from 'zod/mini';`;
    const modules = await zodModules(miniApp);
    expect(modules.some((input) => input.includes('/zod/v4/core/'))).toBe(true);
    expect(modules.filter((input) => input.includes('/zod/v4/classic/'))).toEqual([]);
    // The check can see classic zod: the classic `ref` brings it in.
    const classicRef = await zodModules(`export { ref } from '@tinysync/store';`);
    expect(classicRef.some((input) => input.includes('/zod/v4/classic/'))).toBe(true);
  }, 60_000);
});
