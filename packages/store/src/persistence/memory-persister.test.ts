import { describe, expect, it, vi } from 'vitest';
import { appSchema } from '../app-schema.ts';
import { createTinySyncStore } from '../store/create-tinysync-store.ts';
import { type MemoryStorage, memoryPersister } from './memory-persister.ts';

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
