// Dev auth and an empty CLERK_AUTHORIZED_PARTIES are local-development conveniences: they are
// served on loopback only. Anywhere else (a deployed worker) every authenticated route and the
// dev token route answer 500 misconfigured, naming the setting, before any token is looked at.
import { env, exports } from 'cloudflare:workers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isCommittedDevKey } from '../../../src/auth/committed-dev-key.ts';
import type { Env } from '../../../src/env.ts';
import { DEPLOYED_ORIGIN, LOCAL_ORIGIN, send } from './test-app.ts';
import { devToken, type Signer, sessionClaims, signJwt } from './test-tokens.ts';

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });
const postJson = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

/** A request through the real worker (the dev configuration), from `origin`. */
const viaWorker = (origin: string, path: string, init: RequestInit = {}) =>
  exports.default.fetch(`${origin}${path}`, init);

async function answerOf(response: Response) {
  const body = (await response.json()) as { error?: { code: string; message: string } };
  return { status: response.status, code: body.error?.code, message: body.error?.message };
}

/**
 * A Clerk instance of its own, as production has: a key pair whose public half is the
 * worker's CLERK_JWT_KEY, with no dev setting anywhere.
 */
async function productionInstance(authorizedParties: string) {
  const pair = (await crypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const spki = new Uint8Array(
    (await crypto.subtle.exportKey('spki', pair.publicKey)) as ArrayBuffer,
  );
  const base64 = btoa(String.fromCharCode(...spki));
  const {
    TINYSYNC_DEV_AUTH: _auth,
    TINYSYNC_DEV_SIGNING_KEY: _key,
    CLERK_JWT_KEY: _jwtKey,
    ...rest
  } = env;
  const bindings: Env = {
    ...rest,
    CLERK_JWT_KEY: `-----BEGIN PUBLIC KEY-----\n${base64}\n-----END PUBLIC KEY-----`,
    CLERK_AUTHORIZED_PARTIES: authorizedParties,
  };
  const signer: Signer = { alg: 'RS256', key: pair.privateKey };
  const token = (azp: string) => signJwt(sessionClaims({ azp }), signer);
  return { bindings, token };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the dev configuration off loopback (a deployed dev environment)', () => {
  it('refuses POST /dev/token with 500 misconfigured naming the dev settings, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const answer = await answerOf(
      await viaWorker(DEPLOYED_ORIGIN, '/dev/token', postJson({ sub: 'user_1' })),
    );
    expect(answer).toMatchObject({ status: 500, code: 'misconfigured' });
    expect(answer.message).toContain('TINYSYNC_DEV_AUTH');
    expect(answer.message).not.toMatch(/token/i);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('"event":"misconfigured"'));
  });

  it('accepts no dev-signed token on any authenticated route or the sync upgrade', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const token = await devToken(sessionClaims());
    // The same token opens the store over loopback: the refusal is the guard's, not the token's.
    expect((await viaWorker(LOCAL_ORIGIN, '/stores/user_1/status', bearer(token))).status).toBe(
      200,
    );
    const requests: [string, RequestInit][] = [
      ['/stores/user_1/status', bearer(token)],
      ['/stores/user_1/tables/users', bearer(token)],
      ['/stores/user_1/export', bearer(token)],
      ['/sync/user_1', { headers: { Upgrade: 'websocket', Authorization: `Bearer ${token}` } }],
    ];
    for (const [path, init] of requests) {
      const answer = await answerOf(await viaWorker(DEPLOYED_ORIGIN, path, init));
      expect({ path, ...answer }).toMatchObject({ path, status: 500, code: 'misconfigured' });
    }
  });

  it('goes by the URL the runtime routed, not a Host header the client wrote', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const token = await devToken(sessionClaims());
    const spoofed = await viaWorker(DEPLOYED_ORIGIN, '/stores/user_1/status', {
      headers: { Authorization: `Bearer ${token}`, Host: 'localhost' },
    });
    expect(await answerOf(spoofed)).toMatchObject({ status: 500, code: 'misconfigured' });
  });

  it('refuses a loopback hostname whose client address (CF-Connecting-IP) is not loopback', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const token = await devToken(sessionClaims());
    const fromNetwork = await viaWorker(LOCAL_ORIGIN, '/stores/user_1/status', {
      headers: { Authorization: `Bearer ${token}`, 'CF-Connecting-IP': '203.0.113.7' },
    });
    expect(await answerOf(fromNetwork)).toMatchObject({ status: 500, code: 'misconfigured' });
    const fromHere = await viaWorker(LOCAL_ORIGIN, '/stores/user_1/status', {
      headers: { Authorization: `Bearer ${token}`, 'CF-Connecting-IP': '127.0.0.1' },
    });
    expect(fromHere.status).toBe(200);
  });

  it('is served on every loopback name', async () => {
    for (const origin of ['http://localhost:8787', 'http://127.0.0.1:8787', 'http://[::1]:8787']) {
      const issued = await viaWorker(origin, '/dev/token', postJson({ sub: 'user_1' }));
      expect({ origin, status: issued.status }).toEqual({ origin, status: 200 });
      const { token } = (await issued.json()) as { token: string };
      const status = await viaWorker(origin, '/stores/user_1/status', bearer(token));
      expect({ origin, status: status.status }).toEqual({ origin, status: 200 });
    }
  });

  it('recognises the committed dev key by itself: deploying only the dev CLERK_JWT_KEY is refused', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await isCommittedDevKey(env.CLERK_JWT_KEY)).toBe(true);
    const { TINYSYNC_DEV_AUTH: _, TINYSYNC_DEV_SIGNING_KEY: __, ...devKeyOnly } = env;
    const token = await devToken(sessionClaims());
    const deployed = await answerOf(
      await send('/test/stores/user_1/whoami', bearer(token), devKeyOnly, DEPLOYED_ORIGIN),
    );
    expect(deployed).toMatchObject({ status: 500, code: 'misconfigured' });
    expect(deployed.message).toContain('CLERK_JWT_KEY (the committed dev key)');
    const local = await send('/test/stores/user_1/whoami', bearer(token), devKeyOnly);
    expect(local.status).toBe(200);
  });
});

describe('CLERK_AUTHORIZED_PARTIES', () => {
  it('is required off loopback: an empty list answers 500 misconfigured naming it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { bindings, token } = await productionInstance(' , ');
    const answer = await answerOf(
      await send(
        '/test/stores/user_1/whoami',
        bearer(await token('https://app.example.com')),
        bindings,
        DEPLOYED_ORIGIN,
      ),
    );
    expect(answer).toMatchObject({ status: 500, code: 'misconfigured' });
    expect(answer.message).toContain('CLERK_AUTHORIZED_PARTIES');
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('CLERK_AUTHORIZED_PARTIES'));
  });

  it('lets a production configuration serve off loopback, checking azp', async () => {
    const { bindings, token } = await productionInstance('https://app.example.com');
    const ours = await send(
      '/test/stores/user_1/whoami',
      bearer(await token('https://app.example.com')),
      bindings,
      DEPLOYED_ORIGIN,
    );
    expect(ours.status).toBe(200);
    const theirs = await send(
      '/test/stores/user_1/whoami',
      bearer(await token('https://elsewhere.example')),
      bindings,
      DEPLOYED_ORIGIN,
    );
    expect(await answerOf(theirs)).toMatchObject({ status: 401, code: 'token_invalid' });
  });

  it('may stay empty on loopback, where any azp is accepted (local development)', async () => {
    const { bindings, token } = await productionInstance('');
    const response = await send(
      '/test/stores/user_1/whoami',
      bearer(await token('https://anywhere.example')),
      bindings,
    );
    expect(response.status).toBe(200);
  });
});
