import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ValidationError } from '../errors.js';
import { indexedDbPersister } from '../persistence/indexed-db-persister.js';
import { type MemoryStorage, memoryPersister } from '../persistence/memory-persister.js';
import { defineSchema } from '../schema/define-schema.js';
import { timestamp } from '../schema/timestamp.js';
import { createTinySyncStore } from './create-tinysync-store.js';

/** Data shapes real APIs return: nullable fields, tag arrays, settings objects, dates. */
const schema = defineSchema({
  tables: {
    notes: {
      cells: {
        title: z.string(),
        archivedAt: timestamp().nullable(),
        dueAt: timestamp().optional(),
        tags: z.array(z.string()).default([]),
        settings: z.object({ color: z.enum(['red', 'blue']), pinned: z.boolean() }).nullable(),
        extra: z.record(z.string(), z.any()).optional(),
      },
      indexes: { notesByDue: { on: 'title', sortBy: 'dueAt' } },
    },
  },
});

const note = {
  title: 'Launch',
  archivedAt: null,
  dueAt: Date.UTC(2026, 0, 2),
  tags: ['work', 'q1'],
  settings: { color: 'red' as const, pinned: true },
};

const newApp = (onWarning = vi.fn()) => createTinySyncStore(schema, { onWarning });

describe('null, object, array and timestamp cells', () => {
  it('creates, reads, updates and lists them', () => {
    const app = newApp();
    const created = app.tables.notes.create({ id: 'n1', ...note });
    expect(created).toEqual({ id: 'n1', ...note });
    expect(app.tables.notes.get('n1')).toEqual({ id: 'n1', ...note });
    expect(app.store.getCell('notes', 'n1', 'tags')).toEqual(['work', 'q1']);

    app.tables.notes.update('n1', {
      archivedAt: Date.UTC(2026, 0, 3),
      tags: [...created.tags, 'done'],
      settings: null,
    });
    expect(app.tables.notes.get('n1')).toMatchObject({
      archivedAt: Date.UTC(2026, 0, 3),
      tags: ['work', 'q1', 'done'],
      settings: null,
    });
    // Defaults apply to JSON cells too; an earlier timestamp sorts first.
    app.tables.notes.create({
      id: 'n0',
      title: 'Launch',
      archivedAt: null,
      settings: null,
      dueAt: 5,
    });
    expect(app.tables.notes.get('n0')?.tags).toEqual([]);
    expect(app.tables.notes.list({ sortBy: 'dueAt' }).map((row) => row.id)).toEqual(['n0', 'n1']);
  });

  it('refuses values that do not fit the cell, naming it', () => {
    const app = newApp();
    const refusal = (write: () => unknown) => {
      try {
        write();
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return [...new Set((error as ValidationError).issues.map((issue) => issue.cellId))];
      }
      throw new Error('the write was accepted');
    };
    expect(refusal(() => app.tables.notes.create({ ...note, tags: 'work' as never }))).toEqual([
      'tags',
    ]);
    expect(
      refusal(() => app.tables.notes.create({ ...note, settings: { color: 'green' } as never })),
    ).toEqual(['settings']);
    expect(
      refusal(() => app.tables.notes.create({ ...note, archivedAt: undefined as never })),
    ).toEqual(['archivedAt']);
    expect(refusal(() => app.tables.notes.create({ ...note, dueAt: -1 }))).toEqual(['dueAt']);
    expect(refusal(() => app.tables.notes.create({ ...note, dueAt: 1.5 }))).toEqual(['dueAt']);
    // What JSON would change is refused even where the zod schema takes anything.
    expect(refusal(() => app.tables.notes.create({ ...note, extra: { at: new Date() } }))).toEqual([
      'extra',
    ]);
    expect(
      refusal(() => app.tables.notes.create({ ...note, extra: { list: [1, Number.NaN] } })),
    ).toEqual(['extra']);
    app.tables.notes.create({ id: 'ok', ...note, extra: { nested: [{ deep: null }] } });
    expect(app.tables.notes.get('ok')?.extra).toEqual({ nested: [{ deep: null }] });
    expect(app.tables.notes.count()).toBe(1);
  });

  it('keeps raw store writes inside the schema (the write guard)', () => {
    const onWarning = vi.fn();
    const app = newApp(onWarning);
    app.tables.notes.create({ id: 'n1', ...note });
    app.store.setCell('notes', 'n1', 'tags', ['raw']);
    app.store.setCell('notes', 'n1', 'settings', null);
    expect(app.tables.notes.get('n1')).toMatchObject({ tags: ['raw'], settings: null });
    expect(onWarning).not.toHaveBeenCalled();

    // TinyBase's own tables schema drops a value of the wrong type (an object for an array, a
    // null where none is allowed); a value of the right type passes on to the guard's zod check.
    app.store.setCell('notes', 'n1', 'tags', { not: 'an array' } as never);
    app.store.setCell('notes', 'n1', 'title', null as never);
    app.store.setCell('notes', 'n1', 'settings', { color: 'green', pinned: 1 } as never);
    expect(onWarning).toHaveBeenCalledOnce();
    expect(onWarning.mock.calls[0]?.[0]).toBeInstanceOf(ValidationError);
    expect(onWarning.mock.calls[0]?.[0].issues[0].cellId).toBe('settings');
    expect(app.tables.notes.get('n1')).toMatchObject({
      title: 'Launch',
      tags: ['raw'],
      settings: null,
    });
  });

  // TinyBase stamps a JSON cell as encoded text when it is written or synced, but as the object
  // when merged through `applyMergeableChanges`: the same write then hashes differently, and
  // replicas that disagree on a stamp of the same time never converge.
  it('merges another replica content into a non-empty store with the same hashes', () => {
    const server = newApp();
    server.tables.notes.create({ id: 'n1', ...note });
    const client = newApp();
    client.tables.notes.create({ id: 'mine', ...note, title: 'Mine' });
    client.mergeContent(server.store.getMergeableContent());
    server.mergeContent(client.store.getMergeableContent());
    expect(client.tables.notes.get('n1')).toEqual({ id: 'n1', ...note });
    expect(server.tables.notes.get('mine')?.tags).toEqual(['work', 'q1']);
    expect(client.store.getMergeableContentHashes()).toEqual(
      server.store.getMergeableContentHashes(),
    );
  });

  it('round-trips through the memory persister and IndexedDB', async () => {
    const storage: MemoryStorage = new Map();
    const dbName = `tinysync-json-cells-${Date.now()}`;
    for (const persister of [
      () => memoryPersister(storage),
      () => indexedDbPersister(dbName, { autoLoadIntervalSeconds: false }),
    ]) {
      const first = createTinySyncStore(schema, { persister: persister(), onWarning: vi.fn() });
      await first.ready;
      first.tables.notes.create({ id: 'n1', ...note });
      const hashes = first.store.getMergeableContentHashes();
      await first.destroy();

      const second = createTinySyncStore(schema, { persister: persister(), onWarning: vi.fn() });
      await second.ready;
      expect(second.tables.notes.get('n1')).toEqual({ id: 'n1', ...note });
      expect(second.store.getMergeableContentHashes()).toEqual(hashes);
      await second.destroy();
    }
  });
});
