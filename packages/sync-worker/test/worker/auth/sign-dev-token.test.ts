import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { signDevToken } from '../../../src/auth/sign-dev-token.ts';
import { verifySessionToken } from '../../../src/auth/verify-session-token.ts';
import { decodePayload } from './test-tokens.ts';

const signingKey = env.TINYSYNC_DEV_SIGNING_KEY ?? '';
const NOW = 1_800_000_000_000;

describe('signDevToken', () => {
  it("writes Clerk's v2 claims by default", async () => {
    const { token, expiresAt } = await signDevToken(signingKey, {
      sub: 'user_1',
      org: 'org_1',
      role: 'org:admin',
      sessionId: 'sess_1',
      now: NOW,
    });
    const header = JSON.parse(atob(token.split('.')[0] ?? ''));
    expect(header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'tinysync-dev' });
    expect(decodePayload(token)).toEqual({
      sub: 'user_1',
      sid: 'sess_1',
      azp: 'http://127.0.0.1:5173',
      iat: NOW / 1000,
      nbf: NOW / 1000,
      exp: NOW / 1000 + 3600,
      v: 2,
      o: { id: 'org_1', rol: 'admin', slg: '1' },
    });
    expect(expiresAt).toBe(NOW + 3600_000);
  });

  it("writes Clerk's v1 claims on request", async () => {
    const { token } = await signDevToken(signingKey, {
      sub: 'user_1',
      org: 'org_1',
      role: 'viewer',
      claims: 'v1',
      now: NOW,
    });
    const payload = decodePayload(token);
    expect(payload).toMatchObject({ org_id: 'org_1', org_role: 'org:viewer', org_slug: '1' });
    expect(payload).not.toHaveProperty('v');
    expect(payload).not.toHaveProperty('o');
  });

  it('defaults the role to org:member', async () => {
    const { token } = await signDevToken(signingKey, { sub: 'user_1', org: 'org_1' });
    expect(decodePayload(token)).toMatchObject({ o: { rol: 'member' } });
  });

  it('signs tokens that the dev configuration accepts, with the given azp', async () => {
    const { token } = await signDevToken(signingKey, {
      sub: 'user_1',
      azp: 'http://localhost:5173',
    });
    await expect(verifySessionToken(token, env)).resolves.toMatchObject({
      sub: 'user_1',
      azp: 'http://localhost:5173',
    });
  });

  it('can mint an already expired token for tests', async () => {
    const { token } = await signDevToken(signingKey, { sub: 'user_1', now: Date.now() - 7200_000 });
    await expect(verifySessionToken(token, env)).rejects.toMatchObject({ code: 'token_expired' });
  });

  it('refuses a bad ttl and a role without an organization', async () => {
    await expect(signDevToken(signingKey, { sub: 'user_1', ttlSeconds: 0 })).rejects.toThrow(
      RangeError,
    );
    await expect(signDevToken(signingKey, { sub: 'user_1', ttlSeconds: 2.5 })).rejects.toThrow(
      RangeError,
    );
    await expect(signDevToken(signingKey, { sub: 'user_1', role: 'org:admin' })).rejects.toThrow(
      TypeError,
    );
  });
});
