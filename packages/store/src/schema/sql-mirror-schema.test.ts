import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appSchema } from '../app-schema.js';
import { defineSchema } from './define-schema.js';
import { createMirrorTableSql, toMirrorTables } from './sql-mirror-schema.js';
import { timestamp } from './timestamp.js';

describe('toMirrorTables', () => {
  it('maps each table and cell to SQL types', () => {
    const [users, , tasks] = toMirrorTables(appSchema);
    expect(users).toEqual({
      name: 'users',
      cellColumns: [
        { name: 'name', type: 'TEXT' },
        { name: 'email', type: 'TEXT' },
        { name: 'role', type: 'TEXT' },
        { name: 'avatarUrl', type: 'TEXT' },
        { name: 'createdAt', type: 'INTEGER' },
      ],
    });
    expect(tasks?.cellColumns.find((column) => column.name === 'position')).toEqual({
      name: 'position',
      type: 'REAL',
    });
  });

  it('writes CREATE TABLE with the store and stamp columns and a (store, id) key', () => {
    const [users] = toMirrorTables(appSchema);
    expect(createMirrorTableSql(users as never)).toBe(
      'CREATE TABLE IF NOT EXISTS "users" ("id" TEXT NOT NULL, "_tinysync_store" TEXT NOT NULL, "name" TEXT, "email" TEXT, "role" TEXT, "avatarUrl" TEXT, "createdAt" INTEGER, "_tinysync_hlc" TEXT, PRIMARY KEY ("_tinysync_store", "id"))',
    );
  });

  it('mirrors object and array cells as JSON columns, and marks nullable cells', () => {
    const schema = defineSchema({
      tables: {
        notes: {
          cells: {
            tags: z.array(z.string()),
            settings: z.object({ pinned: z.boolean() }).nullable(),
            archivedAt: timestamp().nullable(),
          },
        },
      },
    });
    const [notes] = toMirrorTables(schema);
    expect(notes?.cellColumns).toEqual([
      { name: 'tags', type: 'JSON' },
      { name: 'settings', type: 'JSON', nullable: true },
      { name: 'archivedAt', type: 'INTEGER', nullable: true },
    ]);
    expect(createMirrorTableSql(notes as never)).toContain(
      '"tags" JSON CHECK (json_valid("tags")), "settings" JSON CHECK (json_valid("settings")), "archivedAt" INTEGER,',
    );
  });
});
