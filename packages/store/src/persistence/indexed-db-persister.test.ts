import 'fake-indexeddb/auto';
import { createMergeableStore, type MergeableStore } from 'tinybase';
import { createIndexedDbPersister } from 'tinybase/persisters/persister-indexed-db';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appSchema } from '../app-schema.js';
import { PersistenceUnavailableError, StoreNotReadyError } from '../errors.js';
import { createTinySyncStore } from '../store/create-tinysync-store.js';
import { indexedDbPersister } from './indexed-db-persister.js';

let dbCounter = 0;
const freshDbName = () => `tinysync-test-${++dbCounter}-${Date.now()}`;

const openApp = async (dbName: string, onWarning = vi.fn()) => {
  const app = createTinySyncStore(appSchema, {
    persister: indexedDbPersister(dbName, { autoLoadIntervalSeconds: false }),
    onWarning,
  });
  await app.ready;
  return app;
};

/** Merges both ways between the app and a "server" replica (a plain MergeableStore). */
const syncWithServer = (app: { store: unknown }, server: MergeableStore) =>
  server.merge(app.store as MergeableStore);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('indexedDbPersister', () => {
  it('starts empty on a new database without warning', async () => {
    const onWarning = vi.fn();
    const app = await openApp(freshDbName(), onWarning);
    expect(app.persistence()).toMatch(/^indexeddb:/);
    expect(app.tables.users.count()).toBe(0);
    await app.destroy();
    expect(onWarning).not.toHaveBeenCalled();
  });

  it('refuses operations until local data has loaded', async () => {
    const app = createTinySyncStore(appSchema, {
      persister: indexedDbPersister(freshDbName(), { autoLoadIntervalSeconds: false }),
    });
    expect(app.isReady()).toBe(false);
    expect(() => app.tables.users.list()).toThrow(StoreNotReadyError);
    await app.ready;
    expect(app.tables.users.list()).toEqual([]);
    await app.destroy();
  });

  it('keeps rows and their CRDT stamps across a reload', async () => {
    const dbName = freshDbName();
    const first = await openApp(dbName);
    const ada = first.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    const gone = first.tables.users.create({ name: 'Gone', email: 'gone@example.com' });
    first.tables.users.delete(gone.id);
    const content = first.store.getMergeableContent();
    await first.destroy();

    const reloaded = await openApp(dbName);
    expect(reloaded.tables.users.list()).toEqual([ada]);
    expect(reloaded.store.getMergeableContent()).toEqual(content);
    await reloaded.destroy();
  });

  it('after a reload, merging with the server neither resurrects deletions nor loses offline edits', async () => {
    const dbName = freshDbName();
    const server = createMergeableStore('server');
    const online = await openApp(dbName);
    online.tables.users.create({ id: 'keep', name: 'Ada', email: 'ada@example.com' });
    online.tables.users.create({ id: 'drop', name: 'Bo', email: 'bo@example.com' });
    syncWithServer(online, server);

    // Offline: edit one row, delete the other, then reload the page.
    online.tables.users.update('keep', { name: 'Ada (offline edit)' });
    online.tables.users.delete('drop');
    await online.destroy();
    const reloaded = await openApp(dbName);
    syncWithServer(reloaded, server);

    expect(reloaded.store.getRowIds('users')).toEqual(['keep']);
    expect(server.getRowIds('users')).toEqual(['keep']);
    expect(server.getCell('users', 'keep', 'name')).toBe('Ada (offline edit)');
    await reloaded.destroy();
  });

  it('does not poll for other tabs unless asked (polling replaces the store with what it reads)', async () => {
    const store = createMergeableStore();
    const local = await indexedDbPersister(freshDbName())(store, { warn: vi.fn() });
    expect(local.autoLoad).toBe(false);
    expect(local.persister.isAutoLoading()).toBe(false);
    await local.persister.destroy();
  });

  it('picks up what another tab saved, when polling is on', async () => {
    const dbName = freshDbName();
    const open = () =>
      createTinySyncStore(appSchema, {
        persister: indexedDbPersister(dbName, { autoLoadIntervalSeconds: 0.02 }),
        onWarning: vi.fn(),
      });
    const tabA = open();
    await tabA.ready;
    const tabB = open();
    await tabB.ready;
    tabA.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    await vi.waitFor(() => expect(tabB.tables.users.get('u1')?.name).toBe('Ada'), {
      timeout: 2000,
    });
    await tabA.destroy();
    await tabB.destroy();
  });

  it('falls back to memory with a warning when there is no IndexedDB', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const onWarning = vi.fn();
    const app = await openApp(freshDbName(), onWarning);
    expect(onWarning).toHaveBeenCalledWith(expect.any(PersistenceUnavailableError));
    expect(String(onWarning.mock.calls[0]?.[0])).toMatch(/no indexedDB/);
    expect(app.persistence()).toMatch(/^memory/);
    const ada = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    expect(app.tables.users.get(ada.id)?.name).toBe('Ada');
    await app.destroy();
  });

  it('writes a burst of writes once, after it', async () => {
    const app = await openApp(freshDbName());
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    for (let index = 0; index < 100; index++) {
      app.tables.users.create({ id: `u${index}`, name: `U${index}`, email: `u${index}@x.io` });
    }
    await app.destroy();
    expect(put).toHaveBeenCalledTimes(1);
    put.mockRestore();
  });

  it('reports a saved record it cannot read, starts empty and saves over it', async () => {
    const dbName = freshDbName();
    await writeRawRecord(dbName, { k: 'tinysync-json', v: '{"truncated' });
    const onWarning = vi.fn();
    const app = await openApp(dbName, onWarning);
    expect(onWarning).toHaveBeenCalledWith(expect.any(PersistenceUnavailableError));
    expect(String(onWarning.mock.calls[0]?.[0])).toMatch(/JSON/);
    expect(app.tables.users.count()).toBe(0);
    app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    await app.destroy();

    const reopened = await openApp(dbName);
    expect(reopened.tables.users.get('u1')?.name).toBe('Ada');
    await reopened.destroy();
  });

  it('falls back to memory when IndexedDB refuses to open (e.g. private mode)', async () => {
    const refusingFactory = {
      open() {
        const request: Partial<IDBOpenDBRequest> & { error: DOMException } = {
          error: new DOMException('The user denied permission', 'SecurityError'),
        };
        queueMicrotask(() =>
          request.onerror?.call(request as IDBOpenDBRequest, new Event('error')),
        );
        return request as IDBOpenDBRequest;
      },
    };
    vi.stubGlobal('indexedDB', refusingFactory);
    const onWarning = vi.fn();
    const app = await openApp(freshDbName(), onWarning);
    expect(String(onWarning.mock.calls[0]?.[0])).toMatch(/SecurityError/);
    expect(app.tables.users.count()).toBe(0);
    await app.destroy();
  });

  it('reads a database that TinyBase’s IndexedDB persister wrote, and rewrites it on the next save', async () => {
    const dbName = freshDbName();
    const before = createMergeableStore();
    before.setRow('users', 'u1', { name: 'Ada', email: 'ada@example.com', role: 'member' });
    const tinybase = createIndexedDbPersister(before, dbName);
    await tinybase.save();
    await tinybase.destroy();

    const upgraded = await openApp(dbName);
    expect(upgraded.tables.users.get('u1')?.name).toBe('Ada');
    upgraded.tables.users.update('u1', { name: 'Ada L.' });
    await upgraded.destroy();

    expect(await readRecordKeys(dbName)).toEqual(['tinysync-json']);
    const reloaded = await openApp(dbName);
    expect(reloaded.tables.users.get('u1')?.name).toBe('Ada L.');
    await reloaded.destroy();
  });

  it('does not write back what it has just loaded, nor an unchanged store on closing', async () => {
    const dbName = freshDbName();
    const first = await openApp(dbName);
    first.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    await first.destroy();

    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const reloaded = await openApp(dbName);
    expect(reloaded.tables.users.get('u1')?.name).toBe('Ada');
    await reloaded.destroy();
    expect(put).not.toHaveBeenCalled();

    const edited = await openApp(dbName);
    edited.tables.users.update('u1', { name: 'Ada L.' });
    await edited.destroy();
    expect(put).toHaveBeenCalled();
    put.mockRestore();
  });

  it('lets the database be deleted while open, and saves into a new one afterwards', async () => {
    const dbName = freshDbName();
    const app = await openApp(dbName);
    app.tables.users.create({ id: 'u1', name: 'Ada', email: 'ada@example.com' });
    await vi.waitFor(async () => expect(await readRecordKeys(dbName)).toEqual(['tinysync-json']));

    // Resolves only once every open connection has closed (a held one would block it).
    await requestDone(indexedDB.deleteDatabase(dbName));
    app.tables.users.create({ id: 'u2', name: 'Bo', email: 'bo@example.com' });
    await app.destroy();

    const reloaded = await openApp(dbName);
    expect(reloaded.tables.users.list().map((user) => user.id)).toEqual(['u1', 'u2']);
    await reloaded.destroy();
  });
});

/** The keys of the records in the database's `m` object store. */
async function readRecordKeys(dbName: string): Promise<IDBValidKey[]> {
  const database = await requestDone(indexedDB.open(dbName));
  try {
    return await requestDone(database.transaction('m').objectStore('m').getAllKeys());
  } finally {
    database.close();
  }
}

function requestDone<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Puts `record` into the object store TinySync keeps its content in, as another writer could. */
async function writeRawRecord(dbName: string, record: { k: string; v: unknown }): Promise<void> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(dbName, 3);
    request.onupgradeneeded = () => {
      for (const name of ['t', 'v', 'm']) request.result.createObjectStore(name, { keyPath: 'k' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  await new Promise<void>((resolve, reject) => {
    const transaction = database.transaction('m', 'readwrite');
    transaction.objectStore('m').put(record);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
  });
  database.close();
}
