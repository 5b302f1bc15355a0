import { describe, expect, it } from 'vitest';
import { runBundleBench } from './bundle.bench.ts';

describe('bundle benchmark (smoke run, no thresholds)', () => {
  it('weighs our own code, the full client in both zod flavours, and its dependencies', async () => {
    const results = await runBundleBench();
    expect(results.map((result) => result.metric)).toEqual([
      'client own code, whole API of @tinysync/store + react (min+gzip)',
      'full client, example app with a zod/mini schema (min+gzip)',
      '  of which TinyBase (what leaving it out saves)',
      '  of which zod (what leaving it out saves)',
      '  of which partysocket (what leaving it out saves)',
      'full client, same app with a classic zod schema (min+gzip)',
    ]);
    const [ownCode, miniApp, ...rest] = results.map((result) => result.ours);
    const classicApp = rest.pop() ?? 0;
    for (const share of rest) {
      expect(share).toBeGreaterThan(0);
      expect(share).toBeLessThan(miniApp ?? 0);
    }
    expect(ownCode).toBeGreaterThan(0);
    // Classic zod's chainable API is bigger than zod/mini's functions over the same core.
    expect(classicApp).toBeGreaterThan(miniApp ?? Number.POSITIVE_INFINITY);
  }, 60_000);
});
