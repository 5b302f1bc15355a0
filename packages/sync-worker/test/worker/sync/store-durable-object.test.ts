import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { READ_ONLY_NOTICE } from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import { ADMIN, connectClient, eventually, openSocket, VIEWER } from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
let storeCounter = 0;
const newStoreId = () => `org_test${++storeCounter}_${Date.now()}`;

const storedCells = (storeId: string) =>
  runInDurableObject(env.STORES.get(env.STORES.idFromName(storeId)), (_instance, state) =>
    state.storage.sql
      .exec<{ table_id: string; row_id: string; cell_id: string; value: string; time: string }>(
        'SELECT * FROM tinysync_cells ORDER BY table_id, row_id, cell_id',
      )
      .toArray(),
  );

describe('StoreDurableObject', () => {
  it('syncs a change between two standard TinyBase clients and persists it', async () => {
    const storeId = newStoreId();
    const a = await connectClient(storeId);
    const b = await connectClient(storeId);
    a.store.setRow('users', 'u1', ada);
    a.store.setRow('users', 'u2', ada);
    // Both rows, not just the first: b deletes u2, which it may not have yet under load.
    await eventually(() => expect(b.store.getTable('users')).toEqual({ u1: ada, u2: ada }));
    b.store.delRow('users', 'u2');
    await eventually(() => expect(a.store.hasRow('users', 'u2')).toBe(false));
    await eventually(async () => expect((await storedCells(storeId)).length).toBe(8));
    const late = await connectClient(storeId);
    await eventually(() => expect(late.store.getTables()).toEqual({ users: { u1: ada } }));
  });

  it('takes changes at once from the first client of an object an HTTP call started', async () => {
    const storeId = newStoreId();
    // Started without a client: the server copy's first request for hashes reaches nobody.
    await env.STORES.get(env.STORES.idFromName(storeId)).exportContent();
    const a = await connectClient(storeId);
    a.store.setRow('users', 'u1', ada);
    // Well before TinyBase's 30 s request timeout would have let the change through.
    await eventually(async () => expect((await storedCells(storeId)).length).toBe(4), 5_000);
  });

  it('persists only the cells a change touched', async () => {
    const storeId = newStoreId();
    const a = await connectClient(storeId);
    a.store.setRow('users', 'u1', ada);
    a.store.setRow('users', 'u2', { ...ada, name: 'Bo' });
    await eventually(async () => expect((await storedCells(storeId)).length).toBe(8));
    const before = await storedCells(storeId);
    a.store.setCell('users', 'u2', 'name', 'Bo B.');
    let after = before;
    await eventually(async () => {
      after = await storedCells(storeId);
      expect(after.find((cell) => cell.row_id === 'u2' && cell.cell_id === 'name')?.value).toBe(
        '"Bo B."',
      );
    });
    const changed = after.filter((cell, index) => cell.time !== before[index]?.time);
    expect(changed.map((cell) => `${cell.row_id}.${cell.cell_id}`)).toEqual(['u2.name']);
  });

  it('drops invalid cells, keeps the valid ones of the same change, and spares other clients', async () => {
    const storeId = newStoreId();
    const a = await connectClient(storeId);
    const b = await connectClient(storeId);
    // An optional cell with a wrong value: the row is whole without it.
    a.store.setRow('users', 'u1', { ...ada, avatarUrl: 7, shoeSize: 44 });
    a.store.setRow('ghosts', 'g1', { boo: true });
    await eventually(() => expect(b.store.getRow('users', 'u1')).toEqual(ada));
    expect(b.store.hasTable('ghosts')).toBe(false);
    // The invalid avatar is stored as the deletion that takes it back from the sender; the
    // unknown cell and table cannot be held by the server's copy and stay with the sender.
    await eventually(async () =>
      expect((await storedCells(storeId)).map((cell) => [cell.cell_id, cell.value])).toEqual([
        ['avatarUrl', null],
        ['createdAt', '1'],
        ['email', '"ada@example.com"'],
        ['name', '"Ada"'],
        ['role', '"admin"'],
      ]),
    );
    await eventually(() =>
      expect(a.store.getRow('users', 'u1')).toEqual({
        ...b.store.getRow('users', 'u1'),
        shoeSize: 44,
      }),
    );
  });

  it('puts a dropped cell back even right after a message whose drops it cannot put back', async () => {
    const storeId = newStoreId();
    const a = await connectClient(storeId);
    // Unknown tables cannot be held by the server's copy: nothing to put back, so this must not
    // use up the connection's correction batch for the second (a known cell, invalid value).
    a.store.setRow('ghosts', 'g1', { boo: true });
    a.store.setRow('users', 'u1', { ...ada, email: 'not-an-email' });
    // Well before the next resync round (15 s) would give the email another chance.
    await eventually(
      async () =>
        expect(
          (await storedCells(storeId)).find((cell) => cell.cell_id === 'email')?.value,
        ).toBeNull(),
      5_000,
    );
    await eventually(() => expect(a.store.hasCell('users', 'u1', 'email')).toBe(false), 5_000);
  });

  it('puts the server value back on a client whose cell it dropped, so both converge', async () => {
    const storeId = newStoreId();
    const a = await connectClient(storeId);
    const b = await connectClient(storeId);
    a.store.setRow('users', 'u1', ada);
    await eventually(() => expect(b.store.getRow('users', 'u1')).toEqual(ada));
    b.store.setCell('users', 'u1', 'email', 'not-an-email');
    b.store.setCell('users', 'u1', 'name', 'Ada L.');

    await eventually(() =>
      expect(b.store.getRow('users', 'u1')).toEqual({ ...ada, name: 'Ada L.' }),
    );
    await eventually(() =>
      expect(a.store.getRow('users', 'u1')).toEqual({ ...ada, name: 'Ada L.' }),
    );
    await eventually(() =>
      expect(b.store.getMergeableContentHashes()).toEqual(a.store.getMergeableContentHashes()),
    );
  });

  it("drops a viewer's writes and tells it so, while it still receives others' changes", async () => {
    const storeId = newStoreId();
    const admin = await connectClient(storeId);
    const viewer = await connectClient(storeId, VIEWER);
    expect(viewer.received).toContain(READ_ONLY_NOTICE);
    viewer.store.setRow('users', 'v1', ada);
    admin.store.setRow('users', 'a1', ada);
    await eventually(() => expect(viewer.store.getRow('users', 'a1')).toEqual(ada));
    // The server takes the viewer's row back on the viewer alone: it goes away there again.
    await eventually(() => expect(viewer.store.hasRow('users', 'v1')).toBe(false));
    await eventually(() => expect(viewer.store.getTables()).toEqual(admin.store.getTables()));
    expect(admin.store.hasRow('users', 'v1')).toBe(false);
    // Nothing of a row the server never had is stored for a client that may not write it.
    await eventually(async () =>
      expect((await storedCells(storeId)).map((cell) => cell.row_id)).toContain('a1'),
    );
    expect((await storedCells(storeId)).filter((cell) => cell.row_id === 'v1')).toEqual([]);
    expect(viewer.received.filter((frame) => frame === READ_ONLY_NOTICE).length).toBeGreaterThan(1);
  });

  it('puts dropped cells back in bounded batches, and all of them over the next sync rounds', async () => {
    const storeId = newStoreId();
    const viewer = await connectClient(storeId, VIEWER);
    // 600 rows × 4 cells: 2,400 dropped cells in one message, more than two batches.
    viewer.store.transaction(() => {
      for (let index = 0; index < 600; index++) viewer.store.setRow('users', `v${index}`, ada);
    });
    const deletedRows = () => 600 - viewer.store.getRowCount('users');
    await eventually(() => expect(deletedRows()).toBe(250));
    // The sender offers its changes again (TinySync's client does every few seconds), and each
    // round, at most one a second, puts the next batch back.
    for (let round = 0; round < 10 && viewer.store.getRowCount('users') > 0; round++) {
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await viewer.synchronizer.save();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    expect(viewer.store.getRowCount('users')).toBe(0);
    // Rows the server never had are put back on the viewer alone: nothing stored.
    expect(await storedCells(storeId)).toEqual([]);
    // Never closed for flooding, nor for writing while read-only, along the way.
    expect(viewer.socket.readyState).toBe(WebSocket.OPEN);
  });

  it.each([
    ['not a TinyBase frame', 'hello', 1007],
    ['not JSON', '\n{oops', 1007],
    ['a wrong message shape', '\n["r",99,{}]', 1007],
    ['a bad fragment', '\nAAAAAAAAAAAAAAAA\n5\n2\nxx', 1007],
    ['a frame over the size limit', `\n${'x'.repeat(1024 * 1024 + 1)}`, 1009],
  ])('closes only the connection that sent %s', async (_label, frame, code) => {
    const storeId = newStoreId();
    const good = await connectClient(storeId);
    const bad = await openSocket(storeId, ADMIN);
    const closed = new Promise<CloseEvent>((resolve) => bad.addEventListener('close', resolve));
    bad.send(frame);
    expect((await closed).code).toBe(code);
    const other = await connectClient(storeId);
    good.store.setRow('users', 'u1', ada);
    await eventually(() => expect(other.store.getRow('users', 'u1')).toEqual(ada));
  });

  it('closes a binary frame', async () => {
    const bad = await openSocket(newStoreId(), ADMIN);
    const closed = new Promise<CloseEvent>((resolve) => bad.addEventListener('close', resolve));
    bad.send(new Uint8Array([1, 2, 3]));
    expect((await closed).code).toBe(1003);
  });

  it('closes the socket with token_expired when the session token expires', async () => {
    const storeId = newStoreId();
    const client = await connectClient(storeId, { ...ADMIN, expiresAt: Date.now() + 50 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await runDurableObjectAlarm(env.STORES.get(env.STORES.idFromName(storeId)));
    const event = await client.closed;
    expect([event.code, event.reason]).toEqual([4001, 'token_expired']);
  });

  it('refuses a connection that did not come through the Worker', async () => {
    const stub = env.STORES.get(env.STORES.idFromName(newStoreId()));
    const response = await stub.fetch('http://store/x', {
      headers: { Upgrade: 'websocket', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' },
    });
    expect(response.status).toBe(400);
  });
});

describe('StoreDurableObject limits (set small for the tests in vitest.config.ts)', () => {
  it('refuses connections beyond the per-store maximum with 429', async () => {
    const storeId = newStoreId();
    // Two users, each under the per-user maximum (5).
    for (let index = 0; index < 6; index++) await openSocket(storeId, index < 3 ? ADMIN : VIEWER);
    const stub = env.STORES.get(env.STORES.idFromName(storeId));
    const response = await stub.fetch(`http://store/${storeId}`, {
      headers: {
        Upgrade: 'websocket',
        'Sec-WebSocket-Key': 'c2V2ZW50aCBjb25uZWN0aW9u',
        'X-TinySync-Connection': JSON.stringify(ADMIN),
      },
    });
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ error: { code: 'too_many_connections' } });
  });

  it('closes a connection that floods past the rate limit, and only that one', async () => {
    const storeId = newStoreId();
    const calm = await connectClient(storeId);
    const flooder = await openSocket(storeId, ADMIN);
    const closed = new Promise<CloseEvent>((resolve) => flooder.addEventListener('close', resolve));
    // Burst 100 plus 50/s: a thousand frames overflow it however slowly they are processed.
    for (let index = 0; index < 1000; index++) flooder.send('\n[null,1,""]');
    expect([(await closed).code, (await closed).reason]).toEqual([4029, 'rate_limited']);
    // Requests are the server's to answer: nothing of the flood was relayed to the other client.
    expect(calm.received.filter((frame) => !frame.startsWith('S\n'))).toEqual([]);
    expect(calm.socket.readyState).toBe(WebSocket.OPEN);
    const other = await connectClient(storeId);
    calm.store.setRow('users', 'u1', ada);
    await eventually(() => expect(other.store.getRow('users', 'u1')).toEqual(ada));
  }, 20_000);
});
