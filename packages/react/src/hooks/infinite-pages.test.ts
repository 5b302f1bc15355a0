import { describe, expect, it } from 'vitest';
import { splitIntoPages } from './infinite-pages.js';

const rows = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));

describe('splitIntoPages', () => {
  it('splits the loaded rows into pages with their offsets', () => {
    expect(splitIntoPages(rows, 2, 3, undefined)).toEqual({
      pages: [[rows[0], rows[1]], [rows[2], rows[3]], [rows[4]]],
      pageParams: [0, 2, 4],
    });
    expect(splitIntoPages([], 2, 1, undefined)).toEqual({ pages: [[]], pageParams: [0] });
  });

  it('keeps the arrays of pages whose rows did not change', () => {
    const first = splitIntoPages(rows, 2, 3, undefined);
    expect(splitIntoPages([...rows], 2, 3, first)).toBe(first);
    const changed = [rows[0], rows[1], { id: 'c' }, rows[3], rows[4]];
    const second = splitIntoPages(changed, 2, 3, first);
    expect(second).not.toBe(first);
    expect(second.pages[0]).toBe(first.pages[0]);
    expect(second.pages[1]).not.toBe(first.pages[1]);
    expect(second.pages[2]).toBe(first.pages[2]);
  });
});
