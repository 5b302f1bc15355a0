import { appSchema, createTinySyncStore } from '@tinysync/store';
import { describe, expect, it } from 'vitest';
import { applyCapturedChanges } from '../../../src/turso/apply-captured-changes.ts';
import type { CapturedChange } from '../../../src/turso/captured-changes.ts';

const adaCells = {
  name: 'Ada',
  email: 'ada@example.com',
  role: 'admin',
  avatarUrl: null,
  createdAt: 1,
};
let seq = 0;
const change = (
  fields: Partial<CapturedChange> & Pick<CapturedChange, 'rowId'>,
): CapturedChange => ({
  seq: ++seq,
  tableId: 'users',
  op: 'upsert',
  cells: adaCells,
  changed: undefined,
  ...fields,
});

describe('applyCapturedChanges', () => {
  it('creates new rows whole, updates only the changed cells, deletes', () => {
    const app = createTinySyncStore(appSchema);
    app.tables.users.create({ id: 'u2', name: 'Bo', email: 'bo@example.com', createdAt: 2 });
    // The store's copy of u2 changed a cell the external update did not touch: it stays.
    app.tables.users.update('u2', { role: 'viewer' });
    const result = applyCapturedChanges(app, appSchema, [
      change({ rowId: 'u1' }),
      change({
        rowId: 'u2',
        cells: { ...adaCells, name: 'Bo B.', email: 'bo@example.com', role: 'member' },
        changed: ['name'],
      }),
      change({ rowId: 'u1', op: 'delete', cells: {} }),
      change({ rowId: 'u3', cells: { ...adaCells, avatarUrl: 'x.png' } }),
    ]);
    expect(result).toEqual({ applied: 4, rejected: [] });
    expect(app.store.getTables()).toEqual({
      users: {
        u2: { name: 'Bo B.', email: 'bo@example.com', role: 'viewer', createdAt: 2 },
        u3: {
          name: 'Ada',
          email: 'ada@example.com',
          role: 'admin',
          avatarUrl: 'x.png',
          createdAt: 1,
        },
      },
    });
  });

  it('skips and reports what the schema refuses, and still applies the rest', () => {
    const app = createTinySyncStore(appSchema);
    const result = applyCapturedChanges(app, appSchema, [
      change({ rowId: 'good' }),
      change({ rowId: 'bad', cells: { ...adaCells, email: 'nope' } }),
      change({ rowId: 'x', tableId: 'ghosts' }),
      change({ rowId: 'good', cells: { ...adaCells, role: 'emperor' }, changed: ['role'] }),
    ]);
    expect(result.applied).toBe(1);
    expect(result.rejected.map(({ rowId, message }) => ({ rowId, message }))).toEqual([
      { rowId: 'bad', message: expect.stringContaining('email') },
      { rowId: 'x', message: "unknown table 'ghosts'" },
      { rowId: 'good', message: expect.stringContaining('role') },
    ]);
    expect(app.store.getTables()).toEqual({
      users: { good: { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 } },
    });
  });

  it('turns SQLite 0/1 into booleans for boolean cells', async () => {
    const { defineSchema } = await import('@tinysync/store');
    const { z } = await import('zod');
    const schema = defineSchema({ tables: { flags: { cells: { on: z.boolean() } } } });
    const app = createTinySyncStore(schema);
    applyCapturedChanges(app as never, schema, [
      change({ tableId: 'flags', rowId: 'f1', cells: { on: 1 } }),
      change({ tableId: 'flags', rowId: 'f2', cells: { on: 0 } }),
    ]);
    expect(app.store.getTable('flags')).toEqual({ f1: { on: true }, f2: { on: false } });
  });
});
