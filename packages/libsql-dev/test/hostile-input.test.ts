import { type Client, createClient, LibsqlError } from '@libsql/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SpawnedServer, spawnServer } from './spawned-server.ts';

/**
 * Requests that used to panic the engine (which aborts the whole process) or leave a lock behind,
 * sent to the server running in its own process as operators run it. After each one the same
 * process must still be there and still answer.
 */
describe('libSQL dev server process, given hostile or unusual input', () => {
  let server: SpawnedServer;
  let client: Client;

  const pipeline = async (requests: unknown[]) => {
    const response = await fetch(`${server.url}/v3/pipeline`, {
      method: 'POST',
      body: JSON.stringify({ baton: null, requests }),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        results: { type: string; error?: { message: string; code?: string } }[];
      },
    };
  };
  const execute = (stmt: Record<string, unknown>) => ({ type: 'execute', stmt });

  /** The sentinel: the process is still alive and still serves a fresh request. */
  async function expectStillServing() {
    expect((await client.execute('SELECT 42 AS answer')).rows[0]?.answer).toBe(42);
    expect(server.child.exitCode, server.output()).toBeNull();
    expect(server.child.signalCode, server.output()).toBeNull();
  }

  beforeAll(async () => {
    server = await spawnServer();
    client = createClient({ url: server.url });
    await client.execute('CREATE TABLE files (id INTEGER PRIMARY KEY, data BLOB)');
  }, 30_000);
  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  it('binds a blob as the only argument (it used to panic the engine and end the process)', async () => {
    const data = new Uint8Array([0, 1, 2, 255]);
    await client.execute({ sql: 'INSERT INTO files (id, data) VALUES (1, ?)', args: [data] });
    const echoed = await client.execute({ sql: 'SELECT ? AS data', args: [data] });
    expect(new Uint8Array(echoed.rows[0]?.data as ArrayBuffer)).toEqual(data);
    const stored = await client.execute('SELECT data FROM files WHERE id = 1');
    expect(new Uint8Array(stored.rows[0]?.data as ArrayBuffer)).toEqual(data);
    await expectStillServing();
  });

  it('binds null as the only argument', async () => {
    const echoed = await client.execute({ sql: 'SELECT ? AS absent', args: [null] });
    expect(echoed.rows[0]?.absent).toBeNull();
    await client.execute({ sql: 'INSERT INTO files (id, data) VALUES (2, ?)', args: [null] });
    expect((await client.execute('SELECT data FROM files WHERE id = 2')).rows[0]?.data).toBeNull();
    await expectStillServing();
  });

  it('refuses named arguments for a statement with a nameless ? (ARGS_INVALID) instead of panicking', async () => {
    for (const sql of ['SELECT ? AS a', 'SELECT :a AS a, ? AS b']) {
      const error = await client
        .execute({ sql, args: { a: 1 } })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(LibsqlError);
      expect((error as LibsqlError).code).toBe('ARGS_INVALID');
      expect((error as LibsqlError).message).toMatch(/without a name/);
    }
    // A `?` inside a string literal or a comment is not a parameter.
    const named = await client.execute({
      sql: "SELECT '?' AS mark, :a AS a -- why?\n",
      args: { a: 7 },
    });
    expect([named.rows[0]?.mark, named.rows[0]?.a]).toEqual(['?', 7]);
    await expectStillServing();
  });

  it('binds a named parameter only to an argument that was sent (not to Object.prototype)', async () => {
    const result = await client.execute({
      sql: 'SELECT :toString AS t, :constructor AS c, :a AS a',
      args: { a: 1 },
    });
    expect([result.rows[0]?.t, result.rows[0]?.c, result.rows[0]?.a]).toEqual([null, null, 1]);
    await expectStillServing();
  });

  it('refuses malformed Hrana values with ARGS_INVALID and changes nothing', async () => {
    const malformed = [
      { type: 'float', value: true },
      { type: 'text', value: false },
      { type: 'text', value: { nested: 1 } },
      { type: 'float', value: [1] },
      { type: 'integer', value: 5 },
      { type: 'integer', value: '1.5' },
      { type: 'integer', value: '9223372036854775808' },
      { type: 'blob', base64: 7 },
      { type: 'boolean', value: true },
      null,
    ];
    const { status, body } = await pipeline(
      malformed.map((value) =>
        execute({ sql: 'INSERT INTO files (id, data) VALUES (99, ?)', args: [value] }),
      ),
    );
    expect(status).toBe(200);
    expect(body.results.map((result) => result.error?.code)).toEqual(
      malformed.map(() => 'ARGS_INVALID'),
    );
    const named = await pipeline([
      execute({
        sql: 'SELECT :a',
        named_args: [{ name: ':a', value: { type: 'float', value: true } }],
      }),
    ]);
    expect(named.body.results[0]?.error?.code).toBe('ARGS_INVALID');
    expect((await client.execute('SELECT count(*) AS n FROM files WHERE id = 99')).rows[0]?.n).toBe(
      0,
    );
    await expectStillServing();
  });

  it('answers a malformed request in a pipeline with an error and releases its stream (no lock left behind)', async () => {
    const { status, body } = await pipeline([
      execute({ sql: 'BEGIN IMMEDIATE' }),
      null,
      { type: 'close' },
    ]);
    expect(status).toBe(200);
    expect(body.results.map((result) => result.type)).toEqual(['ok', 'error', 'ok']);
    // Had the stream been abandoned inside its write transaction, this write would be SQLITE_BUSY
    // for as long as the process lives.
    await client.execute({ sql: 'INSERT INTO files (id, data) VALUES (3, ?)', args: [null] });
    expect((await client.execute('SELECT count(*) AS n FROM files WHERE id = 3')).rows[0]?.n).toBe(
      1,
    );
    await expectStillServing();
  });
});
