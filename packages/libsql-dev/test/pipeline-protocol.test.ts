import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibsqlServer, type LibsqlServer } from '../src/libsql-server.ts';

/** The raw Hrana pipeline, for the requests @libsql/client does not expose directly. */
describe('Hrana pipeline requests', () => {
  let server: LibsqlServer;
  let url: string;
  const pipeline = async (baton: string | null, requests: unknown[], path = '/v3/pipeline') => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      body: JSON.stringify({ baton, requests }),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        baton: string | null;
        results: {
          type: string;
          response?: Record<string, unknown>;
          error?: { message: string };
        }[];
      },
    };
  };
  const sql = (text: string) => ({ type: 'execute', stmt: { sql: text } });

  beforeAll(async () => {
    server = createLibsqlServer({
      dbPath: join(mkdtempSync(join(tmpdir(), 'libsql-raw-')), 'raw.db'),
    });
    url = await server.listen(0);
  });
  afterAll(() => server?.close());

  it('stores SQL by id, describes statements and reports autocommit', async () => {
    const { body } = await pipeline(null, [
      { type: 'store_sql', sql_id: 1, sql: 'SELECT :n AS a, :name AS b' },
      { type: 'describe', sql_id: 1 },
      {
        type: 'execute',
        stmt: {
          sql_id: 1,
          named_args: [
            { name: ':n', value: { type: 'integer', value: '5' } },
            { name: ':name', value: { type: 'text', value: 'x' } },
          ],
        },
      },
      { type: 'close_sql', sql_id: 1 },
      { type: 'execute', stmt: { sql_id: 1 } },
      { type: 'get_autocommit' },
      { type: 'close' },
    ]);
    const [, described, executed, , missing, autocommit] = body.results;
    expect(described?.response).toMatchObject({
      result: { params: [{ name: ':n' }, { name: ':name' }], is_readonly: true },
    });
    expect(executed?.response).toMatchObject({
      result: {
        rows: [
          [
            { type: 'integer', value: '5' },
            { type: 'text', value: 'x' },
          ],
        ],
      },
    });
    expect(missing?.error?.message).toMatch(/No SQL stored/);
    expect(autocommit?.response).toEqual({ type: 'get_autocommit', is_autocommit: true });
    expect(body.baton).toBeNull();
  });

  it('describes positional parameters, and refuses mixing them with named ones', async () => {
    const { body } = await pipeline(null, [
      { type: 'describe', sql: "SELECT ?, ?2, 'a ? in a string'" },
      {
        type: 'execute',
        stmt: {
          sql: 'SELECT ?, :b',
          args: [{ type: 'null' }],
          named_args: [{ name: ':b', value: { type: 'null' } }],
        },
      },
      { type: 'close' },
    ]);
    expect(body.results[0]?.response).toMatchObject({
      result: { params: [{ name: null }, { name: null }] },
    });
    expect(body.results[1]).toMatchObject({ type: 'error', error: { code: 'ARGS_INVALID' } });
  });

  it('keeps a transaction on its stream across pipelines, and refuses unknown batons', async () => {
    const first = await pipeline(
      null,
      [
        sql('CREATE TABLE IF NOT EXISTS t (a)'),
        sql('BEGIN'),
        sql('INSERT INTO t VALUES (1)'),
        { type: 'get_autocommit' },
      ],
      '/v2/pipeline',
    );
    expect(first.body.results.at(-1)?.response).toMatchObject({ is_autocommit: false });
    const second = await pipeline(first.body.baton, [
      sql('ROLLBACK'),
      { type: 'get_autocommit' },
      { type: 'close' },
    ]);
    expect(second.body.results[1]?.response).toMatchObject({ is_autocommit: true });
    expect((await pipeline('not-a-baton', [sql('SELECT 1')])).status).toBe(400);
  });

  it('evaluates batch conditions: ok, error, not, and, or, is_autocommit', async () => {
    const { body } = await pipeline(null, [
      {
        type: 'batch',
        batch: {
          steps: [
            { stmt: { sql: 'SELECT 1' } },
            { stmt: { sql: 'SELEC oops' } },
            { condition: { type: 'ok', step: 0 }, stmt: { sql: 'SELECT 2' } },
            { condition: { type: 'ok', step: 1 }, stmt: { sql: 'SELECT 3' } },
            {
              condition: {
                type: 'and',
                conds: [{ type: 'error', step: 1 }, { type: 'is_autocommit' }],
              },
              stmt: { sql: 'SELECT 4' },
            },
            {
              condition: {
                type: 'or',
                conds: [
                  { type: 'ok', step: 1 },
                  { type: 'not', cond: { type: 'ok', step: 0 } },
                ],
              },
              stmt: { sql: 'SELECT 5' },
            },
          ],
        },
      },
      { type: 'close' },
    ]);
    const result = body.results[0]?.response?.result as {
      step_results: unknown[];
      step_errors: unknown[];
    };
    expect(result.step_results.map((step) => step !== null)).toEqual([
      true,
      false,
      true,
      false,
      true,
      false,
    ]);
    expect(result.step_errors[1]).toMatchObject({ message: expect.stringMatching(/syntax error/) });
  });

  it('answers malformed bodies with 400 and unknown paths with 404', async () => {
    expect((await fetch(`${url}/v2/pipeline`, { method: 'POST', body: '{nope' })).status).toBe(400);
    expect((await fetch(`${url}/v9/pipeline`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
