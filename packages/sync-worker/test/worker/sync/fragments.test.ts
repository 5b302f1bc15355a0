import { describe, expect, it } from 'vitest';
import { FragmentBudget } from '../../../src/sync/fragment-budget.ts';
import {
  FRAGMENT_SLOT_CHARS,
  FragmentReassembler,
  INCOMPLETE_MESSAGE_TTL_MS,
  MAX_INCOMPLETE_MESSAGES,
} from '../../../src/sync/fragment-reassembler.ts';
import { FrameError, toFragments } from '../../../src/sync/fragments.ts';

describe('toFragments / FragmentReassembler', () => {
  it('leaves small messages whole', () => {
    expect(toFragments('[null,3,{}]', 100)).toEqual(['[null,3,{}]']);
    expect(new FragmentReassembler(1000).add('[null,3,{}]')).toBe('[null,3,{}]');
  });

  it('splits big messages in TinyBase fragments and puts them back together in any order', () => {
    const message = JSON.stringify(['r1', 3, { text: 'x'.repeat(1000), emoji: '😀'.repeat(300) }]);
    const fragments = toFragments(message, 128);
    expect(fragments.length).toBeGreaterThan(5);
    for (const fragment of fragments) expect(fragment).toMatch(/^[-0-9A-Za-z_]{16}\n\d+\n\d+\n/);
    const reassembler = new FragmentReassembler(100_000);
    const shuffled = [...fragments].reverse();
    const results = shuffled.map((fragment) => reassembler.add(fragment));
    expect(results.slice(0, -1).every((result) => result === undefined)).toBe(true);
    expect(results.at(-1)).toBe(message);
  });

  it('never splits a surrogate pair', () => {
    const message = '😀'.repeat(50);
    for (const fragment of toFragments(message, 7)) {
      const chunk = fragment.split('\n').slice(3).join('\n');
      expect(chunk).toBe(Array.from(chunk).join(''));
      expect(/[\uD800-\uDBFF]$/.test(chunk)).toBe(false);
    }
  });

  it('refuses fragments that do not fit and messages over the limit', () => {
    const reassembler = new FragmentReassembler(10 + 2 * FRAGMENT_SLOT_CHARS);
    expect(() => reassembler.add('AAAAAAAAAAAAAAAA\n3\n2\nxx')).toThrow(FrameError);
    expect(() => reassembler.add('BBBBBBBBBBBBBBBB\n0\n5000\nxx')).toThrow(/bad fragment/);
    reassembler.add('CCCCCCCCCCCCCCCC\n0\n2\nxx');
    expect(() => reassembler.add('CCCCCCCCCCCCCCCC\n0\n2\nxx')).toThrow(/does not fit/);
    try {
      reassembler.add('DDDDDDDDDDDDDDDD\n0\n2\nxxxxxxxxxxxxxxxxxxxx');
      expect.unreachable();
    } catch (error) {
      expect((error as FrameError).kind).toBe('tooBig');
    }
  });

  // A hostile review: one empty chunk announcing 1,000 parts reserved 1,000 slots and counted as
  // nothing; incomplete messages had no cap and never expired.
  it('counts the slots an incomplete message reserves against the budget', () => {
    const reassembler = new FragmentReassembler(1000 * FRAGMENT_SLOT_CHARS - 1);
    expect(() => reassembler.add('EEEEEEEEEEEEEEEE\n0\n1000\n')).toThrow(/over/);
    const roomy = new FragmentReassembler(1_000_000);
    roomy.add('EEEEEEEEEEEEEEEE\n0\n1000\n');
    expect(roomy.bufferedChars).toBe(999 * FRAGMENT_SLOT_CHARS);
  });

  it('gives a whole message its own length back, slots and all', () => {
    const message = 'y'.repeat(10_000);
    const reassembler = new FragmentReassembler(message.length);
    const fragments = toFragments(message, 100);
    const results = fragments.map((fragment) => reassembler.add(fragment));
    expect(results.at(-1)).toBe(message);
    expect(reassembler.bufferedChars).toBe(0);
    expect(reassembler.incompleteMessages).toBe(0);
  });

  it(`refuses more than ${MAX_INCOMPLETE_MESSAGES} incomplete messages at once`, () => {
    const reassembler = new FragmentReassembler(1_000_000);
    const ids = Array.from({ length: MAX_INCOMPLETE_MESSAGES + 1 }, (_, i) =>
      String.fromCharCode(65 + i).repeat(16),
    );
    for (const id of ids.slice(0, -1)) reassembler.add(`${id}\n0\n2\nxx`);
    expect(() => reassembler.add(`${ids.at(-1)}\n0\n2\nxx`)).toThrow(/incomplete messages/);
  });

  it('lets incomplete messages expire, giving back what they held', () => {
    let now = 0;
    const reassembler = new FragmentReassembler(1_000_000, { now: () => now });
    for (const id of [
      'AAAAAAAAAAAAAAAA',
      'BBBBBBBBBBBBBBBB',
      'CCCCCCCCCCCCCCCC',
      'DDDDDDDDDDDDDDDD',
    ]) {
      reassembler.add(`${id}\n0\n3\nxx`);
    }
    now = INCOMPLETE_MESSAGE_TTL_MS + 1;
    expect(reassembler.add('FFFFFFFFFFFFFFFF\n0\n2\nxx')).toBeUndefined();
    expect(reassembler.incompleteMessages).toBe(1);
    expect(reassembler.bufferedChars).toBe(2 + FRAGMENT_SLOT_CHARS);
    // The expired message's late fragment starts a new message; it never completes the old one.
    expect(reassembler.add('AAAAAAAAAAAAAAAA\n1\n3\nyy')).toBeUndefined();
  });

  // A hostile review: the budget was per connection only, so one user's 16 sockets could hold
  // 16 × 32 MiB of unfinished messages at once, past the Durable Object's 128 MB.
  it("shares the object's budget between connections, and gets it back", () => {
    let now = 0;
    const budget = new FragmentBudget(3 * FRAGMENT_SLOT_CHARS + 300);
    const first = new FragmentReassembler(1_000_000, { budget, now: () => now });
    const second = new FragmentReassembler(1_000_000, { budget, now: () => now });
    first.add(`AAAAAAAAAAAAAAAA\n0\n2\n${'a'.repeat(200)}`);
    try {
      second.add(`BBBBBBBBBBBBBBBB\n0\n2\n${'b'.repeat(200)}`);
      expect.unreachable();
    } catch (error) {
      expect((error as FrameError).kind).toBe('tooBig');
    }
    // Its connection closes: what it held goes back. So does what a completed message held.
    second.release();
    expect(budget.usedChars).toBe(200 + FRAGMENT_SLOT_CHARS);
    expect(first.add('AAAAAAAAAAAAAAAA\n1\n2\nz')).toBe(`${'a'.repeat(200)}z`);
    expect(budget.usedChars).toBe(0);
    // And an expired message, even one whose connection is silent.
    second.add(`CCCCCCCCCCCCCCCC\n0\n2\n${'c'.repeat(200)}`);
    second.release();
    expect(budget.usedChars).toBe(0);
    first.add(`DDDDDDDDDDDDDDDD\n0\n2\n${'d'.repeat(200)}`);
    now = INCOMPLETE_MESSAGE_TTL_MS + 1;
    expect(second.add(`EEEEEEEEEEEEEEEE\n0\n2\n${'e'.repeat(200)}`)).toBeUndefined();
    expect(budget.usedChars).toBe(200 + FRAGMENT_SLOT_CHARS);
  });
});
