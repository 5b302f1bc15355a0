import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectNodeClient,
  devToken,
  eventually,
  type NodeClient,
  type RunningWorker,
  refusedUpgrade,
  startWorker,
} from '../../../testing/index.ts';

// An app's own worker (test/fixtures/bookmarks-worker): its own schema, the Durable Object
// bound as BOOKMARK_STORES, stores per project granted by its `authorizeStore`, and at most
// three connections per store.
const config = fileURLToPath(
  new URL('../../fixtures/bookmarks-worker/wrangler.jsonc', import.meta.url),
);

const folder = { name: 'Reading' };
const bookmark = { url: 'https://tinybase.org/', title: 'TinyBase', folderId: 'f1' };

describe('a worker made with createSyncWorker for an app’s own schema (end to end)', () => {
  let worker: RunningWorker;
  const clients: NodeClient[] = [];
  const connect = async (storeId: string, token: string) => {
    const client = await connectNodeClient(`${worker.wsUrl}/sync/${storeId}`, token);
    clients.push(client);
    return client;
  };
  const member = () => devToken({ sub: 'user_ann', org: 'org_acme', role: 'org:member' });
  const request = async (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${worker.url}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });

  beforeAll(async () => {
    worker = await startWorker({ configPath: config, environment: 'dev' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await worker?.stop();
  });

  it('syncs and stores the app’s own tables in a store its authorizeStore grants', async () => {
    const a = await connect('project_alpha', await member());
    const b = await connect(
      'project_alpha',
      await devToken({ sub: 'user_bo', org: 'org_acme', role: 'org:admin' }),
    );
    a.store.setRow('folders', 'f1', folder);
    a.store.setRow('bookmarks', 'b1', bookmark);
    await eventually(() => expect(b.store.getRow('bookmarks', 'b1')).toEqual(bookmark));

    // b has the row as soon as it was relayed; the server's copy applies it a little later.
    const token = await member();
    await eventually(async () => {
      const stored = await request('/stores/project_alpha/tables/bookmarks/b1', token);
      expect(stored.status).toBe(200);
      expect(await stored.json()).toEqual({ id: 'b1', ...bookmark });
    });
  });

  it('validates writes with the app’s schema, over HTTP and over sync', async () => {
    const token = await member();
    const invalid = await request('/stores/project_alpha/tables/bookmarks', token, {
      method: 'POST',
      body: JSON.stringify({ url: 'not a url', title: 'Broken', folderId: 'f1' }),
    });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: { code: 'validation_failed' } });

    // A table of the example schema does not exist here.
    const unknown = await request('/stores/project_alpha/tables/users', token, {
      method: 'POST',
      body: JSON.stringify({ name: 'Ada' }),
    });
    expect(unknown.status).toBe(404);

    const writer = await connect('project_alpha', token);
    writer.store.setRow('bookmarks', 'bad', { url: 'nope', title: 'Bad', folderId: 'f1' });
    writer.store.setRow('users', 'u1', { name: 'Ada' });
    // The sentinel, written after the refused rows: once it is on the server, so would they be.
    writer.store.setRow('folders', 'sentinel', { name: 'Sentinel' });
    await eventually(async () => {
      const folders = await request('/stores/project_alpha/tables/folders', token);
      expect(JSON.stringify(await folders.json())).toContain('Sentinel');
    });
    const bookmarks = await (await request('/stores/project_alpha/tables/bookmarks', token)).json();
    // Rows are checked whole against the app's schema: without its (invalid) url, the new row
    // is held back, and never lands.
    expect(bookmarks.rows.map((row: { id: string }) => row.id)).not.toContain('bad');
    const exported = await (await request('/stores/project_alpha/export', token)).json();
    expect(Object.keys(exported.tables).sort()).toEqual(['bookmarks', 'folders']);
  });

  it('refuses a project store to a session its authorizeStore does not grant', async () => {
    const outsider = await devToken({ sub: 'user_eve', org: 'org_globex', role: 'org:admin' });
    expect(
      await refusedUpgrade(worker.wsUrl, '/sync/project_alpha', {
        Authorization: `Bearer ${outsider}`,
      }),
    ).toMatchObject({ status: 403, body: { error: { code: 'forbidden_store' } } });
    expect((await request('/stores/project_alpha/tables/bookmarks', outsider)).status).toBe(403);
  });

  it('keeps the default tenancy where the app’s authorizeStore hands back to it', async () => {
    const token = await member();
    expect((await request('/stores/org_acme/tables/folders', token)).status).toBe(200);
    expect((await request('/stores/user_ann/tables/folders', token)).status).toBe(200);
    expect((await request('/stores/org_globex/tables/folders', token)).status).toBe(403);
  });

  it('applies the limits the worker file chose', async () => {
    const token = await member();
    for (let i = 0; i < 3; i += 1) await connect('project_beta', token);
    expect(
      await refusedUpgrade(worker.wsUrl, '/sync/project_beta', {
        Authorization: `Bearer ${token}`,
      }),
    ).toMatchObject({ status: 429, body: { error: { code: 'too_many_connections' } } });
  });
});
