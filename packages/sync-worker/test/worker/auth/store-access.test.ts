import { appSchema, defineSchema } from '@tinysync/store';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SessionClaims } from '../../../src/auth/session-claims.ts';
import {
  MAX_STORE_ID_LENGTH,
  orgStoreId,
  resolveStoreAccess,
  tableWritability,
  userStoreId,
  writableTableIds,
} from '../../../src/auth/store-access.ts';

const expiresAt = 1_900_000_000_000;
const sessionId = 'sess_1';
const member: SessionClaims = {
  userId: 'user_1',
  sessionId,
  orgId: 'org_1',
  orgRole: 'org:member',
  expiresAt,
};
const loner: SessionClaims = { userId: 'user_1', sessionId, expiresAt };

const forbidden = { name: 'ApiError', code: 'forbidden_store', status: 403 };
const badRequest = { name: 'ApiError', code: 'bad_request', status: 400 };

describe('store ids', () => {
  it('are the Clerk id itself when it already carries its prefix', () => {
    expect(orgStoreId('org_2abc')).toBe('org_2abc');
    expect(userStoreId('user_2abc')).toBe('user_2abc');
  });

  it('get the prefix of their kind otherwise', () => {
    expect(orgStoreId('acme')).toBe('org_acme');
    expect(userStoreId('alice')).toBe('user_alice');
    // A user id that looks like an org id still names a user store.
    expect(userStoreId('org_1')).toBe('user_org_1');
  });
});

describe('resolveStoreAccess', () => {
  it("opens the session's organization store with its org role", () => {
    expect(resolveStoreAccess('org_1', member)).toEqual({
      storeId: 'org_1',
      userId: 'user_1',
      role: 'org:member',
      readOnly: false,
    });
  });

  it("opens the user's own store as owner, with or without an active organization", () => {
    const own = { storeId: 'user_1', userId: 'user_1', role: 'owner', readOnly: false };
    expect(resolveStoreAccess('user_1', member)).toEqual(own);
    expect(resolveStoreAccess('user_1', loner)).toEqual(own);
  });

  it("refuses another organization's store", () => {
    expect(() => resolveStoreAccess('org_2', member)).toThrow(expect.objectContaining(forbidden));
  });

  it("refuses another user's store", () => {
    expect(() => resolveStoreAccess('user_2', member)).toThrow(expect.objectContaining(forbidden));
  });

  it('refuses every org store to a session without an active organization', () => {
    expect(() => resolveStoreAccess('org_1', loner)).toThrow(expect.objectContaining(forbidden));
  });

  it('refuses the org store when the session has no role in the organization', () => {
    const roleless: SessionClaims = { userId: 'user_1', sessionId, orgId: 'org_1', expiresAt };
    expect(() => resolveStoreAccess('org_1', roleless)).toThrow(expect.objectContaining(forbidden));
  });

  it('maps unprefixed Clerk ids to their prefixed store', () => {
    const dev: SessionClaims = {
      userId: 'alice',
      sessionId,
      orgId: 'acme',
      orgRole: 'org:admin',
      expiresAt,
    };
    expect(resolveStoreAccess('org_acme', dev).role).toBe('org:admin');
    expect(resolveStoreAccess('user_alice', dev).role).toBe('owner');
    expect(() => resolveStoreAccess('org_alice', dev)).toThrow(expect.objectContaining(forbidden));
  });

  it('makes viewers (and roles the defaults do not let write) read-only', () => {
    expect(resolveStoreAccess('org_1', { ...member, orgRole: 'org:viewer' })).toMatchObject({
      role: 'org:viewer',
      readOnly: true,
    });
    expect(resolveStoreAccess('org_1', { ...member, orgRole: 'org:billing' }).readOnly).toBe(true);
    expect(resolveStoreAccess('org_1', { ...member, orgRole: 'org:admin' }).readOnly).toBe(false);
  });

  it.each([
    ['an empty id', ''],
    ['no prefix', '1'],
    ['an unknown prefix', 'team_1'],
    ['a bare prefix', 'org_'],
    ['a slash', 'org_1/../org_2'],
    ['a dot', 'user_1.json'],
    ['a backslash', 'user_1\\x'],
    ['a percent escape', 'org_%2F'],
    ['whitespace', 'org_1 '],
    ['a capitalised prefix', 'ORG_1'],
    ['too many characters', `org_${'a'.repeat(MAX_STORE_ID_LENGTH - 3)}`],
  ])('refuses a malformed store id (%s) with bad_request, before checking ownership', (_, id) => {
    expect(() => resolveStoreAccess(id, member)).toThrow(expect.objectContaining(badRequest));
  });

  it(`accepts store ids of exactly ${MAX_STORE_ID_LENGTH} characters`, () => {
    const userId = `user_${'a'.repeat(MAX_STORE_ID_LENGTH - 5)}`;
    expect(resolveStoreAccess(userId, { userId, sessionId, expiresAt }).storeId).toHaveLength(128);
  });
});

describe('table writability', () => {
  it('follows the app schema (default permissions) per role', () => {
    expect(tableWritability(appSchema, 'org:viewer')).toEqual({
      users: false,
      projects: false,
      tasks: false,
    });
    expect(tableWritability(appSchema, 'owner')).toEqual({
      users: true,
      projects: true,
      tasks: true,
    });
  });

  it("follows a table's own, stricter or looser, permissions", () => {
    const schema = defineSchema({
      tables: {
        notes: { cells: { text: z.string() } },
        settings: { cells: { value: z.string() }, permissions: { write: ['org:admin'] } },
        guestbook: { cells: { text: z.string() }, permissions: { write: '*' } },
      },
    });
    expect(tableWritability(schema, 'org:member')).toEqual({
      notes: true,
      settings: false,
      guestbook: true,
    });
    expect(writableTableIds(schema, 'org:viewer')).toEqual(['guestbook']);
    expect(writableTableIds(schema, 'org:admin')).toEqual(['notes', 'settings', 'guestbook']);
  });
});
