import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { authenticateStoreRequest } from '../../../src/auth/authenticate.ts';
import { send } from './test-app.ts';
import { devToken, nowSeconds, sessionClaims } from './test-tokens.ts';

const orgToken = (rol: string, org = 'org_1') =>
  devToken(sessionClaims({ o: { id: org, rol, slg: 'one' } }));
const bearer = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function errorOf(response: Response) {
  return { status: response.status, body: await response.json() };
}

describe('authenticate (middleware on /…/:storeId)', () => {
  it('sets the session and the store access for an organization member', async () => {
    const response = await send('/test/stores/org_1/whoami', bearer(await orgToken('member')));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      session: expect.objectContaining({ userId: 'user_1', orgId: 'org_1', orgRole: 'org:member' }),
      storeAccess: { storeId: 'org_1', userId: 'user_1', role: 'org:member', readOnly: false },
      webSocketProtocol: null,
    });
  });

  it('opens the own user store as owner', async () => {
    const response = await send('/test/stores/user_1/whoami', bearer(await orgToken('viewer')));
    expect(await response.json()).toMatchObject({
      storeAccess: { storeId: 'user_1', role: 'owner', readOnly: false },
    });
  });

  it('makes an org:viewer connection read-only', async () => {
    const response = await send('/test/stores/org_1/whoami', bearer(await orgToken('viewer')));
    expect(await response.json()).toMatchObject({
      storeAccess: { role: 'org:viewer', readOnly: true },
    });
  });

  it('understands v1 claims just the same', async () => {
    const { v: _, ...base } = sessionClaims();
    const token = await devToken({ ...base, org_id: 'org_1', org_role: 'org:admin' });
    const response = await send('/test/stores/org_1/whoami', bearer(token));
    expect(await response.json()).toMatchObject({
      storeAccess: { storeId: 'org_1', role: 'org:admin', readOnly: false },
    });
  });

  it('takes the token from the ?token= query of a WebSocket upgrade only', async () => {
    const token = await orgToken('admin');
    const http = await send(`/test/stores/org_1/whoami?token=${token}`);
    expect(http.status).toBe(401);
    expect(await http.json()).toMatchObject({ error: { code: 'token_missing' } });
    const upgrade = await send(`/test/stores/org_1/whoami?token=${token}`, {
      headers: { Upgrade: 'websocket' },
    });
    expect(await upgrade.json()).toMatchObject({
      storeAccess: { role: 'org:admin' },
      webSocketProtocol: null,
    });
  });

  it('takes the token from the subprotocol and sets the protocol to echo', async () => {
    const response = await send('/test/stores/org_1/whoami', {
      headers: { 'Sec-WebSocket-Protocol': `tinysync, tinysync.auth.${await orgToken('admin')}` },
    });
    expect(await response.json()).toMatchObject({
      storeAccess: { role: 'org:admin' },
      webSocketProtocol: 'tinysync',
    });
  });

  it('lets a browser-style WebSocket upgrade through, echoing only tinysync', async () => {
    const token = await orgToken('viewer');
    const response = await send('/test/sync/org_1', {
      headers: {
        Upgrade: 'websocket',
        'Sec-WebSocket-Protocol': `tinysync, tinysync.auth.${token}`,
      },
    });
    expect(response.status).toBe(101);
    expect(response.headers.get('Sec-WebSocket-Protocol')).toBe('tinysync');
    const socket = response.webSocket;
    if (!socket) throw new Error('expected a WebSocket');
    const message = new Promise<string>((resolve) =>
      socket.addEventListener('message', (event) => resolve(String(event.data))),
    );
    socket.accept();
    expect(JSON.parse(await message)).toMatchObject({ storeId: 'org_1', readOnly: true });
    socket.close();
  });

  describe('refusals, as JSON errors', () => {
    it('answers 401 token_missing without a token', async () => {
      expect(await errorOf(await send('/test/stores/org_1/whoami'))).toEqual({
        status: 401,
        body: { error: { code: 'token_missing', message: 'A session token is required' } },
      });
    });

    it('answers 401 before looking at the store id', async () => {
      expect((await send('/test/stores/not..valid/whoami')).status).toBe(401);
      const now = nowSeconds();
      const expired = await devToken(
        sessionClaims({ iat: now - 99, nbf: now - 99, exp: now - 60 }),
      );
      expect(await errorOf(await send('/test/stores/org_2/whoami', bearer(expired)))).toMatchObject(
        {
          status: 401,
          body: { error: { code: 'token_expired' } },
        },
      );
    });

    it('answers 401 token_invalid for a token that does not verify', async () => {
      const response = await send('/test/stores/user_1/whoami', bearer('not-a-jwt'));
      expect(await errorOf(response)).toMatchObject({
        status: 401,
        body: { error: { code: 'token_invalid' } },
      });
    });

    it("answers 403 forbidden_store for another organization's store", async () => {
      expect(
        await errorOf(await send('/test/stores/org_2/whoami', bearer(await orgToken('admin')))),
      ).toEqual({
        status: 403,
        body: {
          error: { code: 'forbidden_store', message: 'This session may not open that store' },
        },
      });
    });

    it("answers 403 forbidden_store for another user's store", async () => {
      const response = await send('/test/stores/user_2/whoami', bearer(await orgToken('admin')));
      expect(await errorOf(response)).toMatchObject({
        status: 403,
        body: { error: { code: 'forbidden_store' } },
      });
    });

    it('answers 400 bad_request for a malformed store id', async () => {
      const response = await send(
        '/test/stores/org_1%2F..%2Forg_2/whoami',
        bearer(await orgToken('admin')),
      );
      expect(await errorOf(response)).toMatchObject({
        status: 400,
        body: { error: { code: 'bad_request' } },
      });
    });

    it('answers 500 misconfigured when the worker has no CLERK_JWT_KEY', async () => {
      const { CLERK_JWT_KEY: _, ...withoutKey } = env;
      const response = await send(
        '/test/stores/user_1/whoami',
        bearer(await orgToken('admin')),
        withoutKey,
      );
      expect(await errorOf(response)).toMatchObject({
        status: 500,
        body: { error: { code: 'misconfigured' } },
      });
    });
  });
});

describe('authenticateStoreRequest (for callers outside Hono routing)', () => {
  it('returns the session, the store access and the protocol to echo', async () => {
    const request = new Request('http://127.0.0.1/sync/org_1', {
      headers: { 'Sec-WebSocket-Protocol': `tinysync, tinysync.auth.${await orgToken('member')}` },
    });
    await expect(authenticateStoreRequest(request, 'org_1', env)).resolves.toMatchObject({
      session: { userId: 'user_1', orgId: 'org_1' },
      storeAccess: { storeId: 'org_1', role: 'org:member', readOnly: false },
      webSocketProtocol: 'tinysync',
    });
  });
});
