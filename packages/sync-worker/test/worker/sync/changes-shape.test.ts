import { describe, expect, it } from 'vitest';
import { isWellFormedChanges } from '../../../src/sync/changes-shape.ts';

const HLC = 'P79E6JP----pY0sY';
const row = (cells: unknown) => [{ users: [{ u1: [cells, ''] }, ''] }, ''];

describe('isWellFormedChanges', () => {
  it('accepts what TinyBase clients push: content and changes, deletions, any cell value', () => {
    expect(isWellFormedChanges([row({ name: ['Ada', HLC] }), [{}, ''], 1])).toBe(true);
    expect(isWellFormedChanges([row({ name: ['Ada', HLC] }), [{}, '']])).toBe(true);
    expect(isWellFormedChanges([row({ name: [null, HLC] }), [{}, ''], 1])).toBe(true);
    expect(isWellFormedChanges([row({ name: [{ nested: 1 }] }), [{}], 1])).toBe(true);
  });

  it.each([
    ['a body that is not an array', 'everything'],
    ['a flag other than 1', [row({}), [{}, ''], 2]],
    ['a time that is not an HLC', [row({ name: ['Ada', 'not-an-hlc'] }), [{}, ''], 1]],
    ['a container time that is not an HLC', [[{ users: [{}, 7] }, ''], [{}, ''], 1]],
    ['a row that is not a stamp', [[{ users: [{ u1: 'everything' }, ''] }, ''], [{}, ''], 1]],
    ['rows given as an array', [[{ users: [[], ''] }, ''], [{}, ''], 1]],
    ['missing values', [row({})]],
  ])('refuses %s', (_label, body) => {
    expect(isWellFormedChanges(body)).toBe(false);
  });
});
