import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { verifySessionToken } from '../../../src/auth/verify-session-token.ts';
import {
  APP_ORIGIN,
  devSigner,
  devToken,
  nowSeconds,
  sessionClaims,
  signJwt,
  strangerSigner,
} from './test-tokens.ts';

const rejectsWith = (code: string, status = 401) => ({ name: 'ApiError', code, status });
/** The code plus Clerk's reason, which tells apart the failures that share `token_invalid`. */
const rejectsFor = (code: string, reason: string) => ({
  ...rejectsWith(code),
  details: { reason },
});

describe('verifySessionToken', () => {
  it('accepts a token signed by the configured key and returns its claims', async () => {
    const claims = sessionClaims({ o: { id: 'org_1', rol: 'admin', slg: 'one' } });
    await expect(verifySessionToken(await devToken(claims), env)).resolves.toEqual(claims);
  });

  it('refuses a missing or empty token with token_missing', async () => {
    await expect(verifySessionToken(undefined, env)).rejects.toMatchObject(
      rejectsWith('token_missing'),
    );
    await expect(verifySessionToken('', env)).rejects.toMatchObject(rejectsWith('token_missing'));
  });

  it.each([
    ['not a JWT at all', 'not-a-jwt'],
    ['three undecodable parts', 'a.b.c'],
    ['a header that is not JSON', `${btoa('{nope').replace(/=+$/, '')}.e30.c2ln`],
  ])('refuses a malformed token (%s) with token_invalid', async (_, token) => {
    await expect(verifySessionToken(token, env)).rejects.toMatchObject(
      rejectsFor('token_invalid', 'token-invalid'),
    );
  });

  it('refuses a token whose signature was stripped', async () => {
    const stripped = (await devToken()).replace(/\.[^.]+$/, '.');
    await expect(verifySessionToken(stripped, env)).rejects.toMatchObject(
      rejectsFor('token_invalid', 'token-invalid-signature'),
    );
  });

  it('refuses a token signed with another RSA key', async () => {
    const token = await signJwt(sessionClaims(), await strangerSigner());
    await expect(verifySessionToken(token, env)).rejects.toMatchObject(
      rejectsFor('token_invalid', 'token-invalid-signature'),
    );
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await devToken()).split('.');
    const forged = btoa(JSON.stringify(sessionClaims({ sub: 'user_admin' }))).replace(/=+$/, '');
    await expect(verifySessionToken(`${header}.${forged}.${signature}`, env)).rejects.toMatchObject(
      rejectsFor('token_invalid', 'token-invalid-signature'),
    );
  });

  it('refuses an unsigned token (alg none)', async () => {
    const token = await signJwt(sessionClaims(), { alg: 'none' });
    await expect(verifySessionToken(token, env)).rejects.toMatchObject(
      rejectsFor('token_invalid', 'token-invalid-algorithm'),
    );
  });

  it('refuses HS256 signed with the public key PEM as the HMAC secret (key confusion)', async () => {
    const secret = env.CLERK_JWT_KEY ?? '';
    expect(secret).toContain('BEGIN PUBLIC KEY');
    const token = await signJwt(sessionClaims(), { alg: 'HS256', secret });
    await expect(verifySessionToken(token, env)).rejects.toMatchObject(
      rejectsFor('token_invalid', 'token-invalid-algorithm'),
    );
  });

  it('refuses a token without a subject', async () => {
    const { sub: _, ...claims } = sessionClaims();
    await expect(verifySessionToken(await devToken(claims), env)).rejects.toMatchObject(
      rejectsFor('token_invalid', 'token-verification-failed'),
    );
  });

  it('refuses a token without an expiry', async () => {
    const { exp: _, ...claims } = sessionClaims();
    await expect(verifySessionToken(await devToken(claims), env)).rejects.toMatchObject(
      rejectsFor('token_invalid', 'token-verification-failed'),
    );
  });

  describe('time window', () => {
    const issuedLongAgo = (exp: number) => {
      const now = nowSeconds();
      return sessionClaims({ iat: now - 600, nbf: now - 600, exp: now + exp });
    };

    it('refuses an expired token with token_expired', async () => {
      await expect(
        verifySessionToken(await devToken(issuedLongAgo(-60)), env),
      ).rejects.toMatchObject(rejectsFor('token_expired', 'token-expired'));
    });

    it('accepts a token that expired less than the clock skew (5 s) ago', async () => {
      await expect(
        verifySessionToken(await devToken(issuedLongAgo(-3)), env),
      ).resolves.toMatchObject({ sub: 'user_1' });
    });

    it('refuses that same token when the skew is set to zero', async () => {
      const token = await devToken(issuedLongAgo(-3));
      await expect(verifySessionToken(token, env, { clockSkewInMs: 0 })).rejects.toMatchObject(
        rejectsWith('token_expired'),
      );
    });

    it('refuses nbf beyond the clock skew with token_not_yet_valid', async () => {
      const now = nowSeconds();
      const token = await devToken(sessionClaims({ iat: now, nbf: now + 60 }));
      await expect(verifySessionToken(token, env)).rejects.toMatchObject(
        rejectsFor('token_not_yet_valid', 'token-not-active-yet'),
      );
    });

    it('refuses iat beyond the clock skew with token_not_yet_valid', async () => {
      const now = nowSeconds();
      const token = await devToken(sessionClaims({ iat: now + 10, nbf: now }));
      await expect(verifySessionToken(token, env)).rejects.toMatchObject(
        rejectsFor('token_not_yet_valid', 'token-iat-in-the-future'),
      );
    });

    it('accepts nbf and iat slightly ahead of our clock, within the skew', async () => {
      const now = nowSeconds();
      const token = await devToken(sessionClaims({ iat: now + 3, nbf: now + 3 }));
      await expect(verifySessionToken(token, env)).resolves.toMatchObject({ sub: 'user_1' });
    });
  });

  describe('authorized parties (azp)', () => {
    it('refuses an azp outside CLERK_AUTHORIZED_PARTIES', async () => {
      const token = await devToken(sessionClaims({ azp: 'https://evil.example' }));
      await expect(verifySessionToken(token, env)).rejects.toMatchObject(
        rejectsFor('token_invalid', 'token-invalid-authorized-parties'),
      );
    });

    it('refuses a token without azp when parties are configured', async () => {
      const { azp: _, ...claims } = sessionClaims();
      await expect(verifySessionToken(await devToken(claims), env)).rejects.toMatchObject(
        rejectsFor('token_invalid', 'token-invalid-authorized-parties'),
      );
    });

    it('accepts every listed party', async () => {
      for (const azp of [APP_ORIGIN, 'http://localhost:5173']) {
        const token = await devToken(sessionClaims({ azp }));
        await expect(verifySessionToken(token, env)).resolves.toMatchObject({ azp });
      }
    });

    it('does not check azp when CLERK_AUTHORIZED_PARTIES is empty', async () => {
      const token = await devToken(sessionClaims({ azp: 'https://anywhere.example' }));
      const unchecked = { ...env, CLERK_AUTHORIZED_PARTIES: ' , ' };
      await expect(verifySessionToken(token, unchecked)).resolves.toMatchObject({ sub: 'user_1' });
    });
  });

  describe('configuration', () => {
    it('answers misconfigured (500) without CLERK_JWT_KEY, whatever the token', async () => {
      await expect(verifySessionToken(await devToken(), {})).rejects.toMatchObject(
        rejectsWith('misconfigured', 500),
      );
      await expect(verifySessionToken(undefined, { CLERK_JWT_KEY: '' })).rejects.toMatchObject(
        rejectsWith('misconfigured', 500),
      );
    });

    it('accepts a PEM whose newlines were pasted as literal \\n', async () => {
      const flattened = (env.CLERK_JWT_KEY ?? '').replaceAll('\n', '\\n');
      expect(flattened).not.toContain('\n');
      await expect(
        verifySessionToken(await devToken(), { ...env, CLERK_JWT_KEY: flattened }),
      ).resolves.toMatchObject({ sub: 'user_1' });
    });

    it('verifies against the configured PEM: another public key refuses the dev token', async () => {
      const pair = (await crypto.subtle.generateKey(
        {
          name: 'RSASSA-PKCS1-v1_5',
          hash: 'SHA-256',
          modulusLength: 2048,
          publicExponent: new Uint8Array([1, 0, 1]),
        },
        true,
        ['sign', 'verify'],
      )) as CryptoKeyPair;
      const spki = new Uint8Array(
        (await crypto.subtle.exportKey('spki', pair.publicKey)) as ArrayBuffer,
      );
      const pem = `-----BEGIN PUBLIC KEY-----\n${btoa(String.fromCharCode(...spki))}\n-----END PUBLIC KEY-----\n`;
      const token = await signJwt(sessionClaims(), await devSigner());
      await expect(verifySessionToken(token, { ...env, CLERK_JWT_KEY: pem })).rejects.toMatchObject(
        rejectsFor('token_invalid', 'token-invalid-signature'),
      );
    });
  });
});
