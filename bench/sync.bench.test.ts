import { describe, expect, it } from 'vitest';
import { runSyncBench } from './sync.bench.ts';

describe('sync benchmark (smoke run, tiny counts, no thresholds)', () => {
  it('measures latency and initial sync for TinySync and both baselines', async () => {
    const results = await runSyncBench({ sizes: [20, 40], changes: 5 });
    expect(results.map((result) => result.metric)).toContain('change → other client p50 @ 20 rows');
    expect(results.map((result) => result.metric)).toContain('p50 growth 20 → 40 rows');
    for (const result of results) {
      expect(result.ours).toBeGreaterThan(0);
      if (result.baseline !== undefined) expect(result.baseline).toBeGreaterThan(0);
    }
  }, 300_000);
});
