/**
 * `npm run bench`: runs every benchmark, prints one table and writes JSON to bench/results/
 * (one file per suite plus latest.json). `--smoke` runs tiny counts, to keep the code working.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { runBundleBench } from './bundle.bench.ts';
import { runFanoutBench } from './fanout.bench.ts';
import type { BenchResult } from './measure.ts';
import { runReactBench } from './react.bench.ts';
import { runStoreBench } from './store.bench.ts';
import { runSyncBench } from './sync.bench.ts';
import { runTursoBench } from './turso.bench.ts';

const smoke = process.argv.includes('--smoke');
/** `npm run bench -- sync react` runs only those suites; the others keep their last results. */
const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const resultsDir = new URL('./results/', import.meta.url);

const suites: Record<string, () => Promise<BenchResult[]>> = {
  store: () => runStoreBench(smoke ? { rows: 200, repeats: 1 } : { rows: 10_000, repeats: 5 }),
  react: () =>
    runReactBench(
      smoke
        ? { tableRows: 50, coldStartRows: 200, repeats: 1 }
        : { tableRows: 1_000, coldStartRows: 10_000, repeats: 5 },
    ),
  sync: () =>
    runSyncBench(
      smoke ? { sizes: [20], changes: 5 } : { sizes: [100, 10_000, 50_000], changes: 200 },
    ),
  fanout: () =>
    runFanoutBench(
      smoke ? { clients: 5, rows: 50, writes: 5 } : { clients: 100, rows: 10_000, writes: 50 },
    ),
  bundle: () => runBundleBench(),
  turso: () => runTursoBench({ sizes: smoke ? [200] : [10_000, 100_000] }),
};

const all: Record<string, BenchResult[]> = {};
const failed: string[] = [];
for (const [name, run] of Object.entries(suites)) {
  if (only.length > 0 && !only.includes(name)) continue;
  const startedAt = performance.now();
  // One broken suite must not throw away what the others measured.
  try {
    all[name] = await run();
  } catch (error) {
    failed.push(name);
    console.error(`${name}: failed`, error);
  }
  console.error(`${name}: ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
}

printTable(Object.values(all).flat());
if (!smoke) {
  mkdirSync(resultsDir, { recursive: true });
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };
  for (const [name, results] of Object.entries(all)) {
    writeJson(`${name}.json`, { suite: name, date: new Date().toISOString(), machine, results });
  }
  writeJson('latest.json', {
    date: new Date().toISOString(),
    machine,
    suites: { ...previousSuites(), ...all },
  });
}

if (failed.length > 0) {
  console.error(`failed suites (their previous results are kept): ${failed.join(', ')}`);
  process.exitCode = 1;
}

function previousSuites(): Record<string, BenchResult[]> {
  try {
    return JSON.parse(readFileSync(new URL('latest.json', resultsDir), 'utf8')).suites ?? {};
  } catch {
    return {};
  }
}

function writeJson(file: string, content: unknown) {
  writeFileSync(new URL(file, resultsDir), `${JSON.stringify(content, null, 2)}\n`);
}

function printTable(results: BenchResult[]) {
  const rows = results.map((result) => [
    result.metric,
    `${format(result.ours)} ${result.unit}`,
    result.baseline === undefined
      ? ''
      : `${format(result.baseline)} ${result.unit} (${result.baselineName})`,
    result.baseline === undefined
      ? ''
      : `${(result.ours / result.baseline).toFixed(2)}×${result.higherIsBetter ? ' (higher is better)' : ''}`,
    result.target ?? '',
    result.pass === undefined ? '' : result.pass ? 'pass' : 'FAIL',
  ]);
  const header = ['metric', 'ours', 'baseline', 'ratio', 'target', 'result'];
  const table = [header, ...rows];
  console.log(
    table
      .map((cells) => `| ${cells.join(' | ')} |`)
      .join('\n')
      .replace(/^(.*)\n/, `$1\n|${header.map(() => ' --- |').join('')}\n`),
  );
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}
