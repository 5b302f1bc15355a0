// A hostile review: the row check laid every incoming cell over the row, but TinyBase's merge
// keeps the later stamp, so a cell stamped before the server's own was judged and never applied.
// A row deleted on the server, pushed again with one fresh cell and its required cells stamped
// before the deletion, was judged whole and stored without them.
import { env } from 'cloudflare:workers';
import { MESSAGE } from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import { ADMIN, connectClient, eventually, hlcAt, rawClient } from './connect.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
const LONG_AGO = 'Nn1JUF-----7JQY8'; // 2024
let storeCounter = 0;
const newStoreId = () => `org_stale${++storeCounter}_${Date.now()}`;

/** A push of one `users` row whose cells carry their own times. */
const pushOf = (rowId: string, cells: Record<string, [unknown, string]>) => [
  [{ users: [{ [rowId]: [cells] }] }],
  [{}],
  1,
];
const storedUser = async (storeId: string, rowId: string) => {
  const exported = await env.STORES.get(env.STORES.idFromName(storeId)).exportContent();
  return exported.ok ? exported.value.tables.users?.[rowId] : undefined;
};

describe('cells stamped before what the server holds', () => {
  it('do not count: a deleted row pushed back with stale required cells stays deleted', async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    observer.store.setRow('users', 'r1', ada);
    await eventually(async () => expect(await storedUser(storeId, 'r1')).toBeDefined());
    observer.store.delRow('users', 'r1');
    await eventually(async () => expect(await storedUser(storeId, 'r1')).toBeUndefined());

    const attacker = await rawClient(storeId, { ...ADMIN, userId: 'user_attacker' });
    const fresh = hlcAt(Date.now() + 60_000);
    attacker.send(
      null,
      MESSAGE.contentDiff,
      pushOf('r1', { name: ['Back', fresh], email: [ada.email, LONG_AGO] }),
    );
    attacker.send(
      null,
      MESSAGE.contentDiff,
      pushOf('sentinel', { name: ['S', fresh], email: [ada.email, fresh] }),
    );
    await eventually(() => expect(observer.store.hasRow('users', 'sentinel')).toBe(true));
    expect(await storedUser(storeId, 'r1')).toBeUndefined();
    expect(observer.store.hasRow('users', 'r1')).toBe(false);
  });

  it('change nothing, and the rest of the change is taken', async () => {
    const storeId = newStoreId();
    const observer = await connectClient(storeId);
    observer.store.setRow('users', 'r1', ada);
    await eventually(async () => expect(await storedUser(storeId, 'r1')).toBeDefined());
    const writer = await rawClient(storeId, { ...ADMIN, userId: 'user_writer' });
    const fresh = hlcAt(Date.now() + 60_000);
    writer.send(
      null,
      MESSAGE.contentDiff,
      pushOf('r1', { name: ['Ada L.', fresh], email: ['old@example.com', LONG_AGO] }),
    );
    await eventually(() => expect(observer.store.getCell('users', 'r1', 'name')).toBe('Ada L.'));
    expect(observer.store.getCell('users', 'r1', 'email')).toBe(ada.email);
    expect(await storedUser(storeId, 'r1')).toMatchObject({ name: 'Ada L.', email: ada.email });
  });
});
