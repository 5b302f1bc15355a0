import { type Client, createClient } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectNodeClient,
  devToken,
  eventually,
  type NodeClient,
  type RunningLibsql,
  type RunningWorker,
  startLibsql,
  startWorker,
} from '../../../testing/index.ts';

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };
/** A TinyBase HLC: 16 characters of its base64 alphabet. */
const HLC = /^[-0-9A-Za-z_]{16}$/;

describe('Turso mirror through wrangler dev and the local libSQL server (end to end)', () => {
  let libsql: RunningLibsql;
  let worker: RunningWorker;
  let db: Client;
  const clients: NodeClient[] = [];
  let storeCounter = 0;
  const newStoreId = () => `org_mirror${++storeCounter}`;
  const tokenFor = (storeId: string) =>
    devToken({ sub: 'user_1', org: storeId.slice('org_'.length), role: 'org:admin' });
  const connect = async (storeId: string) => {
    const client = await connectNodeClient(
      `${worker.wsUrl}/sync/${storeId}`,
      await tokenFor(storeId),
    );
    clients.push(client);
    return client;
  };
  const api = async (storeId: string, path: string, method = 'GET') => {
    const response = await fetch(`${worker.url}/stores/${storeId}${path}`, {
      method,
      headers: { Authorization: `Bearer ${await tokenFor(storeId)}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const status = async (storeId: string) => (await api(storeId, '/status')).body;
  const tursoRows = async (table: string, storeId: string) =>
    (
      await db.execute({
        sql: `SELECT * FROM "${table}" WHERE _tinysync_store = ? ORDER BY id`,
        args: [storeId],
      })
    ).rows.map((row) => ({ ...row }));
  /** The change log's AUTOINCREMENT counter: it moves only when a capture trigger logs a write. */
  const changeLogCounter = async () =>
    Number(
      (await db.execute("SELECT seq FROM sqlite_sequence WHERE name = '_tinysync_changes'")).rows[0]
        ?.seq ?? 0,
    );

  beforeAll(async () => {
    libsql = await startLibsql();
    worker = await startWorker({ vars: { TURSO_DATABASE_URL: libsql.url } });
    db = createClient({ url: libsql.url });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    db?.close();
    await worker?.stop();
    await libsql?.stop();
  });

  it('writes a client change to Turso as an ordinary row, and deletes it with the row', async () => {
    const storeId = newStoreId();
    const client = await connect(storeId);
    client.store.setRow('users', 'u1', ada);
    await eventually(async () =>
      expect(await tursoRows('users', storeId)).toEqual([
        {
          id: 'u1',
          _tinysync_store: storeId,
          ...ada,
          avatarUrl: null,
          _tinysync_hlc: expect.stringMatching(HLC),
        },
      ]),
    );
    client.store.setCell('users', 'u1', 'name', 'Ada L.');
    await eventually(async () =>
      expect((await tursoRows('users', storeId))[0]?.name).toBe('Ada L.'),
    );
    client.store.delRow('users', 'u1');
    await eventually(async () => expect(await tursoRows('users', storeId)).toEqual([]));
    await eventually(async () =>
      expect(await status(storeId)).toMatchObject({
        storeId,
        mirror: 'turso',
        pendingRows: 0,
        lastError: null,
        lastFlushedAt: expect.any(String),
      }),
    );
  });

  it('sends a burst of 5,000 writes in a few transactions', async () => {
    const storeId = newStoreId();
    const client = await connect(storeId);
    await eventually(async () => expect((await status(storeId)).mirror).toBe('turso'));
    const before = libsql.committedTransactions();
    client.store.transaction(() => {
      for (let i = 0; i < 5000; i++) {
        client.store.setRow('users', `u${i}`, { ...ada, name: `User ${i}` });
      }
    });
    await eventually(async () => expect(await tursoRows('users', storeId)).toHaveLength(5000));
    await eventually(async () => expect((await status(storeId)).pendingRows).toBe(0));
    const transactions = libsql.committedTransactions() - before;
    // 2,000 rows per transaction: three, plus any a pull or a debounce split added.
    expect(transactions).toBeGreaterThanOrEqual(3);
    expect(transactions).toBeLessThanOrEqual(8);
    expect((await status(storeId)).flushTransactions).toBeLessThanOrEqual(transactions);
  });

  it('keeps syncing while Turso is down, keeps the outbox across a restart, and drains it after', async () => {
    const storeId = newStoreId();
    const a = await connect(storeId);
    const b = await connect(storeId);
    a.store.setRow('users', 'before', ada);
    await eventually(async () => expect(await tursoRows('users', storeId)).toHaveLength(1));

    await libsql.stop();
    for (let i = 0; i < 20; i++) a.store.setRow('users', `down${i}`, { ...ada, name: `Down ${i}` });
    b.store.setRow('users', 'fromB', { ...ada, name: 'From B' });
    await eventually(() =>
      expect(b.store.getRow('users', 'down19')).toMatchObject({ name: 'Down 19' }),
    );
    await eventually(() =>
      expect(a.store.getRow('users', 'fromB')).toMatchObject({ name: 'From B' }),
    );
    await eventually(async () =>
      expect(await status(storeId)).toMatchObject({
        pendingRows: 21,
        lastError: expect.any(String),
        failedAttempts: expect.any(Number),
      }),
    );
    // The alarm keeps retrying (with backoff) for as long as Turso stays down.
    await eventually(async () =>
      expect((await status(storeId)).failedAttempts).toBeGreaterThanOrEqual(3),
    );

    // The outbox lives in the Durable Object's storage: a restart of the worker keeps it.
    await Promise.all(clients.splice(0).map((client) => client.close().catch(() => undefined)));
    await worker.restart();
    expect((await status(storeId)).pendingRows).toBe(21);

    await libsql.start();
    await eventually(
      async () => expect(await tursoRows('users', storeId)).toHaveLength(22),
      45_000,
    );
    expect(await status(storeId)).toMatchObject({ pendingRows: 0, lastError: null });
  });

  it('brings external INSERT, UPDATE and DELETE into a connected client', async () => {
    const storeId = newStoreId();
    const client = await connect(storeId);
    await db.execute({
      sql: `INSERT INTO users (id, _tinysync_store, name, email, role, createdAt)
            VALUES ('ext1', ?, 'Grace', 'grace@example.com', 'member', 5)`,
      args: [storeId],
    });
    await eventually(() =>
      expect(client.store.getRow('users', 'ext1')).toEqual({
        name: 'Grace',
        email: 'grace@example.com',
        role: 'member',
        createdAt: 5,
      }),
    );
    await db.execute({
      sql: `UPDATE users SET name = 'Grace H.' WHERE _tinysync_store = ? AND id = 'ext1'`,
      args: [storeId],
    });
    await eventually(() => expect(client.store.getCell('users', 'ext1', 'name')).toBe('Grace H.'));
    await db.execute({
      sql: `DELETE FROM users WHERE _tinysync_store = ? AND id = 'ext1'`,
      args: [storeId],
    });
    await eventually(() => expect(client.store.hasRow('users', 'ext1')).toBe(false));
  });

  it('applies on POST /pull at once, and refuses external rows the schema rejects', async () => {
    const storeId = newStoreId();
    const client = await connect(storeId);
    await db.batch(
      [
        {
          sql: `INSERT INTO users (id, _tinysync_store, name, email, role, createdAt)
                VALUES ('good', ?, 'Good', 'good@example.com', 'member', 1)`,
          args: [storeId],
        },
        {
          sql: `INSERT INTO users (id, _tinysync_store, name, email, role, createdAt)
                VALUES ('bad', ?, 'Bad', 'not an email', 'member', 1)`,
          args: [storeId],
        },
      ],
      'write',
    );
    const pulled = await api(storeId, '/pull', 'POST');
    expect(pulled.status).toBe(200);
    // The alarm's poll may have applied them first; then this pull has nothing left to do.
    const { applied, rejected } = pulled.body as { applied: number; rejected: unknown[] };
    if (applied > 0) {
      expect(applied).toBe(1);
      expect(rejected).toEqual([
        expect.objectContaining({ tableId: 'users', rowId: 'bad', message: expect.any(String) }),
      ]);
    }
    await eventually(() => expect(client.store.getCell('users', 'good', 'name')).toBe('Good'));
    expect(client.store.hasRow('users', 'bad')).toBe(false);
  });

  it("never logs the worker's own writes as changes (no echo loop)", async () => {
    const storeId = newStoreId();
    const client = await connect(storeId);
    await eventually(async () => expect((await status(storeId)).mirror).toBe('turso'));
    const counterBefore = await changeLogCounter();
    const { pulledSeq } = await status(storeId);
    for (let i = 0; i < 50; i++)
      client.store.setRow('projects', `p${i}`, { name: `P${i}`, ownerId: 'u1', createdAt: 1 });
    client.store.setCell('projects', 'p0', 'name', 'Renamed');
    client.store.delRow('projects', 'p1');
    await eventually(async () => expect(await tursoRows('projects', storeId)).toHaveLength(49));
    await eventually(async () => expect((await status(storeId)).pendingRows).toBe(0));
    // Let a few polls pass: nothing may come back.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await changeLogCounter()).toBe(counterBefore);
    expect((await status(storeId)).pulledSeq).toBe(pulledSeq);
    expect(await tursoRows('projects', storeId)).toHaveLength(49);
  });

  it('hydrates a fresh Durable Object from Turso before its first sync', async () => {
    const storeId = newStoreId();
    const stamp = 'P78dTLg---1meWmZ';
    await db.batch(
      [
        {
          sql: `INSERT INTO users (id, _tinysync_store, name, email, role, createdAt, _tinysync_hlc)
                VALUES ('h1', ?, 'Hydrated', 'h@example.com', 'viewer', 7, ?)`,
          args: [storeId, stamp],
        },
        {
          sql: `INSERT INTO tasks (id, _tinysync_store, title, status, projectId, position)
                VALUES ('t1', ?, 'Written elsewhere', 'doing', 'p1', 2.5)`,
          args: [storeId],
        },
      ],
      'write',
    );
    const client = await connect(storeId);
    await eventually(() =>
      expect(client.store.getTables()).toEqual({
        users: { h1: { name: 'Hydrated', email: 'h@example.com', role: 'viewer', createdAt: 7 } },
        tasks: {
          t1: { title: 'Written elsewhere', status: 'doing', projectId: 'p1', position: 2.5 },
        },
      }),
    );
    // The row kept its stamp: a later change still wins over it.
    client.store.setCell('users', 'h1', 'name', 'Changed');
    await eventually(async () =>
      expect((await tursoRows('users', storeId))[0]?.name).toBe('Changed'),
    );
  });

  it('retries a hydration that found Turso down, and merges the rows in once it is back', async () => {
    const storeId = newStoreId();
    await db.execute({
      sql: `INSERT INTO users (id, _tinysync_store, name, email, role, createdAt)
            VALUES ('late', ?, 'Late', 'late@example.com', 'member', 3)`,
      args: [storeId],
    });
    await libsql.stop();
    try {
      const client = await connect(storeId);
      await eventually(async () =>
        expect(await status(storeId)).toMatchObject({ hydrationPending: true }),
      );
      client.store.setRow('users', 'meanwhile', { ...ada, name: 'Meanwhile' });
      // Backed off, not retried in a tight loop.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await status(storeId)).failedAttempts).toBeLessThanOrEqual(4);
      await libsql.start();
      await eventually(() =>
        expect(client.store.getRow('users', 'late')).toMatchObject({ name: 'Late' }),
      );
      expect(client.store.getRow('users', 'meanwhile')).toMatchObject({ name: 'Meanwhile' });
      await eventually(async () => expect(await tursoRows('users', storeId)).toHaveLength(2));
      expect(await status(storeId)).toMatchObject({ hydrationPending: false, pendingRows: 0 });
    } finally {
      await libsql.start();
    }
  });
});
