import { GlobalRegistrator } from '@happy-dom/global-registrator';
import { measureColdStart } from './cold-start/measure-cold-start.ts';
import type { BenchResult } from './measure.ts';

export interface ReactBenchOptions {
  /** Rows in the table whose one cell changes. */
  readonly tableRows: number;
  /** Rows persisted before the cold start. */
  readonly coldStartRows: number;
  /** Measured cold starts (each page), of which the median is reported. */
  readonly repeats: number;
}

/**
 * React-side costs: how many components re-render when one cell changes in a table (TinySync's
 * hooks vs a naive useState + useEffect subscription to the whole table), in a DOM registered
 * for the run (happy-dom); and the cold start from rows persisted in IndexedDB to the first
 * render of the kit's UsersTable, in Chromium (vs TinyBase's own IndexedDB persister loading
 * the same rows on a page of its own). See cold-start/measure-cold-start.ts.
 */
export async function runReactBench(options: ReactBenchOptions): Promise<BenchResult[]> {
  const { rerenders, includeRerenders } = await measureRerendersInHappyDom(options.tableRows);
  const coldStart = await measureColdStart({
    rows: options.coldStartRows,
    repeats: options.repeats,
  });
  const baselineName = 'TinyBase IndexedDB load alone';
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
      metric: `re-renders when one included user changes, ${options.tableRows} tasks with their assignees`,
      unit: 'components',
      ours: includeRerenders.tinysync,
      baseline: includeRerenders.naive,
      baselineName: 'useTasks + useUsers joined by hand',
      target: '≤ 2',
      pass: includeRerenders.tinysync <= 2,
    },
    {
      metric: `cold start: ${options.coldStartRows} rows in IndexedDB → first render (Chromium, from navigation)`,
      unit: 'ms',
      ours: coldStart.firstRender,
      baseline: coldStart.baselineLoaded,
      baselineName,
      target: '≤ 150 ms',
      pass: coldStart.firstRender <= 150,
    },
    {
      metric: `cold start: ${options.coldStartRows} rows in IndexedDB → first render (Chromium, from script start)`,
      unit: 'ms',
      ours: coldStart.firstRenderFromScript,
      baseline: coldStart.baselineLoadedFromScript,
      baselineName,
    },
  ];
}

async function measureRerendersInHappyDom(tableRows: number) {
  GlobalRegistrator.register({ url: 'http://127.0.0.1:5173' });
  try {
    const { measureRerenders, measureIncludeRerenders } = await import('./react-scenarios.tsx');
    return {
      rerenders: await measureRerenders(tableRows),
      includeRerenders: await measureIncludeRerenders(tableRows),
    };
  } finally {
    // Let React's scheduler finish the last unmount before the DOM globals go away.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await GlobalRegistrator.unregister();
  }
}
