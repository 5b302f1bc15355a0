import type { MergeableContent } from 'tinybase';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appSchema } from '../app-schema.js';
import { stringifyMergeableContent } from '../persistence/mergeable-json.js';
import { defineSchema } from '../schema/define-schema.js';
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

/** The server's snapshot answer: its content as `/snapshot` writes it. */
const snapshotOf = (content: unknown): typeof fetch => {
  const text = stringifyMergeableContent(content as MergeableContent);
  return async () => new Response(text, { status: 200 });
};

describe('loadSnapshot', () => {
  it('sets an empty store to the server content, stamps and hashes included', async () => {
    const server = serverWith(5);
    const client = newStore();
    const seen: { url?: string; auth?: string | null } = {};
    const fetched: typeof fetch = (input, init) => {
      seen.url = String(input);
      seen.auth = new Headers(init?.headers).get('Authorization');
      return snapshotOf(server.store.getMergeableContent())(input, init);
    };
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
      await loadSnapshot(snapshotOf(server.store.getMergeableContent()), URL, 't', client),
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

  // JSON wrote a deleted cell and a null cell alike (null); JSON cells must come in stamped as
  // TinyBase stamps them, or the client's hashes would never match the server's.
  it('keeps null cells apart from deleted ones, and object and array cells whole', async () => {
    const schema = defineSchema({
      tables: {
        notes: {
          cells: {
            text: z.string(),
            archivedAt: z.number().nullable(),
            tags: z.array(z.string()),
            settings: z.object({ pinned: z.boolean() }).optional(),
          },
        },
      },
    });
    const server = createTinySyncStore(schema);
    server.tables.notes.create({
      id: 'n1',
      text: 'a',
      archivedAt: null,
      tags: ['x', 'y'],
      settings: { pinned: true },
    });
    server.tables.notes.update('n1', { settings: undefined });
    for (const merged of [false, true]) {
      const client = createTinySyncStore(schema);
      if (merged) client.tables.notes.create({ id: 'mine', text: 'b', archivedAt: 1, tags: [] });
      const content = server.store.getMergeableContent();
      expect(await loadSnapshot(snapshotOf(content), URL, 't', client)).toBe(true);
      expect(client.tables.notes.get('n1')).toEqual({
        id: 'n1',
        text: 'a',
        archivedAt: null,
        tags: ['x', 'y'],
      });
      if (merged) continue;
      expect(client.store.getMergeableContentHashes()).toEqual(
        server.store.getMergeableContentHashes(),
      );
    }
  });
});
