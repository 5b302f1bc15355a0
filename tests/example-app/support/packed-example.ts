import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand, toolEnv } from './run-command.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const exampleSource = join(repoRoot, 'examples/notes');

/** The packages a user installs from npm, and the folder each builds from. */
export const PUBLISHED_PACKAGES = {
  '@tinysync/store': 'packages/store',
  '@tinysync/react': 'packages/react',
  '@tinysync/sync-worker': 'packages/sync-worker',
} as const;

export interface InstalledExample {
  /** The copy of examples/notes, installed and ready for its own scripts. */
  readonly dir: string;
  /** Each published package's tarball, as `npm pack` made it. */
  readonly tarballs: Readonly<Record<string, string>>;
  readonly seconds: { readonly build: number; readonly pack: number; readonly install: number };
  /** Deletes the copy and the tarballs. */
  remove(): void;
}

/**
 * examples/notes the way a user gets it: the packages as npm packs them (built first when a
 * package has no dist/ yet), a copy of the example outside this repository whose three TinySync
 * dependencies point at those tarballs, and a plain `npm install` there.
 */
export async function installExample(): Promise<InstalledExample> {
  const build = await buildPackagesIfNeeded();
  const packDir = mkdtempSync(join(tmpdir(), 'tinysync-example-packs-'));
  const packStarted = performance.now();
  const tarballs: Record<string, string> = {};
  for (const name of Object.keys(PUBLISHED_PACKAGES)) {
    const { output } = await runCommand(
      'npm',
      ['pack', '--workspace', name, '--pack-destination', packDir, '--json'],
      { cwd: repoRoot },
    );
    const [report] = JSON.parse(output.slice(output.indexOf('['))) as [{ filename: string }];
    tarballs[name] = join(packDir, basename(report.filename));
  }
  const pack = (performance.now() - packStarted) / 1000;

  const dir = join(mkdtempSync(join(tmpdir(), 'tinysync-example-')), 'notes');
  cpSync(exampleSource, dir, {
    recursive: true,
    // What a fresh clone of the example has: none of a developer's local output.
    filter: (path) =>
      !/[/\\](node_modules|dist|\.wrangler|\.dev-keys|\.dev\.vars|worker-configuration\.d\.ts)$/.test(
        path,
      ),
  });
  pointDependenciesAt(join(dir, 'package.json'), tarballs);
  const { seconds: install } = await runCommand(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline'],
    { cwd: dir, env: toolEnv() },
  );
  return {
    dir,
    tarballs,
    seconds: { build, pack, install },
    remove() {
      rmSync(dirname(dir), { recursive: true, force: true });
      rmSync(packDir, { recursive: true, force: true });
    },
  };
}

/** The only change to the user's manifest: the published packages' ranges become `file:` tarballs. */
function pointDependenciesAt(manifestPath: string, tarballs: Readonly<Record<string, string>>) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const [name, tarball] of Object.entries(tarballs)) {
    if (manifest.dependencies[name] === undefined) {
      throw new Error(`examples/notes does not depend on ${name}`);
    }
    manifest.dependencies[name] = `file:${tarball}`;
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * `npm test` builds the packages first (turbo's `^build`); run alone, this test builds the ones
 * without a dist/ itself, so it never packs a package without its build.
 */
async function buildPackagesIfNeeded(): Promise<number> {
  const missing = Object.entries(PUBLISHED_PACKAGES)
    .filter(([, folder]) => !existsSync(join(repoRoot, folder, 'dist/index.js')))
    .map(([name]) => name);
  if (missing.length === 0) return 0;
  const filters = missing.flatMap((name) => ['--filter', name]);
  const { seconds } = await runCommand(
    join(repoRoot, 'node_modules/.bin/turbo'),
    ['run', 'build', ...filters, '--output-logs=errors-only'],
    { cwd: repoRoot, env: toolEnv({ TURBO_TELEMETRY_DISABLED: '1' }) },
  );
  return seconds;
}
