import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { SOAK } from '../scale.ts';
import type { CpuUse } from './cpu-meter.ts';
import type { LatencySummary } from './propagation-latency.ts';
import type { ServerMemory } from './server-memory.ts';

/** What one load scenario measured: reported, never asserted on (the machine is shared). */
export interface LoadReport {
  readonly scenario: string;
  readonly stores: number;
  readonly clientsPerStore: number;
  readonly writesPerClientPerSecond: number;
  readonly writes: number;
  /** How long the writing took; more than asked when this process fell behind. */
  readonly writingMs: number;
  readonly propagation: LatencySummary;
  /** From the last write until every client, the Durable Object and Turso held the same. */
  readonly convergedAfterMs: number;
  readonly server: ServerMemory;
  /** From the first write until the copies agreed; missing when they never did. */
  readonly cpu: CpuUse | undefined;
}

const reportFile = new URL('../test-results/load.json', import.meta.url);

/**
 * Prints the report as a small table and adds it to test-results/load.json, which keeps the
 * latest entry of each scenario, marked as a soak run or not (test files run one at a time, so
 * they never write it at once).
 */
export function recordLoadReport(report: LoadReport): void {
  console.log(toTable(report));
  mkdirSync(new URL('.', reportFile), { recursive: true });
  const entry = { ...report, soak: SOAK, date: new Date().toISOString() };
  const scenarios = { ...previousScenarios(), [report.scenario]: entry };
  const content = { updated: entry.date, scenarios };
  writeFileSync(reportFile, `${JSON.stringify(content, null, 2)}\n`);
}

function previousScenarios(): Record<string, LoadReport> {
  try {
    return JSON.parse(readFileSync(reportFile, 'utf8')).scenarios ?? {};
  } catch {
    return {};
  }
}

function toTable(report: LoadReport): string {
  const { propagation, server } = report;
  const rows: [string, string][] = [
    ['stores × clients', `${report.stores} × ${report.clientsPerStore}`],
    [
      'writes',
      `${report.writes} (${report.writesPerClientPerSecond}/s per client, over ${ms(report.writingMs)})`,
    ],
    ['propagation p50', ms(propagation.p50Ms)],
    ['propagation p99', ms(propagation.p99Ms)],
    ['propagation max', `${ms(propagation.maxMs)} (${propagation.samples} samples)`],
    ['converged after last write', ms(report.convergedAfterMs)],
    ['workerd runtime RSS', `${mib(server.runtimeRssMiB)} (idle ${mib(server.runtimeRssIdleMiB)})`],
    ['worker live JS heap', mib(server.liveHeapMiB)],
    ['wrangler dev proxy RSS', mib(server.devProxyRssMiB)],
    ['CPU, clients (this process)', cores(report.cpu?.clientsCores)],
    ['CPU, workerd runtime', cores(report.cpu?.workerCores)],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `  ${name.padEnd(width)}  ${value}`);
  return [
    `load: ${report.scenario}${SOAK ? ' (soak)' : ''}`,
    ...lines,
    '  (every client runs in this one process, one thread: propagation includes applying each',
    '  change in all of them; at ~1 core for the clients, they, not the server, set the pace)',
  ].join('\n');
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mib = (value: number) => `${value.toFixed(1)} MiB`;
const cores = (value: number | undefined) =>
  value === undefined ? 'not measured' : `${value.toFixed(2)} cores on average`;
