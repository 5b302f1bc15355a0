import { describe, expect, it } from 'vitest';
import { appSchema } from '../app-schema.js';
import { ValidationError } from '../errors.js';
import { cellIssue, parseNewRow } from './validate-rows.js';

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
