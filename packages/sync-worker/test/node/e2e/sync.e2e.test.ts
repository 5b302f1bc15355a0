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

const ada = { name: 'Ada', email: 'ada@example.com', role: 'admin', createdAt: 1 };

describe('sync through wrangler dev (end to end)', () => {
  let worker: RunningWorker;
  const clients: NodeClient[] = [];
  const connect = async (storeId: string, token: string) => {
    const client = await connectNodeClient(`${worker.wsUrl}/sync/${storeId}`, token);
    clients.push(client);
    return client;
  };
  const admin = () => devToken({ sub: 'user_1', org: 'org_e2e', role: 'org:admin' });

  beforeAll(async () => {
    worker = await startWorker();
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
    await worker?.stop();
  });

  it('syncs two clients of one organization both ways', async () => {
    const a = await connect('org_e2e', await admin());
    const b = await connect(
      'org_e2e',
      await devToken({ sub: 'user_2', org: 'org_e2e', role: 'org:member' }),
    );
    a.store.setRow('users', 'u1', ada);
    await eventually(() => expect(b.store.getRow('users', 'u1')).toEqual(ada));
    b.store.setCell('users', 'u1', 'name', 'Ada L.');
    await eventually(() => expect(a.store.getCell('users', 'u1', 'name')).toBe('Ada L.'));
  });

  it("answers a client's close at once, so the client ends cleanly instead of timing out", async () => {
    const client = await connect('org_e2e', await admin());
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      client.socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    const started = Date.now();
    client.socket.close(1000, 'leaving');
    // Without the server's Close frame the client waits 30 s, then reports 1006.
    expect(await closed).toEqual({ code: 1000, reason: 'leaving' });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses a bad token with 401 and a JSON error, before any socket exists', async () => {
    const refused = await refusedUpgrade(worker.wsUrl, '/sync/org_e2e', {
      Authorization: 'Bearer not.a.jwt',
    });
    expect(refused).toEqual({
      status: 401,
      body: { error: expect.objectContaining({ code: 'token_invalid' }) },
    });
  });

  it("refuses another organization's store with 403", async () => {
    const outsider = await devToken({ sub: 'user_9', org: 'org_other', role: 'org:admin' });
    const refused = await refusedUpgrade(worker.wsUrl, '/sync/org_e2e', {
      Authorization: `Bearer ${outsider}`,
    });
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'forbidden_store' } } });
  });

  it("does not let a viewer's write reach an admin's client", async () => {
    const a = await connect('org_e2e', await admin());
    const viewer = await connect(
      'org_e2e',
      await devToken({ sub: 'user_3', org: 'org_e2e', role: 'org:viewer' }),
    );
    viewer.store.setRow('users', 'from-viewer', ada);
    a.store.setRow('users', 'from-admin', ada);
    await eventually(() => expect(viewer.store.hasRow('users', 'from-admin')).toBe(true));
    // The server has handled the viewer's write once it has put its own content back there.
    await eventually(() => expect(viewer.store.hasRow('users', 'from-viewer')).toBe(false));
    expect(a.store.hasRow('users', 'from-viewer')).toBe(false);
  });

  it('keeps the store across a restart of wrangler dev', async () => {
    const a = await connect('org_e2e', await admin());
    a.store.setRow('projects', 'p1', { name: 'Apollo', ownerId: 'u1', createdAt: 1 });
    const probe = await connect('org_e2e', await admin());
    await eventually(() => expect(probe.store.hasRow('projects', 'p1')).toBe(true));
    await worker.restart();
    const late = await connect('org_e2e', await admin());
    // Both checks wait: the late client may have one of the tables before the other.
    await eventually(() =>
      expect(late.store.getRow('projects', 'p1')).toEqual({
        name: 'Apollo',
        ownerId: 'u1',
        createdAt: 1,
      }),
    );
    await eventually(() => expect(late.store.getCell('users', 'u1', 'name')).toBe('Ada L.'));
  });

  it('delivers a back-to-back burst of writes whole, to a connected and to a joining client', async () => {
    const storeId = 'org_burst';
    const token = await devToken({ sub: 'user_1', org: storeId, role: 'org:admin' });
    const writer = await connect(storeId, token);
    const reader = await connect(storeId, token);
    // 40k rows back to back lost rows silently with TinyBase's 1 s request timeout.
    const rows = 40_000;
    for (let start = 0; start < rows; start += 500) {
      writer.store.transaction(() => {
        for (let index = start; index < start + 500; index++) {
          writer.store.setRow('tasks', `t${index}`, {
            title: `Task ${index}`,
            status: 'todo',
            projectId: 'p1',
            position: index,
          });
        }
      });
    }
    await eventually(() => expect(reader.store.getRowCount('tasks')).toBe(rows), 120_000);
    const joiner = await connect(storeId, token);
    await eventually(() => expect(joiner.store.getRowCount('tasks')).toBe(rows), 120_000);
    expect(joiner.store.getCell('tasks', 't39999', 'title')).toBe('Task 39999');
  }, 240_000);
});
