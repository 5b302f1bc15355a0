import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { createMergeableStore } from 'tinybase';
import { describe, expect, it } from 'vitest';
import { createIncrementalSqlPersister } from '../../../src/persistence/incremental-sql-persister.ts';

const inFreshObject = <R>(callback: (sql: SqlStorage) => Promise<R>) =>
  runInDurableObject(env.STORES.get(env.STORES.newUniqueId()), (_instance, state) => {
    // The object's own tables are created by its persister; start from an empty database.
    for (const table of ['tinysync_cells', 'tinysync_values', 'tinysync_times', 'tinysync_meta']) {
      state.storage.sql.exec(`DROP TABLE IF EXISTS ${table}`);
    }
    return callback(state.storage.sql);
  });

describe('createIncrementalSqlPersister', () => {
  it('reloads exactly the mergeable content it saved, deletions included', async () => {
    await inFreshObject(async (sql) => {
      const store = createMergeableStore('a');
      const persister = createIncrementalSqlPersister(store, sql);
      await persister.startAutoSave();
      store.setRow('users', 'u1', { name: 'Ada', email: 'ada@example.com' });
      store.setRow('users', 'u2', { name: 'Bo', email: 'bo@example.com' });
      store.delRow('users', 'u2');
      store.setCell('users', 'u1', 'name', 'Ada L.');
      await persister.save();
      await persister.destroy();

      const reloaded = createMergeableStore('b');
      await createIncrementalSqlPersister(reloaded, sql).load();
      expect(reloaded.getTables()).toEqual({
        users: { u1: { name: 'Ada L.', email: 'ada@example.com' } },
      });
      expect(reloaded.getMergeableContent()).toEqual(store.getMergeableContent());
      expect(reloaded.getMergeableContentHashes()).toEqual(store.getMergeableContentHashes());
    });
  });

  it('reloads null, object and array cells, stamped and hashed as TinyBase saved them', async () => {
    await inFreshObject(async (sql) => {
      const store = createMergeableStore('a');
      const persister = createIncrementalSqlPersister(store, sql);
      await persister.startAutoSave();
      store.setRow('notes', 'n1', {
        tags: ['a', 'b'],
        settings: { pinned: true },
        archivedAt: null,
      });
      store.setCell('notes', 'n1', 'tags', ['a', 'b', 'c']);
      await persister.save();
      await persister.destroy();

      const reloaded = createMergeableStore('b');
      await createIncrementalSqlPersister(reloaded, sql).load();
      expect(reloaded.getRow('notes', 'n1')).toEqual({
        tags: ['a', 'b', 'c'],
        settings: { pinned: true },
        archivedAt: null,
      });
      expect(reloaded.getMergeableContentHashes()).toEqual(store.getMergeableContentHashes());
    });
  });

  it('writes one row per changed cell, and nothing on the first save after a load', async () => {
    await inFreshObject(async (sql) => {
      const store = createMergeableStore('a');
      const persister = createIncrementalSqlPersister(store, sql);
      await persister.startAutoSave();
      store.transaction(() => {
        for (let index = 0; index < 100; index++)
          store.setRow('t', `r${index}`, { a: index, b: 'x' });
      });
      await persister.save();
      await persister.destroy();
      const rowsWritten = () => sql.exec('SELECT * FROM tinysync_cells').rowsWritten;

      const reloaded = createMergeableStore('b');
      const second = createIncrementalSqlPersister(reloaded, sql);
      const before = sql.databaseSize;
      await second.startAutoPersisting();
      expect(reloaded.getRowCount('t')).toBe(100);
      expect(sql.databaseSize).toBe(before);

      const times = () =>
        sql
          .exec<{ time: string }>('SELECT time FROM tinysync_cells ORDER BY row_id, cell_id')
          .toArray()
          .map((row) => row.time);
      const earlier = times();
      reloaded.setCell('t', 'r7', 'b', 'y');
      await second.save();
      const later = times();
      expect(later.filter((time, index) => time !== earlier[index])).toHaveLength(1);
      expect(rowsWritten()).toBe(0);
      await second.destroy();
    });
  });
});
