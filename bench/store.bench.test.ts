import { describe, expect, it } from 'vitest';
import { runStoreBench } from './store.bench.ts';

describe('store benchmark (smoke run, tiny counts, no thresholds)', () => {
  it('measures every metric', async () => {
    const results = await runStoreBench({ rows: 50, repeats: 1 });
    expect(results.map((result) => result.metric)).toEqual([
      'create 50 rows in one batch',
      'create one row in a 50-row table',
      'update one cell in a 50-row table',
      'list 50 rows sorted by name',
      'list admins of 50 rows, first 50 by name',
    ]);
    for (const result of results) {
      expect(result.ours).toBeGreaterThan(0);
      if (result.baseline !== undefined) expect(result.baseline).toBeGreaterThan(0);
    }
  }, 60_000);
});
