import { createMergeableStore, type MergeableStore } from 'tinybase';
import { describe, expect, it } from 'vitest';
import { isEmpty, loadSnapshot } from './load-snapshot.ts';

const URL = 'http://sync.test/stores/org_1/snapshot';

function serverWith(rows: number): MergeableStore {
  const server = createMergeableStore();
  for (let index = 0; index < rows; index++)
    server.setRow('users', `u${index}`, { name: `U${index}` });
  server.delRow('users', 'u0');
  return server;
}

const answering =
  (body: unknown, status = 200, seen: { url?: string; auth?: string | null } = {}): typeof fetch =>
  async (input, init) => {
    seen.url = String(input);
    seen.auth = new Headers(init?.headers).get('Authorization');
    return new Response(JSON.stringify(body), { status });
  };

describe('loadSnapshot', () => {
  it('sets an empty store to the server content, stamps and hashes included', async () => {
    const server = serverWith(5);
    const client = createMergeableStore();
    const seen: { url?: string; auth?: string | null } = {};
    const fetched = answering(server.getMergeableContent(), 200, seen);
    expect(await loadSnapshot(fetched, URL, 'token-1', client)).toBe(true);
    expect(seen).toEqual({ url: URL, auth: 'Bearer token-1' });
    expect(client.getMergeableContent()).toEqual(server.getMergeableContent());
    // Later changes still travel both ways as ordinary CRDT merges.
    client.setCell('users', 'u1', 'name', 'changed');
    server.applyMergeableChanges(client.getMergeableContent());
    expect(server.getMergeableContentHashes()).toEqual(client.getMergeableContentHashes());
  });

  it('merges instead of replacing when the store got content meanwhile', async () => {
    const server = serverWith(3);
    const client = createMergeableStore();
    client.setRow('users', 'mine', { name: 'kept' });
    expect(await loadSnapshot(answering(server.getMergeableContent()), URL, 't', client)).toBe(
      true,
    );
    expect(client.getRow('users', 'mine')).toEqual({ name: 'kept' });
    expect(client.getRowIds('users').sort()).toEqual(['mine', 'u1', 'u2']);
  });

  it('leaves the store as it was when the server refuses, fails or answers nonsense', async () => {
    const client = createMergeableStore();
    const broken: typeof fetch = async () => {
      throw new TypeError('network down');
    };
    expect(await loadSnapshot(answering({ error: 'no' }, 401), URL, 't', client)).toBe(false);
    expect(await loadSnapshot(broken, URL, 't', client)).toBe(false);
    expect(await loadSnapshot(answering('not content'), URL, 't', client)).toBe(false);
    expect(isEmpty(client)).toBe(true);
  });
});

describe('isEmpty', () => {
  it('is true only for a store that never had content (a tombstone is content)', () => {
    const store = createMergeableStore();
    expect(isEmpty(store)).toBe(true);
    store.setRow('users', 'u1', { name: 'x' });
    store.delRow('users', 'u1');
    expect(isEmpty(store)).toBe(false);
  });
});
