import { GlobalRegistrator } from '@happy-dom/global-registrator';
import type { BenchResult } from './measure.ts';
import { median } from './measure.ts';

export interface ReactBenchOptions {
  /** Rows in the table whose one cell changes. */
  readonly tableRows: number;
  /** Rows persisted before the cold start. */
  readonly coldStartRows: number;
  readonly repeats: number;
}

/**
 * React-side costs: how many components re-render when one cell changes in a table (TinySync's
 * hooks vs a naive useState + useEffect subscription to the whole table), and the cold start
 * from rows persisted in IndexedDB to the first render of the table (vs loading the same rows
 * with TinyBase's persister alone). Runs in a DOM registered for the run (happy-dom) with
 * fake-indexeddb; the browser figures come with the Chromium suite.
 */
export async function runReactBench(options: ReactBenchOptions): Promise<BenchResult[]> {
  GlobalRegistrator.register({ url: 'http://127.0.0.1:5173' });
  try {
    await import('./fake-indexeddb.ts');
    const { measureRerenders, measureColdStart } = await import('./react-scenarios.tsx');
    const rerenders = await measureRerenders(options.tableRows);
    const coldStarts: { ours: number; baseline: number }[] = [];
    for (let run = 0; run < options.repeats; run++) {
      coldStarts.push(
        await measureColdStart(options.coldStartRows, `bench-cold-${run}-${Date.now()}`),
      );
    }
    const ours = median(coldStarts.map((run) => run.ours));
    return [
      {
        metric: `re-renders when one cell changes, ${options.tableRows}-row table`,
        unit: 'components',
        ours: rerenders.tinysync,
        baseline: rerenders.naive,
        baselineName: 'useState + useEffect on the table',
        target: '≤ 2',
        pass: rerenders.tinysync <= 2,
      },
      {
        metric: `cold start: ${options.coldStartRows} rows in IndexedDB → first render (happy-dom)`,
        unit: 'ms',
        ours,
        baseline: median(coldStarts.map((run) => run.baseline)),
        baselineName: 'TinyBase IndexedDB load alone',
        target: '≤ 150 ms',
        pass: ours <= 150,
      },
    ];
  } finally {
    // Let React's scheduler finish the last unmount before the DOM globals go away.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await GlobalRegistrator.unregister();
  }
}
