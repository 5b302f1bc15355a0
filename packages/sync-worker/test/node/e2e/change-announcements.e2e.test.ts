import { createMergeableStore } from 'tinybase';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import {
  connectNodeClient,
  devToken,
  eventually,
  type NodeClient,
  type NodeClientOptions,
  type RunningWorker,
  startWorker,
} from '../../../testing/index.ts';
import { isContentHashesFromServer } from './server-frames.ts';

const user = (name: string) => ({ name, email: `${name}@example.com`, createdAt: 1 });

/**
 * When the server tells clients its content hashes after a change. The periodic re-announcement
 * is pushed out of the way (ten minutes), so what a client learns here it learns from the
 * announcement after a change, or not at all.
 */
describe('announcing the content hashes after a change (end to end)', () => {
  let worker: RunningWorker;
  beforeAll(async () => {
    worker = await startWorker({ vars: { TINYSYNC_RESYNC_INTERVAL_MS: '600000' } });
  });
  afterAll(async () => {
    await worker?.stop();
  });

  async function connect(
    storeId: string,
    store = createMergeableStore(),
    options: NodeClientOptions = {},
  ): Promise<NodeClient> {
    const token = await devToken({ sub: 'user_1', org: storeId, role: 'org:admin' });
    const client = await connectNodeClient(
      `${worker.wsUrl}/sync/${storeId}`,
      token,
      store,
      options,
    );
    onTestFinished(() => client.close());
    return client;
  }

  it('announces a change the server pulled from a client, so the others pull it at once', async () => {
    const storeId = 'org_pulled_change';
    const watcher = await connect(storeId);
    // Written before connecting, as offline edits are: the server pulls these from the
    // client when it connects, and TinyBase relays nothing it pulled.
    const offline = createMergeableStore();
    offline.setRow('users', 'u1', user('ada'));
    await connect(storeId, offline);

    await eventually(() => expect(watcher.store.getRow('users', 'u1')).toEqual(user('ada')), 5_000);
  });

  it('does not announce changes every other client was already sent', async () => {
    const storeId = 'org_relayed_changes';
    const frames: string[] = [];
    const watcher = await connect(storeId, createMergeableStore(), {
      onFrame: (frame) => frames.push(frame),
    });
    const writer = await connect(storeId);
    // The server's copy offers its hashes once when it starts: not an announcement.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const writesFrom = frames.length;
    // Longer apart than the announcement's 20 ms debounce: each change would get its own.
    for (let index = 0; index < 10; index += 1) {
      writer.store.setRow('users', `u${index}`, user(`user${index}`));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await eventually(() => expect(watcher.store.getRowCount('users')).toBe(10));
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(frames.slice(writesFrom).filter(isContentHashesFromServer)).toEqual([]);
  });
});
