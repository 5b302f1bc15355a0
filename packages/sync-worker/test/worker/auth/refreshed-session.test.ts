import { env } from 'cloudflare:workers';
import { appSchema } from '@tinysync/store';
import { describe, expect, it } from 'vitest';
import { type RefreshContext, refreshedSession } from '../../../src/auth/refreshed-session.ts';
import type { AuthorizeStore } from '../../../src/config/sync-worker-options.ts';
import { devToken, nowSeconds, sessionClaims, signJwt, strangerSigner } from './test-tokens.ts';

const context = (overrides: Partial<RefreshContext> = {}): RefreshContext => ({
  storeId: 'org_1',
  env,
  config: { schema: appSchema, authorizeStore: undefined },
  ...overrides,
});
const inOrg = (rol: string, overrides: Record<string, unknown> = {}) =>
  sessionClaims({ o: { id: 'org_1', rol }, ...overrides });
const refused = (code: string, status: number) =>
  expect.objectContaining({ name: 'ApiError', code, status });

describe('refreshedSession: a fresh token for an open connection', () => {
  it("takes the new token's expiry and role", async () => {
    const exp = nowSeconds() + 120;
    const member = await refreshedSession(
      await devToken(inOrg('member', { exp })),
      'user_1',
      context(),
    );
    expect(member).toEqual({
      userId: 'user_1',
      role: 'org:member',
      readOnly: false,
      writableTables: ['users', 'projects', 'tasks'],
      expiresAt: exp * 1000,
    });
    const viewer = await refreshedSession(await devToken(inOrg('viewer')), 'user_1', context());
    expect(viewer).toMatchObject({ role: 'org:viewer', readOnly: true, writableTables: [] });
  });

  it("refuses another user's token, even one allowed the same store", async () => {
    const other = await devToken(inOrg('admin', { sub: 'user_2' }));
    await expect(refreshedSession(other, 'user_1', context())).rejects.toThrow(
      refused('forbidden_store', 403),
    );
  });

  it('refuses a token for another organization (the session switched away from this store)', async () => {
    const elsewhere = await devToken(sessionClaims({ o: { id: 'org_2', rol: 'admin' } }));
    await expect(refreshedSession(elsewhere, 'user_1', context())).rejects.toThrow(
      refused('forbidden_store', 403),
    );
  });

  it('gives the same verdicts as the upgrade for bad tokens', async () => {
    const cases: [string, Promise<string>, string][] = [
      ['expired', devToken(inOrg('admin', { exp: nowSeconds() - 60 })), 'token_expired'],
      [
        'not yet valid',
        devToken(inOrg('admin', { nbf: nowSeconds() + 60 })),
        'token_not_yet_valid',
      ],
      [
        'signed by a stranger',
        strangerSigner().then((s) => signJwt(inOrg('admin'), s)),
        'token_invalid',
      ],
      [
        'for another app (azp)',
        devToken(inOrg('admin', { azp: 'https://evil.example' })),
        'token_invalid',
      ],
      ['without a session (sid)', devToken(inOrg('admin', { sid: undefined })), 'token_invalid'],
      ['of a pending session (sts)', devToken(inOrg('admin', { sts: 'pending' })), 'token_invalid'],
      ['unsigned (alg none)', signJwt(inOrg('admin'), { alg: 'none' }), 'token_invalid'],
    ];
    for (const [name, token, code] of cases) {
      await expect(refreshedSession(await token, 'user_1', context()), name).rejects.toThrow(
        refused(code, 401),
      );
    }
  });

  it("asks the app's authorizeStore, whose answer decides the role", async () => {
    const asked: string[] = [];
    let grant: ReturnType<AuthorizeStore> = { role: 'editor' };
    const authorizeStore: AuthorizeStore = ({ session, storeId }) => {
      asked.push(`${session.userId}@${storeId}`);
      return grant;
    };
    const project = context({
      storeId: 'project_42',
      config: { schema: appSchema, authorizeStore },
    });
    const token = await devToken(sessionClaims());
    await expect(refreshedSession(token, 'user_1', project)).resolves.toMatchObject({
      role: 'editor',
    });
    grant = { role: 'editor', readOnly: true };
    await expect(refreshedSession(token, 'user_1', project)).resolves.toMatchObject({
      readOnly: true,
      writableTables: [],
    });
    grant = undefined;
    await expect(refreshedSession(token, 'user_1', project)).rejects.toThrow(
      refused('forbidden_store', 403),
    );
    expect(asked).toEqual(['user_1@project_42', 'user_1@project_42', 'user_1@project_42']);
  });
});
