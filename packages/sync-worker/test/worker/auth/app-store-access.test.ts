import { describe, expect, it } from 'vitest';
import type { SessionClaims } from '../../../src/auth/session-claims.ts';
import { authorizeStoreAccess } from '../../../src/auth/store-access.ts';
import type { AuthorizeStore } from '../../../src/config/sync-worker-options.ts';
import { ApiError } from '../../../src/http/api-error.ts';

const session: SessionClaims = {
  userId: 'user_ann',
  sessionId: 'sess_ann',
  orgId: 'org_acme',
  orgRole: 'org:member',
  expiresAt: Date.now() + 60_000,
};
const env = { MEMBERSHIPS: 'a binding' };
const ask = (hook: AuthorizeStore, storeId = 'project_42') =>
  authorizeStoreAccess(storeId, session, hook, env);
const failsWith = (code: string) => expect.objectContaining({ code });

describe("an app's authorizeStore", () => {
  it('grants what it answers, with the default read-only rule unless it says otherwise', async () => {
    await expect(ask(() => ({ role: 'org:member' }))).resolves.toEqual({
      storeId: 'project_42',
      userId: 'user_ann',
      role: 'org:member',
      readOnly: false,
    });
    await expect(ask(() => ({ role: 'org:viewer' }))).resolves.toMatchObject({ readOnly: true });
    await expect(ask(async () => ({ role: 'org:admin', readOnly: true }))).resolves.toMatchObject({
      readOnly: true,
    });
  });

  it('is asked with the session, the store id and the Worker’s env', async () => {
    let asked: unknown;
    await ask((request) => {
      asked = request;
      return { role: 'owner' };
    });
    expect(asked).toEqual({ session, storeId: 'project_42', env });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
  ])('refuses with 403 forbidden_store when it answers %s', async (_name, answer) => {
    await expect(ask(() => answer as never)).rejects.toEqual(failsWith('forbidden_store'));
  });

  it.each([
    ['an empty object', {}],
    ['false', false],
    ['true', true],
    ['a bare role string', 'org:admin'],
    ['a grant without a role that asks to write', { role: undefined, readOnly: false }],
    ['a role that is not a string', { role: 7 }],
    ['a role with characters a header cannot carry', { role: 'org:admin\nX-Evil: 1' }],
    ['a role of 65 characters', { role: 'r'.repeat(65) }],
    ['readOnly that is not a boolean', { role: 'org:member', readOnly: 'no' }],
  ])('fails closed with 500 misconfigured when it answers %s', async (_name, answer) => {
    await expect(ask(() => answer as never)).rejects.toEqual(failsWith('misconfigured'));
  });

  it('fails closed with 503 authorization_unavailable when it throws', async () => {
    const broken = () => {
      throw new Error('memberships table is down');
    };
    await expect(ask(broken)).rejects.toEqual(failsWith('authorization_unavailable'));
    await expect(ask(() => Promise.reject(new Error('timeout')))).rejects.toEqual(
      failsWith('authorization_unavailable'),
    );
  });

  it('passes on an ApiError it throws, so it can refuse with a reason', async () => {
    const refusing = () => {
      throw new ApiError('forbidden_store', 'Project archived');
    };
    await expect(ask(refusing)).rejects.toEqual(
      expect.objectContaining({ code: 'forbidden_store', message: 'Project archived' }),
    );
  });

  it('is never asked about a malformed store id', async () => {
    let asked = false;
    const hook = () => {
      asked = true;
      return { role: 'owner' };
    };
    for (const storeId of ['', '_x', 'a/b', 'a.b', 'x'.repeat(129)]) {
      await expect(ask(hook, storeId)).rejects.toEqual(failsWith('bad_request'));
    }
    expect(asked).toBe(false);
  });
});
