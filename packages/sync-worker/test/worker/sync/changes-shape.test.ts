import { MESSAGE } from '@tinysync/store/protocol';
import { describe, expect, it } from 'vitest';
import {
  hlcTime,
  isStampedAhead,
  isWellFormedAnswer,
  isWellFormedChanges,
  MAX_FUTURE_STAMP_MS,
} from '../../../src/sync/changes-shape.ts';

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

// TinyBase refuses a whole change with a stamp more than five minutes ahead of its clock.
describe('stamps ahead of the clock', () => {
  const now = hlcTime(HLC);
  const maxTime = now + MAX_FUTURE_STAMP_MS;
  const ahead = 'P79E6Jq----pY0sY'; // 28 ms ahead of HLC
  const farAhead = 'P79Z-------pY0sY'; // 92 minutes ahead

  it('reads the time an HLC encodes', () => {
    expect(hlcTime('P7whrYK----VS-93')).toBe(Date.UTC(2026, 11, 3, 16, 23, 6, 709));
    expect(hlcTime(ahead)).toBeGreaterThan(now);
    expect(hlcTime(farAhead)).toBeGreaterThan(maxTime);
  });

  it('refuses pushes and answers with a stamp too far ahead, anywhere in them', () => {
    expect(isWellFormedChanges([row({ name: ['Ada', ahead] }), [{}, ''], 1], maxTime)).toBe(true);
    expect(isWellFormedChanges([row({ name: ['Ada', farAhead] }), [{}, ''], 1], maxTime)).toBe(
      false,
    );
    expect(isWellFormedChanges([row({}), [{ v: [1, farAhead] }, ''], 1], maxTime)).toBe(false);
    expect(isWellFormedAnswer([row({ name: ['Ada', farAhead] }), {}], maxTime)).toBe(false);
    expect(isWellFormedAnswer(row({ name: ['Ada', farAhead] }), maxTime)).toBe(false);
    expect(isWellFormedAnswer([{ v: [1, farAhead] }, ''], maxTime)).toBe(false);
    expect(isWellFormedAnswer(row({ name: ['Ada', 'not-an-hlc'] }), maxTime)).toBe(false);
  });

  it('leaves answers without stamps alone: content hashes', () => {
    expect(isWellFormedAnswer([123, 456], maxTime)).toBe(true);
    expect(isWellFormedAnswer([row({ name: ['Ada', HLC] }), { users: 7 }], maxTime)).toBe(true);
    expect(isWellFormedAnswer([{ v: [1, HLC] }, HLC], maxTime)).toBe(true);
  });

  it('says which messages are stamped ahead of a clock', () => {
    const push = [row({ name: ['Ada', farAhead] }), [{}, ''], 1];
    expect(isStampedAhead(MESSAGE.contentDiff, push, now)).toBe(true);
    expect(isStampedAhead(MESSAGE.contentDiff, push, hlcTime(farAhead))).toBe(false);
    expect(isStampedAhead(MESSAGE.response, [push[0], {}], now)).toBe(true);
    expect(isStampedAhead(MESSAGE.getContentHashes, '', now)).toBe(false);
  });
});

describe('isWellFormedAnswer', () => {
  it('takes the answers TinyBase takes, and nothing else', () => {
    expect(isWellFormedAnswer([[{ users: [{}] }], { users: 7 }])).toBe(true);
    expect(isWellFormedAnswer([[{ users: [{}] }], { users: { u1: 7 } }])).toBe(true);
    expect(isWellFormedAnswer([[{ users: [{}] }], [{}, '']])).toBe(false);
    expect(isWellFormedAnswer([1.5, 2])).toBe(false);
    expect(isWellFormedAnswer('everything')).toBe(false);
  });
});
