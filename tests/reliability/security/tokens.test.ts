// Hostile session tokens against the running system (wrangler dev + libSQL): every way in —
// the WebSocket upgrade with the token in a header, a browser's subprotocol or the query, and
// the HTTP API's reads and writes — refuses them with the documented status and code, and the
// store they aimed at is left exactly as it was, in the Durable Object and in Turso.
import { READ_ONLY_NOTICE } from '@tinysync/store';
import { eventually } from '@tinysync/sync-worker/testing';
import type { MergeableStore } from 'tinybase';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { type RunningSystem, startSystem } from '../support/running-system.ts';
import {
  type Claims,
  hmacWithPublicKey,
  nowSeconds,
  sessionClaims,
  signedWithDevKey,
  signedWithStrangerKey,
  unsigned,
  withPayloadSwapped,
} from './forged-tokens.ts';
import { type GuardedStore, guardStore } from './guarded-store.ts';
import { type ApiRequest, callApi } from './store-api.ts';
import { upgradeAnswer } from './upgrade-answer.ts';

let system: RunningSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(async () => {
  await system?.stop();
});

let storeCounter = 0;
/** A fresh organization store per case, so "nothing written" compares with a known baseline. */
async function attackedStore(): Promise<{ org: string; guarded: GuardedStore }> {
  const org = `tokens${++storeCounter}`;
  return { org, guarded: await guardStore(system, `org_${org}`) };
}

/** An admin of the attacked organization, as far as the claims go. */
const adminOf = (org: string, overrides: Record<string, unknown> = {}): Claims =>
  sessionClaims({ sub: 'user_mallory', org }, overrides);

interface RefusedToken {
  readonly token: (org: string) => Promise<string | undefined> | string | undefined;
  readonly status: number;
  readonly code: string;
}

const refusedTokens: Record<string, RefusedToken> = {
  'no token': { token: () => undefined, status: 401, code: 'token_missing' },
  'a malformed token': { token: () => 'not-a-jwt', status: 401, code: 'token_invalid' },
  'three parts that are not base64 JSON': {
    token: () => 'a.b.c',
    status: 401,
    code: 'token_invalid',
  },
  'a token signed with a key nobody trusts': {
    token: (org) => signedWithStrangerKey(adminOf(org)),
    status: 401,
    code: 'token_invalid',
  },
  "a viewer's token with its payload swapped for an admin's": {
    token: (org) =>
      withPayloadSwapped(sessionClaims({ sub: 'user_mallory', org, role: 'viewer' }), adminOf(org)),
    status: 401,
    code: 'token_invalid',
  },
  'an expired token': {
    token: (org) => {
      const now = nowSeconds();
      return signedWithDevKey(adminOf(org, { iat: now - 600, nbf: now - 600, exp: now - 60 }));
    },
    status: 401,
    code: 'token_expired',
  },
  'a token not valid yet (nbf in two minutes)': {
    token: (org) => signedWithDevKey(adminOf(org, { nbf: nowSeconds() + 120 })),
    status: 401,
    code: 'token_not_yet_valid',
  },
  'a token issued for another application (azp)': {
    token: (org) => signedWithDevKey(adminOf(org, { azp: 'https://evil.example' })),
    status: 401,
    code: 'token_invalid',
  },
  'a token without azp': {
    token: (org) => signedWithDevKey(adminOf(org, { azp: undefined })),
    status: 401,
    code: 'token_invalid',
  },
  'an unsigned token (alg: none)': {
    token: (org) => unsigned(adminOf(org)),
    status: 401,
    code: 'token_invalid',
  },
  'HS256 signed with the public key as the secret': {
    token: (org) => hmacWithPublicKey(adminOf(org)),
    status: 401,
    code: 'token_invalid',
  },
  'a valid admin token for another organization': {
    token: () => signedWithDevKey(sessionClaims({ sub: 'user_mallory', org: 'elsewhere' })),
    status: 403,
    code: 'forbidden_store',
  },
  'a valid token of a user outside the organization (personal session)': {
    token: () => signedWithDevKey(sessionClaims({ sub: 'user_mallory' })),
    status: 403,
    code: 'forbidden_store',
  },
  'a valid token naming the organization but no role in it': {
    token: (org) =>
      signedWithDevKey(sessionClaims({ sub: 'user_mallory' }, { o: { id: org, slg: org } })),
    status: 403,
    code: 'forbidden_store',
  },
};

/** Every way a token reaches the worker, each answering `{ status, code }`. */
const entryPoints: Record<string, (storeId: string, token?: string) => Promise<Answer>> = {
  'WebSocket, Authorization header': (storeId, token) =>
    upgrade(`/sync/${storeId}`, {
      headers: token === undefined ? {} : { Authorization: `Bearer ${token}` },
    }),
  'WebSocket, browser subprotocol': (storeId, token) =>
    upgrade(`/sync/${storeId}`, {
      protocols: token === undefined ? ['tinysync'] : ['tinysync', `tinysync.auth.${token}`],
    }),
  'WebSocket, ?token= query': (storeId, token) =>
    upgrade(`/sync/${storeId}${token === undefined ? '' : `?token=${token}`}`),
  'HTTP POST a row': (storeId, token) =>
    api({
      method: 'POST',
      path: `/stores/${storeId}/tables/users`,
      token,
      body: { id: 'mallory', name: 'Mallory', email: 'mallory@example.com', role: 'admin' },
    }),
  'HTTP PATCH a row': (storeId, token) =>
    api({
      method: 'PATCH',
      path: `/stores/${storeId}/tables/users/ada`,
      token,
      body: { role: 'viewer' },
    }),
  'HTTP DELETE a row': (storeId, token) =>
    api({ method: 'DELETE', path: `/stores/${storeId}/tables/tasks/sketch`, token }),
  'HTTP GET the export': (storeId, token) =>
    api({ method: 'GET', path: `/stores/${storeId}/export`, token }),
  'HTTP POST a pull': (storeId, token) =>
    api({ method: 'POST', path: `/stores/${storeId}/pull`, token }),
};

interface Answer {
  readonly status: number;
  readonly code: string | undefined;
}

function upgrade(path: string, options?: Parameters<typeof upgradeAnswer>[1]): Promise<Answer> {
  return upgradeAnswer(`${system.worker.wsUrl}${path}`, options);
}

async function api(request: ApiRequest): Promise<Answer> {
  const { status, code } = await callApi(system.worker.url, request);
  return { status, code };
}

describe('hostile session tokens, end to end', () => {
  it.each(Object.entries(refusedTokens))(
    'refuses %s everywhere and writes nothing',
    async (_case, { token: makeToken, status, code }) => {
      const { org, guarded } = await attackedStore();
      const token = await makeToken(org);
      const answers: Record<string, Answer> = {};
      for (const [entryPoint, attempt] of Object.entries(entryPoints)) {
        answers[entryPoint] = await attempt(guarded.storeId, token);
      }
      const expected = Object.fromEntries(
        Object.keys(entryPoints).map((name) => [name, { status, code }]),
      );
      expect(answers).toEqual(expected);
      await guarded.expectIntact();
    },
  );
});

interface ViewerWrite {
  /** The write through the viewer's own TinyBase client. */
  readonly sync: (store: MergeableStore) => void;
  /** The same write through the HTTP API. */
  readonly http: (storeId: string) => Omit<ApiRequest, 'token'>;
}

const viewerWrites: Record<string, ViewerWrite> = {
  'creates a row': {
    sync: (store) =>
      store.setRow('users', 'eve', {
        name: 'Eve',
        email: 'eve@example.com',
        role: 'admin',
        createdAt: 9,
      }),
    http: (storeId) => ({
      method: 'POST',
      path: `/stores/${storeId}/tables/users`,
      body: { id: 'eve', name: 'Eve', email: 'eve@example.com', role: 'admin' },
    }),
  },
  'changes a cell': {
    sync: (store) => store.setCell('users', 'ada', 'role', 'viewer'),
    http: (storeId) => ({
      method: 'PATCH',
      path: `/stores/${storeId}/tables/users/ada`,
      body: { role: 'viewer' },
    }),
  },
  'deletes a row': {
    sync: (store) => store.delRow('tasks', 'sketch'),
    http: (storeId) => ({ method: 'DELETE', path: `/stores/${storeId}/tables/tasks/sketch` }),
  },
  'deletes a whole table': {
    sync: (store) => store.delTable('projects'),
    http: (storeId) => ({ method: 'DELETE', path: `/stores/${storeId}/tables/projects/engine` }),
  },
};

describe('a viewer (read-only) writing, end to end', () => {
  it.each(Object.entries(viewerWrites))(
    'drops it when a viewer %s through sync, refuses it with 403 over HTTP, and writes nothing',
    async (_case, write) => {
      const { guarded } = await attackedStore();
      const session = { sub: 'user_viewer', role: 'org:viewer' } as const;
      const frames: string[] = [];
      const viewer = await system.connect(guarded.storeId, session, {
        onFrame: (frame) => frames.push(frame),
      });
      onTestFinished(() => viewer.close());
      await eventually(() => expect(frames).toContain(READ_ONLY_NOTICE));
      const notices = () => frames.filter((frame) => frame === READ_ONLY_NOTICE).length;
      const noticesBefore = notices();

      write.sync(viewer.store);
      // The server tells a read-only connection again each time it drops its writes: the write
      // has been seen and refused once another notice arrives.
      await eventually(() => expect(notices()).toBeGreaterThan(noticesBefore));

      const token = await system.tokenFor(guarded.storeId, session);
      const answer = await callApi(system.worker.url, { ...write.http(guarded.storeId), token });
      expect({ status: answer.status, code: answer.code }).toEqual({
        status: 403,
        code: 'read_only',
      });

      await guarded.expectIntact();
      // The viewer still receives everything the others write.
      await eventually(() => expect(viewer.store.getRow('users', 'proof1')).not.toEqual({}));
    },
  );
});

describe('the dev configuration reached under a deployed hostname, end to end', () => {
  // `wrangler dev` builds the request URL from the Host header, as Cloudflare's edge does from
  // the hostname it routed: a Host other than loopback is how a deployed dev worker is reached.
  const deployed = { Host: 'sync.example.com' };

  it('serves no dev token and accepts no dev-signed token; over loopback both work', async () => {
    const { org, guarded } = await attackedStore();
    const token = await signedWithDevKey(adminOf(org));
    const devTokenRequest: ApiRequest = {
      method: 'POST',
      path: '/dev/token',
      body: { sub: 'user_mallory', org, role: 'org:admin' },
    };
    const asDeployed: Record<string, Answer> = {
      'POST /dev/token': await api({ ...devTokenRequest, headers: deployed }),
      'HTTP POST a row': await api({
        method: 'POST',
        path: `/stores/${guarded.storeId}/tables/users`,
        token,
        body: { id: 'mallory', name: 'Mallory', email: 'mallory@example.com', role: 'admin' },
        headers: deployed,
      }),
      'WebSocket upgrade': await upgrade(`/sync/${guarded.storeId}`, {
        headers: { ...deployed, Authorization: `Bearer ${token}` },
      }),
    };
    const misconfigured = { status: 500, code: 'misconfigured' };
    expect(asDeployed).toEqual({
      'POST /dev/token': misconfigured,
      'HTTP POST a row': misconfigured,
      'WebSocket upgrade': misconfigured,
    });
    // The same requests over loopback are served: the refusals above are the hostname's.
    expect((await api(devTokenRequest)).status).toBe(200);
    const read = await api({ method: 'GET', path: `/stores/${guarded.storeId}/export`, token });
    expect(read.status).toBe(200);
    await guarded.expectIntact();
  });
});
