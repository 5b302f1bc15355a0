import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectNodeClient,
  devToken,
  eventually,
  type NodeClient,
  type RunningWorker,
  startWorker,
} from '../../../testing/index.ts';
import { isContentHashesFromServer } from './server-frames.ts';

describe('periodic re-announcement of the content hashes (end to end)', () => {
  let worker: RunningWorker;
  let client: NodeClient | undefined;
  beforeAll(async () => {
    worker = await startWorker({ vars: { TINYSYNC_RESYNC_INTERVAL_MS: '300' } });
  });
  afterAll(async () => {
    await client?.close().catch(() => undefined);
    await worker?.stop();
  });

  it('tells connected clients its hashes again and again while nothing changes', async () => {
    const storeId = 'org_resync';
    const token = await devToken({ sub: 'user_1', org: storeId, role: 'org:admin' });
    const frames: string[] = [];
    const writer = await connectNodeClient(`${worker.wsUrl}/sync/${storeId}`, token, undefined, {
      onFrame: (frame) => frames.push(frame),
    });
    client = writer;
    writer.store.setRow('users', 'u1', { name: 'Ada', email: 'ada@example.com', createdAt: 1 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // From now on nothing changes: any hashes that arrive are the heartbeat.
    const quietFrom = frames.length;
    await eventually(() =>
      expect(
        frames.slice(quietFrom).filter(isContentHashesFromServer).length,
      ).toBeGreaterThanOrEqual(3),
    );
  });
});
