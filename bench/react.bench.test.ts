import { describe, expect, it } from 'vitest';
import { runReactBench } from './react.bench.ts';

describe('react benchmark (smoke run, tiny counts, no thresholds)', () => {
  it('counts re-renders for both subscriptions and times a cold start', async () => {
    const [rerenders, includeRerenders, coldStart] = await runReactBench({
      tableRows: 20,
      coldStartRows: 50,
      repeats: 1,
    });
    // The naive subscription re-renders the table and every row; TinySync's, the row and its list.
    expect(rerenders).toMatchObject({ ours: 2, baseline: 21 });
    // With include, the task that shows the user and its list; joined by hand, every task.
    expect(includeRerenders).toMatchObject({ ours: 2, baseline: 21 });
    expect(coldStart?.ours).toBeGreaterThan(0);
    expect(coldStart?.baseline).toBeGreaterThan(0);
  }, 60_000);
});
