import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { sessionClaimsFrom } from '../../../src/auth/session-claims.ts';
import { verifySessionToken } from '../../../src/auth/verify-session-token.ts';
import { send } from './test-app.ts';
import { decodePayload } from './test-tokens.ts';

const postJson = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

describe('POST /dev/token (dev configuration)', () => {
  it('issues a v2 token that this worker verifies', async () => {
    const before = Date.now();
    const response = await send(
      '/dev/token',
      postJson({ sub: 'user_1', org: 'org_1', role: 'org:admin' }),
    );
    expect(response.status).toBe(200);
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: number };

    const session = sessionClaimsFrom(await verifySessionToken(token, env));
    expect(session).toMatchObject({ userId: 'user_1', orgId: 'org_1', orgRole: 'org:admin' });
    expect(session.expiresAt).toBe(expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 3600_000);

    expect(decodePayload(token)).toMatchObject({
      v: 2,
      o: { id: 'org_1', rol: 'admin' },
      azp: 'http://127.0.0.1:5173',
      sid: expect.stringMatching(/^sess_/),
    });
  });

  it('opens the stores the token names, through authenticate', async () => {
    const issued = await send(
      '/dev/token',
      postJson({ sub: 'user_7', org: 'org_7', role: 'viewer' }),
    );
    const { token } = (await issued.json()) as { token: string };
    const whoami = await send('/test/stores/org_7/whoami', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(await whoami.json()).toMatchObject({
      storeAccess: { storeId: 'org_7', userId: 'user_7', role: 'org:viewer', readOnly: true },
    });
    const other = await send('/test/stores/org_1/whoami', {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(other.status).toBe(403);
  });

  it('honours ttl and issues user-only tokens without an organization', async () => {
    const response = await send('/dev/token', postJson({ sub: 'user_1', ttl: 60 }));
    const { token, expiresAt } = (await response.json()) as { token: string; expiresAt: number };
    const payload = decodePayload(token);
    expect(payload).toMatchObject({ sub: 'user_1', v: 2, exp: (payload.iat as number) + 60 });
    expect(payload).not.toHaveProperty('o');
    expect(expiresAt).toBe((payload.exp as number) * 1000);
  });

  it.each([
    ['no sub', { org: 'org_1' }],
    ['an empty sub', { sub: '' }],
    ['a sub with path characters', { sub: 'user_1/../x' }],
    ['a role without org', { sub: 'user_1', role: 'org:admin' }],
    ['a malformed role', { sub: 'user_1', org: 'org_1', role: 'admin; drop' }],
    ['a ttl of zero', { sub: 'user_1', ttl: 0 }],
    ['a fractional ttl', { sub: 'user_1', ttl: 1.5 }],
    ['a ttl over a day', { sub: 'user_1', ttl: 86_401 }],
    ['a ttl as a string', { sub: 'user_1', ttl: '60' }],
    ['an unknown field', { sub: 'user_1', admin: true }],
    ['an array', [{ sub: 'user_1' }]],
  ])('answers 400 validation_failed for a body with %s', async (_, body) => {
    const response = await send('/dev/token', postJson(body));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 'validation_failed', details: expect.any(Array) },
    });
  });

  it('answers 400 invalid_json for a body that is not JSON', async () => {
    const response = await send('/dev/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"sub":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_json' } });
  });

  it('answers 415 for a body not declared as JSON', async () => {
    const response = await send('/dev/token', { method: 'POST', body: '{"sub":"user_1"}' });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: { code: 'unsupported_media_type' } });
  });
});

describe('POST /dev/token outside the dev configuration', () => {
  const { TINYSYNC_DEV_AUTH: _, ...production } = env;

  it('does not exist: the same 404 as any unknown route', async () => {
    const devRoute = await send('/dev/token', postJson({ sub: 'user_1' }), production);
    const unknown = await send('/no/such/route', postJson({ sub: 'user_1' }), production);
    expect(devRoute.status).toBe(404);
    expect(await devRoute.json()).toEqual(await unknown.json());
  });

  it('does not exist even with the signing key present', async () => {
    expect(production.TINYSYNC_DEV_SIGNING_KEY).toBeTruthy();
    const response = await send('/dev/token', postJson({ sub: 'user_1' }), production);
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No such route' },
    });
  });

  it('answers misconfigured when dev auth is on but the signing key is missing', async () => {
    const { TINYSYNC_DEV_SIGNING_KEY: __, ...keyless } = env;
    const response = await send('/dev/token', postJson({ sub: 'user_1' }), keyless);
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { code: 'misconfigured' } });
  });
});
