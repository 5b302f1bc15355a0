import type { Client } from '@libsql/client';
import { appSchema, toMirrorTables } from '@tinysync/store';
import { beforeAll, describe, expect, it } from 'vitest';
import { BEGIN_OWN_WRITES, END_OWN_WRITES } from '../../../src/turso/change-capture-sql.ts';
import {
  deleteRowsStatements,
  upsertRowsStatements,
} from '../../../src/turso/mirror-statements.ts';
import { useMigratedMirror } from './migrated-mirror.ts';

const users = toMirrorTables(appSchema).find((table) => table.name === 'users');
if (users === undefined) throw new Error('appSchema has a users table');
const stamp = 'P78dTLg---1meWmZ';

describe('flush statements (multi-row upserts and deletes, against the local libSQL server)', () => {
  const mirror = useMigratedMirror();
  let client: Client;
  beforeAll(() => {
    client = mirror.client();
  });
  const count = async (sql: string) => Number((await client.execute(sql)).rows[0]?.n);

  it('writes thousands of rows in few statements, replaces every cell, and deletes by id', async () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) =>
        [
          `u${i}`,
          {
            cells: { name: `User ${i}`, email: `u${i}@example.com`, role: 'member', createdAt: i },
            stamp,
          },
        ] as const,
    );
    const upserts = upsertRowsStatements(users, 'org_s', rows);
    expect(upserts.length).toBe(2); // 3,750 rows of 8 columns fit in one statement
    await client.batch(upserts, 'write');
    expect(await count("SELECT count(*) AS n FROM users WHERE _tinysync_store = 'org_s'")).toBe(
      5000,
    );

    // A row written again loses the cells it no longer has, and gets the new stamp.
    await client.batch(
      upsertRowsStatements(users, 'org_s', [
        [
          'u1',
          {
            cells: {
              name: 'One',
              email: 'one@example.com',
              role: 'admin',
              avatarUrl: 'a.png',
              createdAt: 1,
            },
            stamp: 'P78dTLh---1meWmZ',
          },
        ],
        ['u2', { cells: { name: 'Two', email: 'two@example.com', role: 'viewer' }, stamp }],
      ]),
      'write',
    );
    const [one, two] = (
      await client.execute(
        "SELECT * FROM users WHERE _tinysync_store = 'org_s' AND id IN ('u1', 'u2') ORDER BY id",
      )
    ).rows;
    expect({ ...one }).toMatchObject({
      name: 'One',
      avatarUrl: 'a.png',
      _tinysync_hlc: 'P78dTLh---1meWmZ',
    });
    expect({ ...two }).toMatchObject({ name: 'Two', role: 'viewer', createdAt: null });

    await client.batch(
      deleteRowsStatements(
        users,
        'org_s',
        Array.from({ length: 4000 }, (_, i) => `u${i}`),
      ),
      'write',
    );
    expect(await count("SELECT count(*) AS n FROM users WHERE _tinysync_store = 'org_s'")).toBe(
      1000,
    );
  });

  it('leaves other stores alone and logs nothing inside the own-writes window', async () => {
    await client.execute(
      `INSERT INTO users (id, _tinysync_store, name, email) VALUES ('u1', 'org_other', 'Keep', 'k@example.com')`,
    );
    const logged = await count('SELECT count(*) AS n FROM _tinysync_changes');
    await client.batch(
      [BEGIN_OWN_WRITES, ...deleteRowsStatements(users, 'org_s', ['u1']), END_OWN_WRITES],
      'write',
    );
    expect(await count("SELECT count(*) AS n FROM users WHERE id = 'u1'")).toBe(1);
    expect(await count('SELECT count(*) AS n FROM _tinysync_changes')).toBe(logged);
  });
});
