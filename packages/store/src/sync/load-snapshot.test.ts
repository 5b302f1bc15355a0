import { describe, expect, it } from 'vitest';
import { appSchema } from '../app-schema.js';
import { createTinySyncStore } from '../store/create-tinysync-store.js';
import { isEmpty } from '../store/is-empty.js';
import { loadSnapshot } from './load-snapshot.js';

const URL = 'http://sync.test/stores/org_1/snapshot';

const newStore = () => createTinySyncStore(appSchema, { onWarning: () => undefined });

const user = (index: number) => ({
  name: `U${index}`,
  email: `u${index}@example.com`,
  role: 'member' as const,
  createdAt: index,
});

function serverWith(rows: number) {
  const server = newStore();
  for (let index = 0; index < rows; index++) server.store.setRow('users', `u${index}`, user(index));
  server.store.delRow('users', 'u0');
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
    const client = newStore();
    const seen: { url?: string; auth?: string | null } = {};
    const fetched = answering(server.store.getMergeableContent(), 200, seen);
    expect(await loadSnapshot(fetched, URL, 'token-1', client)).toBe(true);
    expect(seen).toEqual({ url: URL, auth: 'Bearer token-1' });
    expect(client.store.getMergeableContent()).toEqual(server.store.getMergeableContent());
    // Later changes still travel both ways as ordinary CRDT merges.
    client.store.setCell('users', 'u1', 'name', 'changed');
    server.store.applyMergeableChanges(client.store.getMergeableContent());
    expect(server.store.getMergeableContentHashes()).toEqual(
      client.store.getMergeableContentHashes(),
    );
  });

  it('merges instead of replacing when the store got content meanwhile', async () => {
    const server = serverWith(3);
    const client = newStore();
    client.store.setRow('users', 'mine', user(9));
    expect(
      await loadSnapshot(answering(server.store.getMergeableContent()), URL, 't', client),
    ).toBe(true);
    expect(client.store.getRow('users', 'mine')).toEqual(user(9));
    expect(client.store.getRowIds('users').sort()).toEqual(['mine', 'u1', 'u2']);
  });

  it('leaves the store as it was when the server refuses, fails or answers nonsense', async () => {
    const client = newStore();
    const broken: typeof fetch = async () => {
      throw new TypeError('network down');
    };
    expect(await loadSnapshot(answering({ error: 'no' }, 401), URL, 't', client)).toBe(false);
    expect(await loadSnapshot(broken, URL, 't', client)).toBe(false);
    expect(await loadSnapshot(answering('not content'), URL, 't', client)).toBe(false);
    expect(isEmpty(client.store)).toBe(true);
  });
});
