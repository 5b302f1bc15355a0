import { describe, expect, it } from 'vitest';
import { runFanoutBench } from './fanout.bench.ts';

describe('fan-out benchmark (smoke run, tiny counts, no thresholds)', () => {
  it('measures fan-out and worker memory for TinySync and both baselines', async () => {
    const results = await runFanoutBench({ clients: 5, rows: 50, writes: 5 });
    expect(results.map((result) => result.metric)).toContain(
      'fan-out to 5 clients @ 50 rows: last receives p50',
    );
    expect(results.map((result) => result.metric)).toContain(
      'worker memory (workerd RSS increase over idle) with 50 rows + 5 clients',
    );
    for (const result of results) {
      // A resident-set increase can be zero (nothing new was touched); nothing else can.
      if (result.metric.includes('RSS increase')) expect(result.ours).toBeGreaterThanOrEqual(0);
      else expect(result.ours).toBeGreaterThan(0);
      if (result.baseline !== undefined) expect(Number.isFinite(result.baseline)).toBe(true);
    }
  }, 300_000);
});
