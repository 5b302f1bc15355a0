import { describe, expect, it } from 'vitest';
import { FragmentReassembler, FrameError, toFragments } from '../../../src/sync/fragments.ts';

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
    const reassembler = new FragmentReassembler(10);
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
});
