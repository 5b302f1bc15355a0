import { type Client, createClient } from '@libsql/client';
import {
  appSchema,
  createSyncClient,
  createTinySyncStore,
  memoryPersister,
  type SyncClient,
} from '@tinysync/store';
import {
  devToken,
  type RunningLibsql,
  type RunningWorker,
  startLibsql,
  startWorker,
} from '@tinysync/sync-worker/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTaskThroughWorker } from './legacy-backend-http.ts';
import { applyTursoChangesNow, completeTask, createTask } from './legacy-backend-turso.ts';

const STORE_ID = 'org_docs';
/** Long enough for the worker's 500 ms poll and a relay on two shared cores. */
const SYNCED = { timeout: 15_000, interval: 50 };

describe('the mixed period: writes of the legacy backend reach TinySync (end to end)', () => {
  let libsql: RunningLibsql;
  let worker: RunningWorker;
  let db: Client;
  const app = createTinySyncStore(appSchema, { persister: memoryPersister() });
  let client: SyncClient;
  const sessionToken = () => devToken({ sub: 'user_1', org: 'docs', role: 'org:admin' });

  beforeAll(async () => {
    libsql = await startLibsql();
    worker = await startWorker({ vars: { TURSO_DATABASE_URL: libsql.url } });
    db = createClient({ url: libsql.url });
    await app.ready;
    // The migrated screens' side: a TinySync store syncing with the worker, as the provider's.
    client = createSyncClient({
      store: app,
      url: worker.wsUrl,
      storeId: STORE_ID,
      getToken: sessionToken,
      WebSocket,
    });
    await client.start();
  }, 90_000);
  afterAll(async () => {
    await client?.destroy();
    await app.destroy();
    db?.close();
    await worker?.stop();
    await libsql?.stop();
  });

  it('shows an UPDATE and an INSERT the backend makes in the Turso tables', async () => {
    const ada = app.tables.users.create({ name: 'Ada', email: 'ada@example.com' });
    const project = app.tables.projects.create({ name: 'Launch', ownerId: ada.id });
    const task = app.tables.tasks.create({ title: 'Write the spec', projectId: project.id });
    // The backend can read what TinySync clients wrote: the worker flushed it to Turso.
    await expect
      .poll(async () => {
        const { rows } = await db.execute({
          sql: 'SELECT status FROM tasks WHERE _tinysync_store = ? AND id = ?',
          args: [STORE_ID, task.id],
        });
        return rows[0]?.status;
      }, SYNCED)
      .toBe('todo');

    await completeTask(db, STORE_ID, task.id);
    await expect.poll(() => app.tables.tasks.get(task.id)?.status, SYNCED).toBe('done');

    const newId = await createTask(db, STORE_ID, { title: 'Book the room', projectId: project.id });
    const pulled = await applyTursoChangesNow(worker.url, STORE_ID, await sessionToken());
    expect(pulled.rejected).toEqual([]);
    await expect
      .poll(() => app.tables.tasks.get(newId), SYNCED)
      .toEqual({
        id: newId,
        title: 'Book the room',
        projectId: project.id,
        status: 'todo',
        position: 0,
      });
  }, 60_000);

  it('shows a row the backend creates through the HTTP API, checked like a sync write', async () => {
    const owner = app.tables.users.create({ name: 'Bo', email: 'bo@example.com' });
    const project = app.tables.projects.create({ name: 'Move', ownerId: owner.id });
    await expect.poll(() => client.getSnapshot().pendingChanges, SYNCED).toBe(0);

    const created = await createTaskThroughWorker(worker.url, STORE_ID, await sessionToken(), {
      title: 'Pack the boxes',
      projectId: project.id,
      assigneeId: owner.id,
    });
    expect(created).toMatchObject({ title: 'Pack the boxes', status: 'todo' });
    await expect
      .poll(() => app.tables.tasks.get(created.id), SYNCED)
      .toMatchObject({ title: 'Pack the boxes', assigneeId: owner.id, status: 'todo' });

    await expect(
      createTaskThroughWorker(worker.url, STORE_ID, await sessionToken(), {
        title: '',
        projectId: project.id,
      }),
    ).rejects.toThrow(/^validation_failed: /);
    const viewerToken = await devToken({ sub: 'user_2', org: 'docs', role: 'org:viewer' });
    await expect(
      createTaskThroughWorker(worker.url, STORE_ID, viewerToken, {
        title: 'Not mine to add',
        projectId: project.id,
      }),
    ).rejects.toThrow(/^read_only: /);
  }, 60_000);
});
