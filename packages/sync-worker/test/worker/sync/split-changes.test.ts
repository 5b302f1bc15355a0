import { MESSAGE } from '@tinysync/store/protocol';
import { createMergeableStore, type MergeableChanges } from 'tinybase';
import { describe, expect, it } from 'vitest';
import type { ProtocolMessage } from '../../../src/sync/protocol-message.ts';
import { splitChanges } from '../../../src/sync/split-changes.ts';

/** Real changes from a real store: 300 tasks and 20 users, written in one transaction. */
function storeChanges(): MergeableChanges {
  const store = createMergeableStore();
  let changes: MergeableChanges | undefined;
  store.addDidFinishTransactionListener(() => {
    changes = store.getTransactionMergeableChanges();
  });
  store.transaction(() => {
    for (let index = 0; index < 300; index++) {
      store.setRow('tasks', `t${index}`, {
        title: `Task ${index}`,
        status: 'todo',
        position: index,
      });
    }
    for (let index = 0; index < 20; index++)
      store.setRow('users', `u${index}`, { name: `U${index}` });
  });
  return changes as MergeableChanges;
}

const parse = (remainder: string) => JSON.parse(remainder) as ProtocolMessage;

/** What a store holds after merging the changes carried by each remainder, in order. */
function mergedFrom(remainders: string[]) {
  const store = createMergeableStore();
  for (const remainder of remainders) {
    const [, type, body] = parse(remainder);
    const changes = type === MESSAGE.contentDiff ? body : [(body as unknown[])[0], [{}], 1];
    store.applyMergeableChanges(changes as MergeableChanges);
  }
  return store.getMergeableContent();
}

describe('splitChanges', () => {
  it('passes a message that is small enough on as it is', () => {
    const message: ProtocolMessage = ['r1', MESSAGE.contentDiff, storeChanges()];
    const remainder = JSON.stringify(message);
    expect(splitChanges(message, remainder, remainder.length)).toEqual([remainder]);
  });

  it('splits a big push into content diffs under the size that merge as the whole does', () => {
    const changes = storeChanges();
    const message: ProtocolMessage = [null, MESSAGE.contentDiff, changes];
    const remainder = JSON.stringify(message);
    const parts = splitChanges(message, remainder, 2_000);

    expect(parts.length).toBeGreaterThan(5);
    for (const part of parts) {
      expect(part.length).toBeLessThan(2_200);
      expect(parse(part)[1]).toBe(MESSAGE.contentDiff);
    }
    expect(mergedFrom(parts)).toEqual(mergedFrom([remainder]));
  });

  it("keeps the last part in the answer to the server's request, with its hashes", () => {
    const [tables] = storeChanges();
    const hashes = { projects: 1234 };
    const message: ProtocolMessage = ['tx.req1', MESSAGE.response, [tables, hashes]];
    const remainder = JSON.stringify(message);
    const parts = splitChanges(message, remainder, 2_000);

    expect(parts.length).toBeGreaterThan(5);
    const answer = parse(parts.at(-1) as string);
    expect(answer[0]).toBe('tx.req1');
    expect(answer[1]).toBe(MESSAGE.response);
    expect((answer[2] as unknown[])[1]).toEqual(hashes);
    expect(parts.slice(0, -1).map((part) => parse(part)[1])).toEqual(
      parts.slice(0, -1).map(() => MESSAGE.contentDiff),
    );
    expect(mergedFrom(parts)).toEqual(mergedFrom([remainder]));
  });

  it('splits the answer to a cell diff request, which is the tables stamp itself', () => {
    const [tables] = storeChanges();
    const message: ProtocolMessage = ['tx.req2', MESSAGE.response, tables];
    const parts = splitChanges(message, JSON.stringify(message), 2_000);

    expect(parts.length).toBeGreaterThan(5);
    const answer = parse(parts.at(-1) as string);
    expect(answer.slice(0, 2)).toEqual(['tx.req2', MESSAGE.response]);
    const rows = (stamp: unknown) =>
      Object.values((stamp as [Record<string, [Record<string, unknown>]>])[0]).flatMap((table) =>
        Object.keys(table[0]),
      );
    const answered = rows(answer[2]);
    const pushed = parts.slice(0, -1).flatMap((part) => rows((parse(part)[2] as unknown[])[0]));
    expect([...pushed, ...answered].sort()).toEqual(rows(tables).sort());
  });

  it('leaves a big message that carries no rows alone', () => {
    const hashes = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`t${i}`, i]));
    const message: ProtocolMessage = ['r3', MESSAGE.getRowDiff, { tasks: hashes }];
    const remainder = JSON.stringify(message);
    expect(splitChanges(message, remainder, 100)).toEqual([remainder]);
  });

  it('keeps a row named __proto__ as a row', () => {
    const time = 'Nn1JUF-----7JQY8';
    const rows = JSON.parse(
      `{"__proto__":[{"title":["x",""]},""],"a":[{"title":["${'y'.repeat(300)}",""]},""]}`,
    );
    const message: ProtocolMessage = [
      null,
      MESSAGE.contentDiff,
      [[{ tasks: [rows, time] }, time], [{}], 1],
    ];
    const parts = splitChanges(message, JSON.stringify(message), 100);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toContain('"__proto__":[{"title":["x",""]},""]');
    expect(Object.getPrototypeOf(JSON.parse(parts[0] as string))).toBe(Array.prototype);
  });
});
