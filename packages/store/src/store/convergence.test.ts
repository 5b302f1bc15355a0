import fc from 'fast-check';
import { createMergeableStore, type MergeableStore } from 'tinybase';
import { describe, expect, it } from 'vitest';
import { appSchema } from '../app-schema.js';
import { TinySyncError } from '../errors.js';
import { createTinySyncStore, type TinySyncStore } from './create-tinysync-store.js';

type App = TinySyncStore<typeof appSchema>;

const ROW_IDS = ['r1', 'r2', 'r3'];
const rowId = fc.constantFrom(...ROW_IDS);
const replica = fc.nat({ max: 3 });

/** What a user can do on one replica while the replicas are (partly) disconnected. */
const edit = fc.oneof(
  fc.record({
    kind: fc.constant('create' as const),
    replica,
    rowId,
    name: fc.constantFrom('Ada', 'Bo'),
  }),
  fc.record({
    kind: fc.constant('update' as const),
    replica,
    rowId,
    role: fc.constantFrom('admin', 'member', 'viewer' as const),
  }),
  fc.record({
    kind: fc.constant('rename' as const),
    replica,
    rowId,
    name: fc.string({ minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), replica, rowId }),
  fc.record({ kind: fc.constant('undo' as const), replica }),
  // Two replicas meet (a sync while both happen to be online).
  fc.record({ kind: fc.constant('sync' as const), replica, other: replica }),
);
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

const plain = (app: App) => app.store as unknown as MergeableStore;

function newReplicas(count: number): App[] {
  return Array.from({ length: count }, (_, index) =>
    createTinySyncStore(appSchema, { uniqueId: `replica-${index}`, onWarning: () => undefined }),
  );
}

function apply(replicas: App[], step: Edit) {
  const app = replicas[step.replica % replicas.length] as App;
  const users = app.tables.users;
  try {
    switch (step.kind) {
      case 'create':
        users.create({ id: step.rowId, name: step.name, email: `${step.rowId}@example.com` });
        break;
      case 'update':
        users.update(step.rowId, { role: step.role });
        break;
      case 'rename':
        users.update(step.rowId, { name: step.name });
        break;
      case 'delete':
        users.delete(step.rowId);
        break;
      case 'undo':
        app.undo();
        break;
      case 'sync':
        plain(app).merge(plain(replicas[step.other % replicas.length] as App));
        break;
    }
  } catch (error) {
    // Refused operations (row missing or already there, or left invalid by a merge) are part of
    // the game; anything else is a bug.
    if (!(error instanceof TinySyncError)) throw error;
  }
}

/** Brings every replica up to date by merging them pairwise in the given order. */
function syncAll(stores: MergeableStore[], order: number[]) {
  for (let round = 0; round < 2; round++) {
    for (const i of order) {
      for (const j of order) {
        if (i !== j) (stores[i] as MergeableStore).merge(stores[j] as MergeableStore);
      }
    }
  }
}

function copyOf(store: MergeableStore): MergeableStore {
  return createMergeableStore().setMergeableContent(store.getMergeableContent());
}

describe('CRDT convergence', () => {
  it('replicas edited independently converge to the same content, whatever the merge order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(edit, { maxLength: 60 }),
        fc.integer({ min: 0, max: 23 }),
        (count, edits, permutationSeed) => {
          const replicas = newReplicas(count);
          for (const step of edits) apply(replicas, step);

          const ascending = replicas.map((app) => copyOf(plain(app)));
          const shuffled = replicas.map((app) => copyOf(plain(app)));
          syncAll(
            ascending,
            ascending.map((_, index) => index),
          );
          syncAll(shuffled, permutation(count, permutationSeed));

          const expected = ascending[0]?.getTables();
          for (const store of [...ascending, ...shuffled]) {
            expect(store.getTables()).toEqual(expected);
            expect(store.getMergeableContentHashes()).toEqual(
              ascending[0]?.getMergeableContentHashes(),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
    // 200 CPU-bound runs: seconds alone, more when the end-to-end suites share the two cores.
  }, 60_000);

  it('a concurrent update and delete of the same row resolve the same way everywhere', () => {
    const [a, b] = newReplicas(2) as [App, App];
    a.tables.users.create({ id: 'r1', name: 'Ada', email: 'ada@example.com' });
    plain(b).merge(plain(a));
    // Both offline: A deletes, B renames later.
    a.tables.users.delete('r1');
    b.tables.users.update('r1', { name: 'Ada B.' });
    plain(a).merge(plain(b));
    expect(a.store.getTables()).toEqual(b.store.getTables());
    // The later write (B's rename) survives, on a row that otherwise stays deleted.
    expect(a.store.getRow('users', 'r1')).toEqual({ name: 'Ada B.' });
  });

  it('the later write to the same cell wins on both sides', () => {
    const [a, b] = newReplicas(2) as [App, App];
    a.tables.users.create({ id: 'r1', name: 'Ada', email: 'ada@example.com' });
    plain(b).merge(plain(a));
    a.tables.users.update('r1', { name: 'first' });
    b.tables.users.update('r1', { name: 'second' });
    plain(b).merge(plain(a));
    expect(a.tables.users.get('r1')?.name).toBe('second');
    expect(b.tables.users.get('r1')?.name).toBe('second');
  });
});

/** The seed-th permutation of 0..count-1 (seeds wrap), so fast-check can shrink it. */
function permutation(count: number, seed: number): number[] {
  const pool = Array.from({ length: count }, (_, index) => index);
  const order: number[] = [];
  let rest = seed;
  while (pool.length > 0) {
    const [picked] = pool.splice(rest % pool.length, 1);
    order.push(picked as number);
    rest = Math.floor(rest / (pool.length + 1));
  }
  return order;
}
