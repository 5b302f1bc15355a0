import { describe, expect, it } from 'vitest';
import { runTursoBench } from './turso.bench.ts';

describe('turso benchmark (smoke run, tiny counts, no thresholds)', () => {
  it('measures flush throughput and transactions for TinySync and the direct baseline', async () => {
    const results = await runTursoBench({ sizes: [50] });
    expect(results.map((result) => result.metric)).toEqual([
      'turso flush alone (outbox → Turso) rows/s @ 50 rows',
      'turso flush rows/s @ 50 rows (client write → Turso row)',
      'turso flush transactions @ 50 rows',
      'turso flush: client writes all on the server @ 50 rows',
      'turso flush: server status shows all flushed @ 50 rows',
    ]);
    for (const result of results) {
      expect(result.ours).toBeGreaterThan(0);
      if (result.baseline !== undefined) expect(result.baseline).toBeGreaterThan(0);
    }
  }, 180_000);
});
