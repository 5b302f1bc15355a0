import { env, exports } from 'cloudflare:workers';
import { createMergeableStore, type MergeableContent } from 'tinybase';
import { describe, expect, it } from 'vitest';
import { signDevToken } from '../../../src/auth/sign-dev-token.ts';
import { SnapshotCache, type SnapshotSource } from '../../../src/durable-object/snapshot-cache.ts';
import { connectClient, eventually } from './connect.ts';

/** A real store, seen through a source that counts how often its whole content is built. */
function countingSource() {
  const store = createMergeableStore();
  const counts = { builds: 0 };
  const source: SnapshotSource = {
    getMergeableContent: () => {
      counts.builds++;
      return store.getMergeableContent();
    },
    addDidFinishTransactionListener: (listener) => store.addDidFinishTransactionListener(listener),
  };
  return { store, source, counts };
}

const cellIn = (text: string, rowId: string) =>
  (JSON.parse(text) as MergeableContent)[0][0].users?.[0][rowId]?.[0].name?.[0];

describe('SnapshotCache', () => {
  it('builds the text once while the store does not change', () => {
    const { store, source, counts } = countingSource();
    store.setCell('users', 'u1', 'name', 'Ada');
    const cache = new SnapshotCache();
    const first = cache.text(source);
    expect(cache.text(source)).toBe(first);
    expect(cache.text(source)).toBe(first);
    expect(counts.builds).toBe(1);
    expect(cellIn(first, 'u1')).toBe('Ada');
  });

  it('builds it again after a local change or a merged one', () => {
    const { store, source, counts } = countingSource();
    const cache = new SnapshotCache();
    cache.text(source);
    store.setCell('users', 'u1', 'name', 'Ada');
    expect(cellIn(cache.text(source), 'u1')).toBe('Ada');
    expect(counts.builds).toBe(2);

    const elsewhere = createMergeableStore();
    elsewhere.setCell('users', 'u2', 'name', 'Bo');
    store.applyMergeableChanges(elsewhere.getMergeableContent());
    expect(cellIn(cache.text(source), 'u2')).toBe('Bo');
    expect(counts.builds).toBe(3);
  });
});

describe('GET /stores/:storeId/snapshot', () => {
  it('reflects every change: through the HTTP API and through sync', async () => {
    const org = `org_snapshot_${Date.now()}`;
    const { token } = await signDevToken(env.TINYSYNC_DEV_SIGNING_KEY ?? '', {
      sub: 'user_1',
      org: org.slice('org_'.length),
      role: 'org:admin',
    });
    const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
    const snapshot = async () => {
      const response = await exports.default.fetch(`http://127.0.0.1/stores/${org}/snapshot`, {
        headers,
      });
      expect(response.status).toBe(200);
      return response.text();
    };
    const client = await connectClient(org);
    const empty = await snapshot();
    expect(await snapshot()).toBe(empty);

    const created = await exports.default.fetch(`http://127.0.0.1/stores/${org}/tables/users`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ id: 'u1', name: 'Ada', email: 'ada@example.com' }),
    });
    expect(created.status).toBe(201);
    expect(cellIn(await snapshot(), 'u1')).toBe('Ada');

    client.store.setRow('users', 'u2', {
      name: 'Bo',
      email: 'bo@example.com',
      role: 'member',
      createdAt: 1,
    });
    await eventually(async () => expect(cellIn(await snapshot(), 'u2')).toBe('Bo'));
  });
});
