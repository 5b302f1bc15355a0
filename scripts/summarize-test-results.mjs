// Sums the JSON reports every vitest project writes to <workspace>/test-results/vitest.json, and
// the root's Storybook stories report (test-results/stories.json), and prints the one summary
// line CI reads. A workspace with a test script, or a root with a `test:stories` script, but no
// report counts as a failure: its tests did not run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const { workspaces } = rootManifest;
const workspaceDirs = workspaces.flatMap((pattern) =>
  pattern.endsWith('/*')
    ? listDirs(join(root, pattern.slice(0, -2))).map((dir) => join(pattern.slice(0, -2), dir))
    : [pattern],
);

const reports = [];
for (const dir of workspaceDirs) {
  const manifestPath = join(root, dir, 'package.json');
  if (!existsSync(manifestPath)) continue;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  if (manifest.scripts?.test)
    reports.push({ dir, path: join(root, dir, 'test-results', 'vitest.json') });
}
if (rootManifest.scripts?.['test:stories']) {
  reports.push({ dir: '(root stories)', path: join(root, 'test-results', 'stories.json') });
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const { dir, path } of reports) {
  if (!existsSync(path)) {
    console.error(`${dir}: no test report at ${path}`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(path, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + countFailedSuites(report);
  skipped += report.numPendingTests + report.numTodoTests;
  printFailures(report);
}

console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

/**
 * Repeats each failure's first lines next to the summary: a CI log is often read from its end,
 * where the test runners' own reports of a failure have long scrolled past.
 */
function printFailures(report) {
  for (const file of report.testResults) {
    const where = file.name.startsWith(root) ? file.name.slice(root.length) : file.name;
    if (file.status === 'failed' && file.message) {
      console.error(`FAILED ${where}\n${firstLines(file.message)}`);
    }
    for (const test of file.assertionResults.filter((t) => t.status === 'failed')) {
      console.error(
        `FAILED ${where} > ${test.fullName}\n${firstLines(test.failureMessages.join('\n'))}`,
      );
    }
  }
}

function firstLines(text, count = 12) {
  return text
    .split('\n')
    .filter((line) => !line.includes('node_modules') && !line.includes('(<anonymous>)'))
    .slice(0, count)
    .map((line) => `    ${line}`)
    .join('\n');
}

/** A file that failed to load (or a type error outside any test) has no failed test of its own. */
function countFailedSuites(report) {
  return report.testResults.filter(
    (file) => file.status === 'failed' && file.assertionResults.every((t) => t.status !== 'failed'),
  ).length;
}

function listDirs(path) {
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
}
