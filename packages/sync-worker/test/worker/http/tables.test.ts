import { runInDurableObject } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signDevToken } from '../../../src/auth/sign-dev-token.ts';
import { MAX_CELL_CHARS } from '../../../src/sync/cell-length.ts';
import { connectClient, eventually, VIEWER } from '../sync/connect.ts';

let orgCounter = 0;
const newOrg = () => `org_http${++orgCounter}_${Date.now()}`;

async function tokenFor(org: string, role = 'org:admin', sub = 'user_1') {
  const signingKey = env.TINYSYNC_DEV_SIGNING_KEY ?? '';
  return (await signDevToken(signingKey, { sub, org, role })).token;
}

async function api(
  method: string,
  path: string,
  {
    token,
    body,
    headers = {},
  }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) {
  const response = await exports.default.fetch(`http://127.0.0.1${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const ada = { name: 'Ada', email: 'ada@example.com' };

/** Status and error code only: a failed match then does not print a 100,000-character body. */
const answerOf = ({ status, body }: { status: number; body?: { error?: { code?: string } } }) => ({
  status,
  code: body?.error?.code,
});

describe('HTTP API: /stores/:storeId/tables/:tableId', () => {
  it('creates a row (id generated, defaults applied) that connected sync clients receive at once', async () => {
    const org = newOrg();
    const client = await connectClient(org);
    const created = await api('POST', `/stores/${org}/tables/users`, {
      token: await tokenFor(org),
      body: ada,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...ada, role: 'member', id: expect.any(String) });
    await eventually(() =>
      expect(client.store.getCell('users', created.body.id, 'name')).toBe('Ada'),
    );
  });

  it('reads, lists with filters, updates and deletes rows', async () => {
    const org = newOrg();
    const token = await tokenFor(org);
    for (const [id, name, role] of [
      ['a', 'Ada', 'admin'],
      ['b', 'Bo', 'member'],
      ['c', 'Cy', 'member'],
    ]) {
      expect(
        (
          await api('POST', `/stores/${org}/tables/users`, {
            token,
            body: { id, name, role, email: `${id}@x.io` },
          })
        ).status,
      ).toBe(201);
    }
    expect((await api('GET', `/stores/${org}/tables/users/b`, { token })).body).toMatchObject({
      id: 'b',
      name: 'Bo',
    });
    const members = await api(
      'GET',
      `/stores/${org}/tables/users?role=member&sortBy=name&descending=true&limit=1`,
      { token },
    );
    expect(members.body).toMatchObject({ total: 2, rows: [{ id: 'c' }] });

    const patched = await api('PATCH', `/stores/${org}/tables/users/b`, {
      token,
      body: { role: 'admin' },
    });
    expect(patched).toMatchObject({ status: 200, body: { id: 'b', role: 'admin', name: 'Bo' } });
    expect((await api('DELETE', `/stores/${org}/tables/users/b`, { token })).status).toBe(204);
    expect((await api('GET', `/stores/${org}/tables/users/b`, { token })).status).toBe(404);

    const exported = await api('GET', `/stores/${org}/export`, { token });
    expect(exported.body).toMatchObject({
      storeId: org,
      tables: { users: { a: { name: 'Ada' }, c: { name: 'Cy' } } },
    });
    expect(exported.body.tables.users.b).toBeUndefined();
  });

  it('answers invalid rows with 400 and the issue of each cell, writing nothing', async () => {
    const org = newOrg();
    const token = await tokenFor(org);
    const refused = await api('POST', `/stores/${org}/tables/users`, {
      token,
      body: { name: '', email: 'nope', shoe: 1 },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('validation_failed');
    expect(
      refused.body.error.details.map((issue: { cellId: string }) => issue.cellId).sort(),
    ).toEqual(['email', 'name', 'shoe']);
    expect((await api('GET', `/stores/${org}/tables/users`, { token })).body).toEqual({
      rows: [],
      total: 0,
    });
  });

  it('stores SQL-looking strings as plain data', async () => {
    const org = newOrg();
    const token = await tokenFor(org);
    const name = "'); DROP TABLE users;--";
    const created = await api('POST', `/stores/${org}/tables/users`, {
      token,
      body: { id: "1' OR '1'='1", name, email: 'x@y.io' },
    });
    expect(created.status).toBe(201);
    expect(
      (
        await api('GET', `/stores/${org}/tables/users/${encodeURIComponent("1' OR '1'='1")}`, {
          token,
        })
      ).body.name,
    ).toBe(name);
  });

  it.each([
    ['no token', undefined, 401, 'token_missing'],
    ['a malformed token', 'abc', 401, 'token_invalid'],
  ])('refuses %s with 401', async (_label, token, status, code) => {
    const org = newOrg();
    const response = await api(
      'GET',
      `/stores/${org}/tables/users`,
      token === undefined ? {} : { token },
    );
    expect(response).toEqual({ status, body: { error: expect.objectContaining({ code }) } });
  });

  it("refuses another organization's store with 403", async () => {
    const response = await api('GET', `/stores/${newOrg()}/tables/users`, {
      token: await tokenFor('org_someone_else'),
    });
    expect(response).toMatchObject({ status: 403, body: { error: { code: 'forbidden_store' } } });
  });

  it('refuses a viewer write with 403 and writes nothing', async () => {
    const org = newOrg();
    const viewer = await tokenFor(org, 'org:viewer', 'user_viewer');
    const response = await api('POST', `/stores/${org}/tables/users`, { token: viewer, body: ada });
    expect(response).toMatchObject({ status: 403, body: { error: { code: 'read_only' } } });
    expect((await api('GET', `/stores/${org}/tables/users`, { token: viewer })).body.total).toBe(0);
    const client = await connectClient(org, VIEWER);
    expect(client.store.getTables()).toEqual({});
  });

  it('answers unknown tables and rows with 404', async () => {
    const org = newOrg();
    const token = await tokenFor(org);
    expect((await api('GET', `/stores/${org}/tables/ghosts`, { token })).status).toBe(404);
    expect((await api('POST', `/stores/${org}/tables/ghosts`, { token, body: {} })).status).toBe(
      404,
    );
    expect(
      (await api('PATCH', `/stores/${org}/tables/users/nobody`, { token, body: { name: 'x' } }))
        .status,
    ).toBe(404);
    expect((await api('GET', `/stores/${org}/tables/__proto__`, { token })).status).toBe(404);
  });

  it('refuses malformed JSON (400), other content types (415) and bodies over 1 MiB (413)', async () => {
    const org = newOrg();
    const token = await tokenFor(org);
    const path = `/stores/${org}/tables/users`;
    expect((await api('POST', path, { token, body: '{"name":' })).body.error.code).toBe(
      'invalid_json',
    );
    expect(
      (
        await api('POST', path, {
          token,
          body: 'name=Ada',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(415);
    const huge = await api('POST', path, {
      token,
      body: { ...ada, avatarUrl: 'x'.repeat(1024 * 1024 + 10) },
    });
    expect(huge).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
  });

  it('refuses a cell longer than sync accepts on create and update, naming the cell, writing nothing', async () => {
    const org = newOrg();
    const token = await tokenFor(org);
    const path = `/stores/${org}/tables/users`;
    const tooLong = 'x'.repeat(MAX_CELL_CHARS + 1);
    const created = await api('POST', path, {
      token,
      body: { ...ada, id: 'ada', avatarUrl: tooLong },
    });
    expect(answerOf(created)).toEqual({ status: 400, code: 'validation_failed' });
    expect(created.body.error.details).toEqual([
      {
        tableId: 'users',
        rowId: 'ada',
        cellId: 'avatarUrl',
        message: `value longer than ${MAX_CELL_CHARS} characters`,
      },
    ]);
    expect((await api('GET', path, { token })).body.total).toBe(0);

    const atTheLimit = 'x'.repeat(MAX_CELL_CHARS);
    const stored = await api('POST', path, {
      token,
      body: { ...ada, id: 'ada', avatarUrl: atTheLimit },
    });
    expect(answerOf(stored)).toEqual({ status: 201, code: undefined });
    const updated = await api('PATCH', `${path}/ada`, {
      token,
      body: { name: 'Ada L.', avatarUrl: tooLong },
    });
    expect(answerOf(updated)).toEqual({ status: 400, code: 'validation_failed' });
    expect(updated.body.error.details).toEqual([
      expect.objectContaining({ tableId: 'users', rowId: 'ada', cellId: 'avatarUrl' }),
    ]);
    const row = (await api('GET', `${path}/ada`, { token })).body;
    expect({ name: row.name, avatarUrlLength: row.avatarUrl.length }).toEqual({
      name: 'Ada',
      avatarUrlLength: MAX_CELL_CHARS,
    });
  });

  it.each([
    ['an array', { ...ada, avatarUrl: ['x'] }],
    ['an object', { ...ada, avatarUrl: { href: 'x' } }],
    ['JSON nested 5,000 levels deep', `{"name":${'['.repeat(5_000)}${']'.repeat(5_000)}}`],
    ['JSON nested 100,000 levels deep', `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
  ])('refuses a cell value that is %s with 400, writing nothing', async (_label, body) => {
    const org = newOrg();
    const token = await tokenFor(org);
    const path = `/stores/${org}/tables/users`;
    const before = await api('POST', path, { token, body: { ...ada, id: 'ada' } });
    for (const [method, target] of [
      ['POST', path],
      ['PATCH', `${path}/ada`],
    ] as const) {
      const refused = await api(method, target, { token, body });
      expect(answerOf(refused)).toEqual({ status: 400, code: 'validation_failed' });
    }
    expect((await api('GET', path, { token })).body).toEqual({ rows: [before.body], total: 1 });
  });

  it('answers bad list parameters with 400', async () => {
    const org = newOrg();
    const token = await tokenFor(org);
    expect((await api('GET', `/stores/${org}/tables/users?limit=0`, { token })).status).toBe(400);
    expect((await api('GET', `/stores/${org}/tables/users?sortBy=shoe`, { token })).status).toBe(
      400,
    );
    expect((await api('GET', `/stores/${org}/tables/tasks?position=abc`, { token })).status).toBe(
      400,
    );
  });

  it('rate-limits a flood of requests from one user with 429', async () => {
    const org = newOrg();
    const token = await tokenFor(org, 'org:admin', 'user_flood');
    const statuses = await Promise.all(
      Array.from({ length: 260 }, () =>
        api('GET', `/stores/${org}/tables/users`, { token }).then((r) => r.status),
      ),
    );
    expect(statuses).toContain(429);
    expect(statuses).toContain(200);
  });
});

describe('HTTP API: mirror status and pull without a Turso database', () => {
  it('reports the mirror as disabled and refuses a pull with 409', async () => {
    const org = newOrg();
    const token = await tokenFor(org);
    expect(await api('GET', `/stores/${org}/status`, { token })).toEqual({
      status: 200,
      body: { storeId: org, mirror: 'disabled' },
    });
    const pull = await api('POST', `/stores/${org}/pull`, { token });
    expect(pull.status).toBe(409);
    expect(pull.body.error.code).toBe('mirror_disabled');
  });

  it('needs a session for the store like every store route', async () => {
    const org = newOrg();
    expect((await api('GET', `/stores/${org}/status`)).status).toBe(401);
    const otherOrgToken = await tokenFor('someone_else');
    expect((await api('POST', `/stores/${org}/pull`, { token: otherOrgToken })).status).toBe(403);
  });
});

describe('HTTP API: /stores/:storeId/snapshot', () => {
  it('sends a store bigger than one RPC message (32 MiB) whole', async () => {
    const org = newOrg();
    const rows = 400;
    const title = 't'.repeat(99_000); // 400 × 99k characters: about 40 MB of JSON
    const stub = env.STORES.get(env.STORES.idFromName(org));
    await stub.exportContent(); // the object learns its store id from its first call
    await runInDurableObject(stub, (instance) => {
      for (let index = 0; index < rows; index++) {
        const created = instance.createRow('tasks', { id: `t${index}`, title, projectId: 'p1' });
        expect(created.ok).toBe(true);
      }
    });
    const response = await exports.default.fetch(`http://127.0.0.1/stores/${org}/snapshot`, {
      headers: { Authorization: `Bearer ${await tokenFor(org)}` },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.length).toBeGreaterThan(32 * 1024 * 1024);
    const [[tables]] = JSON.parse(text) as [[Record<string, [Record<string, unknown>]>]];
    expect(Object.keys(tables.tasks?.[0] ?? {})).toHaveLength(rows);
  });
});
