// What a client's refused writes may leave behind on the server: nothing it could not have
// written itself. A hostile review found that a read-only viewer (a plain TinyBase client)
// writing 1,000 rows with 2,000-character ids grew the server's snapshot by 2.2 MB for good:
// refused cells of rows the server never had became stored, mirrored and broadcast deletions.
// And rows were only checked cell by cell, so a row without a required cell reached Turso.
import { runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { CLOSE } from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import { connectClient, eventually, VIEWER } from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
let storeCounter = 0;
const newStoreId = () => `org_refused${++storeCounter}_${Date.now()}`;

const storedRowIds = (storeId: string) =>
  runInDurableObject(env.STORES.get(env.STORES.idFromName(storeId)), (_instance, state) =>
    state.storage.sql
      .exec<{ row_id: string }>('SELECT DISTINCT row_id FROM tinysync_cells ORDER BY row_id')
      .toArray()
      .map((cell) => cell.row_id),
  );
const storedCell = (storeId: string, rowId: string, cellId: string) =>
  runInDurableObject(env.STORES.get(env.STORES.idFromName(storeId)), (_instance, state) =>
    state.storage.sql
      .exec<{ value: string | null }>(
        'SELECT value FROM tinysync_cells WHERE row_id = ? AND cell_id = ?',
        rowId,
        cellId,
      )
      .toArray()
      .map((cell) => cell.value),
  );

describe('a read-only connection', () => {
  it('plants nothing: rows the server never had, long ids or not, are not stored nor sent on', async () => {
    const storeId = newStoreId();
    const admin = await connectClient(storeId);
    const viewer = await connectClient(storeId, VIEWER);
    viewer.store.transaction(() => {
      for (let index = 0; index < 100; index++) {
        viewer.store.setRow('users', `${'x'.repeat(2_000)}${index}`, ada);
        viewer.store.setRow('users', `planted${index}`, ada);
      }
    });
    // The viewer's new rows with ids the server accepts are taken back on the viewer alone;
    // the ids it refuses cannot be held by the server's copy, so they stay on the viewer.
    await eventually(() => expect(viewer.store.getRowIds('users')).toHaveLength(100));
    expect(viewer.store.getRowIds('users').every((rowId) => rowId.length > 2_000)).toBe(true);
    // A sentinel written after: once the viewer has it, the server had dealt with the above.
    admin.store.setRow('users', 'sentinel', ada);
    await eventually(() => expect(viewer.store.getRow('users', 'sentinel')).toEqual(ada));
    expect(await storedRowIds(storeId)).toEqual(['sentinel']);
    expect(admin.store.getRowIds('users')).toEqual(['sentinel']);
    viewer.socket.close();
    await viewer.closed;
    expect(await storedRowIds(storeId)).toEqual(['sentinel']);
  });

  it('is closed when it keeps writing after it was told it is read-only', async () => {
    const storeId = newStoreId();
    const admin = await connectClient(storeId);
    admin.store.setRow('users', 'a1', ada);
    const viewer = await connectClient(storeId, VIEWER);
    await eventually(() => expect(viewer.store.getRow('users', 'a1')).toEqual(ada));
    // Each write to a row the server holds makes it put its value back and tell everyone.
    for (let index = 0; index < 30 && viewer.socket.readyState === WebSocket.OPEN; index++) {
      viewer.store.setCell('users', 'a1', 'name', `Viewer's ${index}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const closed = await viewer.closed;
    expect([closed.code, closed.reason]).toEqual([
      CLOSE.readOnlyWrites.code,
      CLOSE.readOnlyWrites.reason,
    ]);
    expect(await storedCell(storeId, 'a1', 'name')).toEqual(['"Ada"']);
  });

  it('is not held to the deletions its refused rows left on it: they change nothing', async () => {
    const storeId = newStoreId();
    const admin = await connectClient(storeId);
    const viewer = await connectClient(storeId, VIEWER);
    viewer.store.setRow('users', 'refused', ada);
    await eventually(() => expect(viewer.store.hasRow('users', 'refused')).toBe(false));
    // The viewer keeps the deletions the server does not have, so every sync round offers them
    // again: more rounds than the read-only writes it is allowed.
    for (let round = 0; round < 15; round++) await viewer.synchronizer.save();
    admin.store.setRow('users', 'sentinel', ada);
    await eventually(() => expect(viewer.store.getRow('users', 'sentinel')).toEqual(ada));
    expect(viewer.socket.readyState).toBe(WebSocket.OPEN);
    expect(await storedRowIds(storeId)).toEqual(['sentinel']);
  });
});

describe('rows are checked whole', () => {
  it('holds back a new row without a required cell until the whole row comes', async () => {
    const storeId = newStoreId();
    const a = await connectClient(storeId);
    const b = await connectClient(storeId);
    const { email: _, ...withoutEmail } = ada;
    a.store.setRow('users', 'incomplete', withoutEmail);
    a.store.setRow('users', 'sentinel', ada);
    await eventually(() => expect(b.store.getRow('users', 'sentinel')).toEqual(ada));
    expect(b.store.hasRow('users', 'incomplete')).toBe(false);
    expect(await storedRowIds(storeId)).toEqual(['sentinel']);
    // Not refused for good: its missing cells may still be on their way, so nothing is put back.
    expect(a.store.getRow('users', 'incomplete')).toEqual(withoutEmail);
    // The missing cell alone is no whole row either; offered again, the server pulls the row
    // whole, and then it lands everywhere.
    a.store.setCell('users', 'incomplete', 'email', ada.email);
    a.store.setRow('users', 'sentinel2', ada);
    await eventually(() => expect(b.store.getRow('users', 'sentinel2')).toEqual(ada));
    expect(b.store.hasRow('users', 'incomplete')).toBe(false);
    await a.synchronizer.save();
    await eventually(() => expect(b.store.getRow('users', 'incomplete')).toEqual(ada));
    expect(await storedRowIds(storeId)).toEqual(['incomplete', 'sentinel', 'sentinel2']);
  });

  it('keeps a deleted row deleted when a client edits some of its cells after the delete', async () => {
    const storeId = newStoreId();
    const a = await connectClient(storeId);
    const b = await connectClient(storeId);
    a.store.setRow('users', 'gone', ada);
    await eventually(() => expect(b.store.getRow('users', 'gone')).toEqual(ada));
    // b edits the row while it is offline; a deletes it meanwhile.
    await b.synchronizer.stopSync();
    a.store.delRow('users', 'gone');
    await eventually(async () => expect(await storedCell(storeId, 'gone', 'name')).toEqual([null]));
    b.store.setCell('users', 'gone', 'name', 'Edited offline');
    await b.synchronizer.startSync();
    // Back online, b's edit would bring the row back holding one cell: refused, and the
    // deletion put back on b, so both agree the row is gone.
    await eventually(() => expect(b.store.hasRow('users', 'gone')).toBe(false));
    await eventually(() =>
      expect(b.store.getMergeableContentHashes()).toEqual(a.store.getMergeableContentHashes()),
    );
    expect(await storedCell(storeId, 'gone', 'name')).toEqual([null]);
  });

  it('puts back a required cell a client deleted', async () => {
    const storeId = newStoreId();
    const a = await connectClient(storeId);
    const b = await connectClient(storeId);
    a.store.setRow('users', 'u1', ada);
    await eventually(() => expect(b.store.getRow('users', 'u1')).toEqual(ada));
    b.store.delCell('users', 'u1', 'email');
    b.store.setCell('users', 'u1', 'name', 'Ada L.');
    await eventually(() => expect(a.store.getCell('users', 'u1', 'name')).toBe('Ada L.'));
    await eventually(() => expect(b.store.getCell('users', 'u1', 'email')).toBe(ada.email));
    expect(a.store.getCell('users', 'u1', 'email')).toBe(ada.email);
    expect(await storedCell(storeId, 'u1', 'email')).toEqual(['"ada@example.com"']);
  });

  it('judges a row created in one message and changed in the next as a whole', async () => {
    const storeId = newStoreId();
    const a = await connectClient(storeId);
    for (let index = 0; index < 20; index++) {
      a.store.setRow('users', `u${index}`, ada);
      a.store.setCell('users', `u${index}`, 'name', `Ada ${index}`);
    }
    const names = Array.from({ length: 20 }, (_, index) => [`"Ada ${index}"`]);
    await eventually(async () =>
      expect(
        await Promise.all(names.map((_, index) => storedCell(storeId, `u${index}`, 'name'))),
      ).toEqual(names),
    );
  });
});
