import { describe, expect, it } from 'vitest';
import { appSchema } from '../app-schema.js';
import { ValidationError } from '../errors.js';
import { cellIssue, parseNewRow, rowIdIssue } from './validate-rows.js';

describe('cellIssue', () => {
  it('accepts a valid value and explains an invalid one', () => {
    expect(cellIssue(appSchema, 'users', 'email', 'ada@example.com')).toBeUndefined();
    expect(cellIssue(appSchema, 'users', 'email', 'nope')).toBe('must be an email address');
    expect(cellIssue(appSchema, 'users', 'role', 'boss')).toMatch(/admin|member|viewer/);
    expect(cellIssue(appSchema, 'users', 'avatarUrl', undefined)).toBeUndefined();
    expect(cellIssue(appSchema, 'users', 'name', undefined)).toBeDefined();
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'treats the inherited name %s as unknown, for tables and cells',
    (name) => {
      expect(cellIssue(appSchema, 'users', name, 'x')).toBe(`unknown cell '${name}'`);
      expect(cellIssue(appSchema, name, 'name', 'x')).toBe(`unknown table '${name}'`);
      expect(() => parseNewRow(appSchema, { tableId: name, rowId: 'r' }, {})).toThrow(
        ValidationError,
      );
    },
  );
});

describe('rowIdIssue', () => {
  it.each([
    ['a generated id', 'V1StGXR8_Z5jdHi6B-myT'],
    ['spaces, accents and an emoji', 'spaces, ünïcödé and 🙂'],
    ['a path', '../../org_other/tables/users/x'],
    ['__proto__', '__proto__'],
    ['256 characters', 'x'.repeat(256)],
  ])('accepts %s', (_, rowId) => {
    expect(rowIdIssue(rowId)).toBeUndefined();
  });

  it.each([
    ['an empty id', ''],
    ['257 characters', 'x'.repeat(257)],
    ['a number', 42],
    ['a newline', 'a\nb'],
    ['a NUL', 'a\u0000b'],
    ['a C1 control character', 'a\u0085b'],
    ['a lone high surrogate', 'a\uD83Db'],
    ['a lone low surrogate', '\uDE42'],
  ])('refuses %s, and table operations throw it as a ValidationError', (_, rowId) => {
    expect(rowIdIssue(rowId)).toMatch(/row ids/);
    expect(() => parseNewRow(appSchema, { tableId: 'users', rowId: rowId as string }, {})).toThrow(
      ValidationError,
    );
  });
});
