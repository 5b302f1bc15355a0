import { env } from 'cloudflare:workers';
import { appSchema } from '@tinysync/store';
import { describe, expect, it } from 'vitest';
import { createSyncWorker } from '../../../src/index.ts';
import { devToken, sessionClaims } from './test-tokens.ts';

describe('one user flooding the worker', () => {
  it('is refused with 429 before its requests reach the app’s authorizeStore', async () => {
    let asked = 0;
    const { worker } = createSyncWorker({
      schema: appSchema,
      authorizeStore: () => {
        asked += 1;
        return undefined;
      },
    });
    const token = await devToken(sessionClaims({ sub: 'user_flood' }));
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      const response = await worker.fetch?.(
        new Request(`http://127.0.0.1/stores/project_${i}/tables/users`, {
          headers: { Authorization: `Bearer ${token}` },
        }) as never,
        env,
        {} as never,
      );
      statuses.push(response?.status ?? 0);
    }
    expect(statuses.filter((status) => status === 403).length).toBe(asked);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    // The burst is 200, refilled at 50 a second while the loop runs.
    expect(asked).toBeLessThan(300);

    // Another user is not held back by the first one's flood.
    const other = await devToken(sessionClaims({ sub: 'user_calm' }));
    const calm = await worker.fetch?.(
      new Request('http://127.0.0.1/stores/project_1/tables/users', {
        headers: { Authorization: `Bearer ${other}` },
      }) as never,
      env,
      {} as never,
    );
    expect(calm?.status).toBe(403);
  });
});
