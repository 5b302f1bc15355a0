import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient, LibsqlError } from '@libsql/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLibsqlServer, type LibsqlServer } from '../src/libsql-server.ts';

describe('libSQL dev server, driven by @libsql/client', () => {
  let server: LibsqlServer;
  let url: string;
  let client: Client;

  beforeAll(async () => {
    server = createLibsqlServer({
      dbPath: join(mkdtempSync(join(tmpdir(), 'libsql-dev-')), 'test.db'),
    });
    url = await server.listen(0);
    client = createClient({ url });
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
  });
  beforeEach(async () => {
    await client.batch(
      [
        'DROP TABLE IF EXISTS items',
        'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT, price REAL, big INTEGER, data BLOB, note TEXT)',
      ],
      'write',
    );
  });

  it('executes with positional and named arguments', async () => {
    const inserted = await client.execute({
      sql: 'INSERT INTO items (name, price) VALUES (?, ?)',
      args: ['apple', 1.5],
    });
    expect(inserted.rowsAffected).toBe(1);
    expect(inserted.lastInsertRowid).toBe(1n);
    await client.execute({
      sql: 'INSERT INTO items (name, price) VALUES (:name, $price)',
      args: { name: 'pear', price: 2 },
    });
    const rows = await client.execute({
      sql: 'SELECT name, price FROM items WHERE price > @min ORDER BY id',
      args: { min: 1 },
    });
    expect(rows.columns).toEqual(['name', 'price']);
    expect(rows.columnTypes).toEqual(['TEXT', 'REAL']);
    expect(rows.rows.map((row) => [row.name, row.price])).toEqual([
      ['apple', 1.5],
      ['pear', 2],
    ]);
  });

  it('round-trips integers, bigints, floats, blobs and nulls', async () => {
    const big = 9007199254740993n; // beyond Number.MAX_SAFE_INTEGER
    const data = new Uint8Array([0, 1, 2, 255]);
    await client.execute({
      sql: 'INSERT INTO items (id, big, price, data, note) VALUES (?, ?, ?, ?, ?)',
      args: [7, big, 0.25, data, null],
    });
    const bigClient = createClient({ url, intMode: 'bigint' });
    const [row] = (await bigClient.execute('SELECT id, big, price, data, note FROM items')).rows;
    bigClient.close();
    expect(row?.id).toBe(7n);
    expect(row?.big).toBe(big);
    expect(row?.price).toBe(0.25);
    expect(new Uint8Array(row?.data as ArrayBuffer)).toEqual(data);
    expect(row?.note).toBeNull();
  });

  it.each(['write', 'read', 'deferred'] as const)(
    'runs a batch in %s mode as one transaction',
    async (mode) => {
      if (mode !== 'read') {
        await client.batch(
          [
            { sql: 'INSERT INTO items (name) VALUES (?)', args: ['a'] },
            { sql: 'INSERT INTO items (name) VALUES (?)', args: ['b'] },
          ],
          mode,
        );
      }
      const [count] = await client.batch(['SELECT count(*) AS n FROM items'], mode);
      expect(count?.rows[0]?.n).toBe(mode === 'read' ? 0 : 2);
    },
  );

  it('rolls a failing batch back whole', async () => {
    await expect(
      client.batch(
        [
          { sql: 'INSERT INTO items (name) VALUES (?)', args: ['kept?'] },
          'INSERT INTO nowhere VALUES (1)',
        ],
        'write',
      ),
    ).rejects.toBeInstanceOf(LibsqlError);
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(0);
  });

  it('runs interactive transactions across requests (batons), with commit and rollback', async () => {
    const committed = await client.transaction('write');
    await committed.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['committed'] });
    expect((await committed.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(1);
    await committed.commit();

    const rolledBack = await client.transaction('write');
    await rolledBack.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['rolled back'] });
    await rolledBack.rollback();
    const names = (await client.execute('SELECT name FROM items')).rows.map((row) => row.name);
    expect(names).toEqual(['committed']);
  });

  it('counts committed write transactions (a batch is one; reads and rollbacks none)', async () => {
    const before = server.stats().committedTransactions;
    await client.batch(
      Array.from({ length: 50 }, (_, i) => ({
        sql: 'INSERT INTO items (name) VALUES (?)',
        args: [`item ${i}`],
      })),
      'write',
    );
    expect(server.stats().committedTransactions).toBe(before + 1);
    await client.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['alone'] });
    await client.execute('SELECT * FROM items');
    const rolledBack = await client.transaction('write');
    await rolledBack.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: ['never'] });
    await rolledBack.rollback();
    expect(server.stats().committedTransactions).toBe(before + 2);
  });

  it('runs a script with executeMultiple (sequence)', async () => {
    await client.executeMultiple(
      "INSERT INTO items (name) VALUES ('x'); INSERT INTO items (name) VALUES ('y');",
    );
    expect((await client.execute('SELECT count(*) AS n FROM items')).rows[0]?.n).toBe(2);
  });

  it('returns SQL errors as LibsqlError with the engine code', async () => {
    const error = await client.execute('SELEC 1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(LibsqlError);
    expect((error as LibsqlError).code).toBe('SQLITE_ERROR');
    expect((error as LibsqlError).message).toMatch(/syntax error/);
  });

  it("reports constraint errors with sqld's primary code, SQLITE_CONSTRAINT (not the extended one)", async () => {
    await client.batch(
      [
        'DROP TABLE IF EXISTS strict_items',
        'CREATE TABLE strict_items (id INTEGER PRIMARY KEY, code TEXT UNIQUE, name TEXT NOT NULL, qty INTEGER CHECK (qty > 0))',
        "INSERT INTO strict_items VALUES (1, 'a', 'first', 1)",
      ],
      'write',
    );
    const violations = {
      'PRIMARY KEY': "INSERT INTO strict_items VALUES (1, 'b', 'x', 1)",
      UNIQUE: "INSERT INTO strict_items VALUES (2, 'a', 'x', 1)",
      'NOT NULL': "INSERT INTO strict_items VALUES (3, 'c', NULL, 1)",
      CHECK: "INSERT INTO strict_items VALUES (4, 'd', 'x', 0)",
    };
    for (const sql of Object.values(violations)) {
      const error = await client.execute(sql).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LibsqlError);
      expect((error as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
      // The message still says which constraint failed.
      expect((error as LibsqlError).message).toMatch(/constraint failed/);
    }
    const inBatch = await client
      .batch(["INSERT INTO strict_items VALUES (5, 'e', 'x', 1)", violations.UNIQUE], 'write')
      .catch((caught: unknown) => caught);
    expect((inBatch as LibsqlError).code).toBe('SQLITE_CONSTRAINT');
    const count = await client.execute('SELECT count(*) AS n FROM strict_items');
    expect(count.rows[0]?.n).toBe(1);
  });

  it('types whole-number floats as floats and integers as integers, as sqld does', async () => {
    await client.execute({
      sql: 'INSERT INTO items (id, price, big) VALUES (?, ?, ?)',
      args: [1, 3, 4n],
    });
    // intMode "bigint" tells the two apart: integers arrive as bigint, floats as number.
    const bigClient = createClient({ url, intMode: 'bigint' });
    try {
      const literals = await bigClient.execute('SELECT 1.0 AS f, 1 AS i, CAST(2 AS REAL) AS r');
      expect(literals.rows[0]?.f).toBe(1);
      expect(literals.rows[0]?.i).toBe(1n);
      expect(literals.rows[0]?.r).toBe(2);
      // A REAL column stores the whole number 3 as 3.0; an INTEGER column stores 4.
      const stored = await bigClient.execute('SELECT price, big FROM items WHERE id = 1');
      expect(stored.rows[0]?.price).toBe(3);
      expect(stored.rows[0]?.big).toBe(4n);
    } finally {
      bigClient.close();
    }
  });

  it('stores SQL-looking values as data', async () => {
    const name = "'); DROP TABLE items;--";
    await client.execute({ sql: 'INSERT INTO items (name) VALUES (?)', args: [name] });
    expect((await client.execute('SELECT name FROM items')).rows[0]?.name).toBe(name);
  });
});

describe('libSQL dev server with a bearer token', () => {
  it('refuses clients without the token and serves those with it', async () => {
    const server = createLibsqlServer({
      dbPath: join(mkdtempSync(join(tmpdir(), 'libsql-dev-')), 'auth.db'),
      authToken: 'dev-secret',
    });
    const url = await server.listen(0);
    const anonymous = createClient({ url });
    const wrong = createClient({ url, authToken: 'nope' });
    const authorized = createClient({ url, authToken: 'dev-secret' });
    try {
      await expect(anonymous.execute('SELECT 1')).rejects.toThrow();
      await expect(wrong.execute('SELECT 1')).rejects.toThrow();
      expect((await authorized.execute('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      for (const client of [anonymous, wrong, authorized]) client.close();
      await server.close();
    }
  });
});
