/** One line of the benchmark table. `ratio` is ours ÷ baseline, both measured in the same run. */
export interface BenchResult {
  readonly metric: string;
  readonly unit: string;
  readonly ours: number;
  readonly baseline?: number;
  readonly baselineName?: string;
  readonly target?: string;
  readonly pass?: boolean;
  /** A rate (rows/s, …): a ratio below 1 means slower than the baseline, not faster. */
  readonly higherIsBetter?: boolean;
}

/** Median wall time of `run` in milliseconds over `repeats` runs, after one warm-up. */
export function medianMs(repeats: number, setUp: () => () => void): number {
  const times: number[] = [];
  for (let attempt = 0; attempt <= repeats; attempt++) {
    const run = setUp();
    const start = performance.now();
    run();
    const elapsed = performance.now() - start;
    if (attempt > 0) times.push(elapsed);
  }
  return median(times);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
