import type { MergeableContent } from 'tinybase';
import { describe, expect, it, vi } from 'vitest';
import { appSchema } from '../app-schema.js';
import { createTinySyncStore } from '../store/create-tinysync-store.js';
import { type MemoryStorage, memoryPersister } from './memory-persister.js';

describe('memoryPersister', () => {
  it('keeps the content in the given storage, so a second store sees it as after a reload', async () => {
    const storage: MemoryStorage = new Map();
    const first = createTinySyncStore(appSchema, { persister: memoryPersister(storage, 'org_1') });
    await first.ready;
    expect(first.persistence()).toBe('memory:org_1');
    first.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    await first.destroy();
    expect(storage.has('org_1')).toBe(true);

    const second = createTinySyncStore(appSchema, { persister: memoryPersister(storage, 'org_1') });
    await second.ready;
    expect(second.tables.users.get('u1')?.name).toBe('Ada');
    await second.destroy();
  });

  it('saves a copy: later edits do not leak into what was saved', async () => {
    const storage: MemoryStorage = new Map();
    const app = createTinySyncStore(appSchema, { persister: memoryPersister(storage) });
    await app.ready;
    app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    await vi.waitFor(() => expect(storage.has('tinysync')).toBe(true));
    const saved = JSON.stringify(storage.get('tinysync'));
    const liveContent = app.store.getMergeableContent();
    (liveContent[0][0] as Record<string, unknown>).users = 'tampered';
    expect(JSON.stringify(storage.get('tinysync'))).toBe(saved);
    await app.destroy();
  });

  it('saves a burst of writes once, after it, and skips saving what it holds', async () => {
    const storage = new CountingStorage();
    const app = createTinySyncStore(appSchema, { persister: memoryPersister(storage) });
    await app.ready;
    const savesBefore = storage.sets;
    for (let index = 0; index < 100; index++) {
      app.tables.users.create({ id: `u${index}`, name: `U${index}`, email: `u${index}@x.io` });
    }
    await vi.waitFor(() => expect(storage.get('tinysync')?.[0][0].users).toBeDefined());
    await app.destroy();
    expect(storage.sets - savesBefore).toBe(1);
    const reopened = createTinySyncStore(appSchema, { persister: memoryPersister(storage) });
    await reopened.ready;
    expect(reopened.tables.users.count()).toBe(100);
    await reopened.destroy();
  });

  it('saves again what another store wrote over under the same key', async () => {
    const storage: MemoryStorage = new Map();
    const app = createTinySyncStore(appSchema, { persister: memoryPersister(storage, 'k') });
    await app.ready;
    app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    await vi.waitFor(() => expect(storage.get('k')?.[0][0].users).toBeDefined());
    const other = createTinySyncStore(appSchema, { persister: memoryPersister(new Map(), 'k') });
    await other.ready;
    storage.set('k', other.store.getMergeableContent() as MergeableContent);
    await app.destroy();
    await other.destroy();
    const reopened = createTinySyncStore(appSchema, { persister: memoryPersister(storage, 'k') });
    await reopened.ready;
    expect(reopened.tables.users.get('u1')?.name).toBe('Ada');
    await reopened.destroy();
  });

  it('keeps separate keys apart', async () => {
    const storage: MemoryStorage = new Map();
    const a = createTinySyncStore(appSchema, { persister: memoryPersister(storage, 'a') });
    const b = createTinySyncStore(appSchema, { persister: memoryPersister(storage, 'b') });
    await Promise.all([a.ready, b.ready]);
    a.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    await a.destroy();
    await b.destroy();
    const reopened = createTinySyncStore(appSchema, { persister: memoryPersister(storage, 'b') });
    await reopened.ready;
    expect(reopened.tables.users.count()).toBe(0);
  });
});

/** Counts the saves written into it. */
class CountingStorage extends Map<string, MergeableContent> {
  sets = 0;
  override set(key: string, value: MergeableContent): this {
    this.sets++;
    return super.set(key, value);
  }
}
