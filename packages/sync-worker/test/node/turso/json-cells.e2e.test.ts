import { fileURLToPath } from 'node:url';
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

// test/fixtures/notes-worker: a schema with null, object, array and timestamp cells.
const config = fileURLToPath(
  new URL('../../fixtures/notes-worker/wrangler.jsonc', import.meta.url),
);

const note = {
  title: 'Launch',
  tags: ['work', 'q1'],
  settings: { color: 'red', pinned: true },
  archivedAt: null,
  dueAt: Date.UTC(2026, 0, 2),
};
/** A TinyBase HLC: 16 characters of its base64 alphabet. */
const HLC = /^[-0-9A-Za-z_]{16}$/;

describe('null, object and array cells through sync, the HTTP API and Turso (end to end)', () => {
  let libsql: RunningLibsql;
  let worker: RunningWorker;
  let db: Client;
  const clients: NodeClient[] = [];
  let storeCounter = 0;
  const newStoreId = () => `org_json${++storeCounter}`;
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
  const api = async (storeId: string, path: string, method = 'GET', body?: unknown) => {
    const response = await fetch(`${worker.url}/stores/${storeId}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${await tokenFor(storeId)}`,
        'Content-Type': 'application/json',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const tursoRows = async (storeId: string) =>
    (
      await db.execute({
        sql: 'SELECT * FROM notes WHERE _tinysync_store = ? ORDER BY id',
        args: [storeId],
      })
    ).rows.map((row) => ({ ...row }));

  beforeAll(async () => {
    libsql = await startLibsql();
    worker = await startWorker({
      configPath: config,
      environment: 'dev',
      vars: { TURSO_DATABASE_URL: libsql.url },
    });
    db = createClient({ url: libsql.url });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    db?.close();
    await worker?.stop();
    await libsql?.stop();
  });

  it('syncs them between two clients, to the server copy and to Turso as JSON columns', async () => {
    const storeId = newStoreId();
    const a = await connect(storeId);
    const b = await connect(storeId);
    a.store.setRow('notes', 'n1', note);
    await eventually(() => expect(b.store.getRow('notes', 'n1')).toEqual(note));
    b.store.setCell('notes', 'n1', 'tags', ['work', 'q1', 'done']);
    b.store.setCell('notes', 'n1', 'settings', null);
    await eventually(() =>
      expect(a.store.getRow('notes', 'n1')).toMatchObject({
        tags: ['work', 'q1', 'done'],
        settings: null,
      }),
    );
    await eventually(async () =>
      expect(await tursoRows(storeId)).toEqual([
        {
          id: 'n1',
          _tinysync_store: storeId,
          title: 'Launch',
          tags: '["work","q1","done"]',
          settings: null,
          archivedAt: null,
          dueAt: note.dueAt,
          _tinysync_hlc: expect.stringMatching(HLC),
        },
      ]),
    );
    // Every replica agrees on every stamp: the clients end with the server's hashes.
    const served = await api(storeId, '/tables/notes/n1');
    expect(served.body).toEqual({
      id: 'n1',
      ...note,
      tags: ['work', 'q1', 'done'],
      settings: null,
    });
    const column = await db.execute({
      sql: "SELECT json_extract(tags, '$[2]') AS third FROM notes WHERE _tinysync_store = ?",
      args: [storeId],
    });
    expect(column.rows[0]?.third).toBe('done');
  });

  it('refuses a JSON cell of the wrong shape over sync and puts the server value back', async () => {
    const storeId = newStoreId();
    const a = await connect(storeId);
    const b = await connect(storeId);
    a.store.setRow('notes', 'n1', note);
    await eventually(() => expect(b.store.getRow('notes', 'n1')).toEqual(note));
    // Right type for TinyBase (an array), wrong for the schema (tags are short strings).
    a.store.setCell('notes', 'n1', 'tags', ['x'.repeat(21)]);
    a.store.setCell('notes', 'n1', 'title', 'Renamed');
    await eventually(() => expect(b.store.getCell('notes', 'n1', 'title')).toBe('Renamed'));
    await eventually(() => expect(a.store.getCell('notes', 'n1', 'tags')).toEqual(note.tags));
    expect(b.store.getCell('notes', 'n1', 'tags')).toEqual(note.tags);
  });

  it('takes and returns them in HTTP row bodies, validated and capped as JSON', async () => {
    const storeId = newStoreId();
    const client = await connect(storeId);
    const created = await api(storeId, '/tables/notes', 'POST', { id: 'h1', ...note });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: 'h1', ...note });
    await eventually(() => expect(client.store.getRow('notes', 'h1')).toEqual(note));

    const patched = await api(storeId, '/tables/notes/h1', 'PATCH', {
      settings: { color: 'blue', pinned: false },
      archivedAt: 5,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      settings: { color: 'blue', pinned: false },
      archivedAt: 5,
    });
    await eventually(() =>
      expect(client.store.getCell('notes', 'h1', 'settings')).toEqual({
        color: 'blue',
        pinned: false,
      }),
    );

    const wrongShape = await api(storeId, '/tables/notes/h1', 'PATCH', { tags: 'work' });
    expect(wrongShape.status).toBe(400);
    expect(wrongShape.body).toMatchObject({
      error: { code: 'validation_failed', details: [expect.objectContaining({ cellId: 'tags' })] },
    });
    // The size cap counts an object's JSON, as sync counts its encoded text.
    const huge = await api(storeId, '/tables/notes/h1', 'PATCH', {
      settings: { color: 'red', pinned: true, padding: 'x'.repeat(100_000) },
    });
    expect(huge.status).toBe(400);
    expect(JSON.stringify(huge.body)).toContain('longer than 100000 characters');
    let deep: unknown = 'bottom';
    for (let level = 0; level < 1_000; level++) deep = [deep];
    const nested = await api(storeId, '/tables/notes/h1', 'PATCH', { tags: deep });
    expect(nested.status).toBe(400);
    expect((await api(storeId, '/tables/notes/h1')).body).toMatchObject({
      tags: note.tags,
      settings: { color: 'blue', pinned: false },
    });
  });

  it('brings an external update of a JSON column back into the clients', async () => {
    const storeId = newStoreId();
    const client = await connect(storeId);
    client.store.setRow('notes', 'n1', note);
    await eventually(async () => expect(await tursoRows(storeId)).toHaveLength(1));
    await db.execute({
      sql: `UPDATE notes SET tags = json_insert(tags, '$[#]', 'external'), settings = NULL
            WHERE _tinysync_store = ? AND id = 'n1'`,
      args: [storeId],
    });
    await api(storeId, '/pull', 'POST');
    await eventually(() =>
      expect(client.store.getRow('notes', 'n1')).toEqual({
        ...note,
        tags: ['work', 'q1', 'external'],
        settings: null,
      }),
    );
    // Text that is not JSON never gets in: the column refuses it.
    await expect(
      db.execute({
        sql: `UPDATE notes SET tags = 'not json' WHERE _tinysync_store = ? AND id = 'n1'`,
        args: [storeId],
      }),
    ).rejects.toThrow(/CHECK constraint failed/);
  });

  it('hydrates a fresh Durable Object from Turso with them restored exactly', async () => {
    const storeId = newStoreId();
    const stamp = 'P78dTLg---1meWmZ';
    await db.execute({
      sql: `INSERT INTO notes (id, _tinysync_store, title, tags, settings, archivedAt, dueAt, _tinysync_hlc)
            VALUES ('h1', ?, 'Hydrated', '["a","b"]', '{"color":"blue","pinned":false}', NULL, 7, ?)`,
      args: [storeId, stamp],
    });
    const a = await connect(storeId);
    const hydrated = {
      title: 'Hydrated',
      tags: ['a', 'b'],
      settings: { color: 'blue', pinned: false },
      archivedAt: null,
      dueAt: 7,
    };
    await eventually(() => expect(a.store.getTables()).toEqual({ notes: { h1: hydrated } }));
    // A second client agrees with the first (and the server) on every stamp.
    const b = await connect(storeId);
    await eventually(() => expect(b.store.getRow('notes', 'h1')).toEqual(hydrated));
    a.store.setCell('notes', 'h1', 'tags', ['a', 'b', 'c']);
    await eventually(() => expect(b.store.getCell('notes', 'h1', 'tags')).toEqual(['a', 'b', 'c']));
    await eventually(() =>
      expect(b.store.getMergeableContentHashes()).toEqual(a.store.getMergeableContentHashes()),
    );
  });
});
