import type { Client } from '@libsql/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { pruneCapturedChanges, readCapturedChanges } from '../../../src/turso/captured-changes.ts';
import { BEGIN_OWN_WRITES, END_OWN_WRITES } from '../../../src/turso/change-capture-sql.ts';
import { useMigratedMirror } from './migrated-mirror.ts';

describe('change capture in Turso (triggers + log, against the local libSQL server)', () => {
  const mirror = useMigratedMirror();
  let client: Client;
  beforeAll(() => {
    client = mirror.client();
  });

  it('logs inserts with every cell, updates with the cells they changed, and deletes', async () => {
    await client.execute(`INSERT INTO users (id, _tinysync_store, name, email, role, createdAt)
      VALUES ('u1', 'org_a', 'Ada', 'ada@example.com', 'admin', 1)`);
    await client.execute(`UPDATE users SET name = 'Ada L.', avatarUrl = 'a.png' WHERE id = 'u1'`);
    await client.execute(`DELETE FROM users WHERE id = 'u1'`);
    const changes = await readCapturedChanges(client, 'org_a', 0, 100);
    expect(changes.map(({ seq, ...change }) => change)).toEqual([
      {
        tableId: 'users',
        rowId: 'u1',
        op: 'upsert',
        cells: {
          name: 'Ada',
          email: 'ada@example.com',
          role: 'admin',
          avatarUrl: null,
          createdAt: 1,
        },
        changed: undefined,
      },
      {
        tableId: 'users',
        rowId: 'u1',
        op: 'upsert',
        cells: {
          name: 'Ada L.',
          email: 'ada@example.com',
          role: 'admin',
          avatarUrl: 'a.png',
          createdAt: 1,
        },
        changed: ['name', 'avatarUrl'],
      },
      { tableId: 'users', rowId: 'u1', op: 'delete', cells: {}, changed: undefined },
    ]);
    expect(changes.map((change) => change.seq)).toEqual(
      [...changes.map((change) => change.seq)].sort((a, b) => a - b),
    );
  });

  it('logs a row moved to another id as a delete of the old and a new row', async () => {
    await client.execute(`INSERT INTO projects (id, _tinysync_store, name, ownerId, createdAt)
      VALUES ('p1', 'org_b', 'Apollo', 'u1', 1)`);
    const [{ seq: after = 0 } = {}] = await readCapturedChanges(client, 'org_b', 0, 100);
    await client.execute(`UPDATE projects SET id = 'p2' WHERE id = 'p1'`);
    const moved = await readCapturedChanges(client, 'org_b', after, 100);
    expect(moved.map(({ rowId, op, changed }) => ({ rowId, op, changed }))).toEqual([
      { rowId: 'p1', op: 'delete', changed: undefined },
      { rowId: 'p2', op: 'upsert', changed: undefined },
    ]);
  });

  it("skips the sync worker's own writes, and only inside its transaction", async () => {
    const before = await readCapturedChanges(client, 'org_c', 0, 100);
    await client.batch(
      [
        BEGIN_OWN_WRITES,
        `INSERT INTO tasks (id, _tinysync_store, title, status, projectId, position)
         VALUES ('t1', 'org_c', 'Ours', 'todo', 'p1', 0)`,
        `UPDATE tasks SET title = 'Still ours' WHERE id = 't1'`,
        `DELETE FROM tasks WHERE id = 't1'`,
        END_OWN_WRITES,
      ],
      'write',
    );
    expect(await readCapturedChanges(client, 'org_c', 0, 100)).toEqual(before);
    await client.execute(`INSERT INTO tasks (id, _tinysync_store, title, status, projectId, position)
      VALUES ('t2', 'org_c', 'Theirs', 'todo', 'p1', 0)`);
    expect((await readCapturedChanges(client, 'org_c', 0, 100)).map((c) => c.rowId)).toEqual([
      't2',
    ]);
  });

  it("prunes a store's applied entries and anyone's expired ones", async () => {
    const changes = await readCapturedChanges(client, 'org_a', 0, 100);
    const last = changes.at(-1)?.seq ?? 0;
    await client.execute(`INSERT INTO users (id, _tinysync_store, name, email, role, createdAt)
      VALUES ('u9', 'org_a', 'Later', 'l@example.com', 'member', 1)`);
    await pruneCapturedChanges(client, 'org_a', last, 60_000);
    expect((await readCapturedChanges(client, 'org_a', 0, 100)).map((c) => c.rowId)).toEqual([
      'u9',
    ]);
    expect(await readCapturedChanges(client, 'org_b', 0, 100)).toHaveLength(3);
    await pruneCapturedChanges(client, 'org_a', 0, -60_000);
    expect(await readCapturedChanges(client, 'org_b', 0, 100)).toEqual([]);
  });
});
