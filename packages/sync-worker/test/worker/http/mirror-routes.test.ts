// Who sees the database's own error text, and who may pull: the mirror routes in front of a
// store whose Turso is failing. The Durable Object is stood in for by one answering what a
// failing mirror answers (the real one fails end to end in tests/reliability's http-api suite),
// so that every role can be asked about the same failure.
import { env } from 'cloudflare:workers';
import { appSchema } from '@tinysync/store';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.ts';
import { resolveSyncWorkerOptions } from '../../../src/config/sync-worker-options.ts';
import type { Env } from '../../../src/env.ts';
import { HIDDEN_FLUSH_ERROR, HIDDEN_PULL_ERROR } from '../../../src/routes/mirror.ts';
import type { MirrorStatus } from '../../../src/turso/store-mirror.ts';
import { devToken, sessionClaims } from '../auth/test-tokens.ts';

const RAW_FLUSH_ERROR =
  'SQLITE_CONSTRAINT: NOT NULL constraint failed: users.email at libsql://db-internal.turso.io';
const RAW_PULL_ERROR =
  'SERVER_ERROR: Server returned HTTP status 401 from https://db-internal.turso.io/v2/pipeline';

const failingStatus: MirrorStatus = {
  mirror: 'turso',
  pendingRows: 3,
  lastFlushedAt: null,
  lastError: RAW_FLUSH_ERROR,
  failedAttempts: 2,
  flushedRows: 0,
  flushTransactions: 0,
  lastPulledAt: null,
  pulledSeq: 0,
  lastPullError: RAW_PULL_ERROR,
  hydrationPending: false,
};

/** A store object whose Turso is down, and how often it was asked to pull. */
function failingStore() {
  const pulls = { count: 0 };
  const stub = {
    mirrorStatus: async () => failingStatus,
    pullFromMirror: async () => {
      pulls.count += 1;
      return {
        ok: false,
        error: {
          code: 'database_unavailable',
          message: `Turso could not be read: ${RAW_PULL_ERROR}`,
        },
      };
    },
  };
  const namespace = { idFromName: (name: string) => name, get: () => stub };
  return { bindings: { ...env, STORES: namespace } as Env, pulls };
}

const asRole = (rol: string) => devToken(sessionClaims({ o: { id: 'org_1', rol, slg: 'one' } }));

async function call(bindings: Env, method: string, path: string, token: string) {
  const app = createApp(resolveSyncWorkerOptions({ schema: appSchema }));
  const response = await app.request(
    `http://127.0.0.1${path}`,
    { method, headers: { Authorization: `Bearer ${token}` } },
    bindings,
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('GET /stores/:storeId/status while Turso fails', () => {
  it.each([
    ['an org admin', 'org_1', () => asRole('admin')],
    ["a user store's owner", 'user_1', () => asRole('viewer')],
  ])('shows %s the raw errors', async (_who, storeId, token) => {
    const { bindings } = failingStore();
    const answer = await call(bindings, 'GET', `/stores/${storeId}/status`, await token());
    expect(answer).toEqual({
      status: 200,
      body: { storeId, ...failingStatus },
    });
  });

  it.each(['member', 'viewer'])(
    'shows an org %s that the mirror fails, without the database error text',
    async (rol) => {
      const { bindings } = failingStore();
      const answer = await call(bindings, 'GET', '/stores/org_1/status', await asRole(rol));
      expect(answer).toEqual({
        status: 200,
        body: {
          storeId: 'org_1',
          ...failingStatus,
          lastError: HIDDEN_FLUSH_ERROR,
          lastPullError: HIDDEN_PULL_ERROR,
        },
      });
      expect(JSON.stringify(answer.body)).not.toContain('turso.io');
    },
  );
});

describe('POST /stores/:storeId/pull', () => {
  it('refuses a viewer with 403 read_only, without asking the store to pull', async () => {
    const { bindings, pulls } = failingStore();
    const refused = await call(bindings, 'POST', '/stores/org_1/pull', await asRole('viewer'));
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'read_only' } } });
    // A member's pull in the same setup reaches the store: the viewer's stopped at the route.
    await call(bindings, 'POST', '/stores/org_1/pull', await asRole('member'));
    expect(pulls.count).toBe(1);
  });

  it("answers a member's failed pull 503 without the database error text", async () => {
    const { bindings } = failingStore();
    const answer = await call(bindings, 'POST', '/stores/org_1/pull', await asRole('member'));
    expect(answer).toEqual({
      status: 503,
      body: { error: { code: 'database_unavailable', message: HIDDEN_PULL_ERROR } },
    });
  });

  it("answers an admin's failed pull 503 with the database error", async () => {
    const { bindings } = failingStore();
    const answer = await call(bindings, 'POST', '/stores/org_1/pull', await asRole('admin'));
    expect(answer).toMatchObject({
      status: 503,
      body: {
        error: { code: 'database_unavailable', message: expect.stringContaining(RAW_PULL_ERROR) },
      },
    });
  });
});
