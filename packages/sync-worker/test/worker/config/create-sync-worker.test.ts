import { env } from 'cloudflare:workers';
import { appSchema } from '@tinysync/store';
import { describe, expect, it } from 'vitest';
import { createSyncWorker } from '../../../src/index.ts';
import { devToken, sessionClaims } from '../auth/test-tokens.ts';

describe('createSyncWorker', () => {
  it('refuses options no worker could run with, at start-up', () => {
    expect(() => createSyncWorker({} as never)).toThrow(/needs \{ schema \}/);
    expect(() => createSyncWorker({ schema: { tables: {} } } as never)).toThrow(TypeError);
    expect(() => createSyncWorker({ schema: appSchema, binding: 'not a name' })).toThrow(
      /not a valid binding name/,
    );
  });

  it('answers 500 misconfigured, naming the binding, when the wrangler config lacks it', async () => {
    const { worker } = createSyncWorker({ schema: appSchema, binding: 'MISSING' });
    const token = await devToken(sessionClaims());
    const response = await worker.fetch?.(
      new Request('http://127.0.0.1/stores/user_1/tables/users', {
        headers: { Authorization: `Bearer ${token}` },
      }) as never,
      env,
      {} as never,
    );
    expect(response?.status).toBe(500);
    expect(await response?.json()).toMatchObject({
      error: { code: 'misconfigured', message: expect.stringContaining("'MISSING'") },
    });
  });
});
