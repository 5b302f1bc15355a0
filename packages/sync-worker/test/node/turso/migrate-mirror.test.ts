import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from '@libsql/client';
import { createLibsqlServer, type LibsqlServer } from '@tinysync/libsql-dev';
import { appSchema, defineSchema, ref } from '@tinysync/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { migrateMirror } from '../../../src/turso/migrate-mirror.ts';

describe('migrateMirror (against the local libSQL server)', () => {
  let server: LibsqlServer;
  let client: Client;
  beforeAll(async () => {
    server = createLibsqlServer({
      dbPath: join(mkdtempSync(join(tmpdir(), 'mirror-')), 'mirror.db'),
    });
    client = createClient({ url: await server.listen(0) });
  });
  afterAll(async () => {
    client?.close();
    await server?.close();
  });

  const columnsOf = async (table: string) =>
    (
      await client.execute({
        sql: 'SELECT name, type, pk FROM pragma_table_info(?)',
        args: [table],
      })
    ).rows.map((row) => [row.name, row.type, row.pk]);

  const firstRun = [
    'create change log',
    'create table users',
    'capture changes of users',
    'create table projects',
    'capture changes of projects',
    'create table tasks',
    'capture changes of tasks',
  ];

  it('creates one table per TinyBase table, keyed by (store, id), and records it', async () => {
    expect(await migrateMirror(client, appSchema)).toEqual(firstRun);
    expect(await columnsOf('users')).toEqual([
      ['id', 'TEXT', 2],
      ['_tinysync_store', 'TEXT', 1],
      ['name', 'TEXT', 0],
      ['email', 'TEXT', 0],
      ['role', 'TEXT', 0],
      ['avatarUrl', 'TEXT', 0],
      ['createdAt', 'INTEGER', 0],
      ['_tinysync_hlc', 'TEXT', 0],
    ]);
    const recorded = await client.execute(
      'SELECT description FROM _tinysync_migrations ORDER BY id',
    );
    expect(recorded.rows.map((row) => row.description)).toEqual(firstRun);
  });

  it('applies nothing the second time', async () => {
    expect(await migrateMirror(client, appSchema)).toEqual([]);
  });

  it('adds a new cell and a new table without losing data', async () => {
    await client.execute({
      sql: 'INSERT INTO users (id, _tinysync_store, name, email) VALUES (?, ?, ?, ?)',
      args: ['u1', 'org_1', 'Ada', 'ada@example.com'],
    });
    const grown = defineSchema({
      tables: {
        ...appSchema.tables,
        users: {
          ...appSchema.tables.users,
          cells: { ...appSchema.tables.users.cells, nickname: z.string().optional() },
        },
        comments: {
          cells: { taskId: ref('tasks'), body: z.string(), pinned: z.boolean().default(false) },
        },
      },
    });
    expect(await migrateMirror(client, grown)).toEqual([
      'add column users.nickname',
      'capture changes of users',
      'create table comments',
      'capture changes of comments',
    ]);
    const [ada] = (await client.execute("SELECT name, nickname FROM users WHERE id = 'u1'")).rows;
    expect([ada?.name, ada?.nickname]).toEqual(['Ada', null]);
    expect((await columnsOf('comments')).map(([name, type]) => `${name} ${type}`)).toContain(
      'pinned INTEGER',
    );
    // The recreated triggers log the new cell too.
    await client.execute("UPDATE users SET nickname = 'Countess' WHERE id = 'u1'");
    const [logged] = (
      await client.execute(
        "SELECT cells, changed FROM _tinysync_changes WHERE row_id = 'u1' ORDER BY seq DESC",
      )
    ).rows;
    expect(JSON.parse(String(logged?.cells))).toMatchObject({ name: 'Ada', nickname: 'Countess' });
    expect(JSON.parse(String(logged?.changed)).filter(Boolean)).toEqual(['nickname']);
  });

  it('recreates capture triggers someone dropped', async () => {
    await client.execute('DROP TRIGGER _tinysync_capture_tasks_update');
    expect(await migrateMirror(client, appSchema)).toEqual(['capture changes of tasks']);
  });
});
