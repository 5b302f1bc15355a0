// `npm run check:packages`: builds the public packages, packs each one as `npm publish` would,
// and checks the tarball a user installs: publint, Are the Types Wrong (ESM-only profile), and a
// file list of the build, README and package.json only (no sources, tests, tsconfig, dev keys).
// `npm test` runs the same checks, one test each, in tests/packages. Offline: nothing is fetched.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);

/** The packages published to npm; `css` lists exports that are stylesheets, not modules. */
export const PUBLIC_PACKAGES = [
  { name: '@tinysync/store', css: [] },
  { name: '@tinysync/react', css: ['./styles.css'] },
  { name: '@tinysync/sync-worker', css: [] },
];

/** Files that must never reach a tarball. */
const FORBIDDEN_FILES = [
  /(^|\/)[^/]*\.test(-d)?\.[^/]+$/,
  /(^|\/)tsconfig[^/]*\.json$/,
  /\.pem$/,
  /^(src|test|testing|dev|scripts)\//,
  /^wrangler\.jsonc?$/,
  /^worker-configuration\.d\.ts$/,
  /^vitest\.config\./,
];

/** Packs a workspace package into `destination`: the tarball's path and the files it holds. */
export function packPackage(name, destination) {
  const result = run('npm', [
    'pack',
    '--workspace',
    name,
    '--pack-destination',
    destination,
    '--json',
  ]);
  if (!result.ok) throw new Error(`npm pack ${name} failed:\n${result.output}`);
  const [report] = JSON.parse(result.stdout);
  return {
    tarball: join(destination, report.filename),
    files: report.files.map((file) => file.path).sort(),
  };
}

/** publint, strict: its warnings fail the check too. */
export function publint(packed) {
  return run(bin('publint'), ['--strict', packed.tarball]);
}

/** Are the Types Wrong, for an ESM-only package (CommonJS `require` is not supported). */
export function arethetypeswrong(pkg, packed) {
  const exclude = pkg.css.length > 0 ? ['--exclude-entrypoints', ...pkg.css] : [];
  return run(bin('attw'), [
    packed.tarball,
    '--profile',
    'esm-only',
    '--no-definitely-typed',
    '--format',
    'ascii',
    '--no-color',
    ...exclude,
  ]);
}

/** The tarball holds package.json, the README and dist/ only, with nothing forbidden in it. */
export function fileList(packed) {
  const unexpected = packed.files.filter(
    (file) => !['package.json', 'README.md', 'LICENSE'].includes(file) && !file.startsWith('dist/'),
  );
  const forbidden = packed.files.filter((file) => FORBIDDEN_FILES.some((re) => re.test(file)));
  const problems = [...new Set([...unexpected, ...forbidden])];
  return {
    ok: problems.length === 0 && packed.files.includes('dist/index.js'),
    output:
      problems.length === 0
        ? `${packed.files.length} files: package.json, README.md, dist/`
        : `files that must not be published:\n${problems.join('\n')}`,
  };
}

/**
 * No key in any file of the tarball, whatever its name: the dev key pair is committed (dev-only)
 * and a build step that inlined it would ship it under an innocent name.
 */
export function noSecrets(packed) {
  const contents = run('tar', ['-xOzf', packed.tarball]);
  if (!contents.ok) return { ok: false, output: contents.output };
  const found = /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(contents.stdout);
  return { ok: !found, output: found ? 'a private key is in the tarball' : 'no private key' };
}

/** Runs every check on one package; each result is `{ check, ok, output }`. */
export function checkPackage(pkg, destination) {
  const packed = packPackage(pkg.name, destination);
  return [
    { check: 'publint', ...publint(packed) },
    { check: 'attw', ...arethetypeswrong(pkg, packed) },
    { check: 'files', ...fileList(packed) },
    { check: 'secrets', ...noSecrets(packed) },
  ];
}

function run(command, args, inherit = false) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: inherit ? 'inherit' : 'pipe',
  });
  return {
    ok: result.status === 0,
    stdout: result.stdout ?? '',
    output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const filters = PUBLIC_PACKAGES.flatMap((pkg) => ['--filter', pkg.name]);
  if (!run(bin('turbo'), ['run', 'build', ...filters, '--output-logs=errors-only'], true).ok) {
    process.exit(1);
  }
  const destination = mkdtempSync(join(tmpdir(), 'tinysync-packs-'));
  let failed = 0;
  try {
    for (const pkg of PUBLIC_PACKAGES) {
      for (const { check, ok, output } of checkPackage(pkg, destination)) {
        if (!ok) failed += 1;
        console.log(`${ok ? 'ok  ' : 'FAIL'} ${pkg.name} ${check}`);
        if (!ok) console.log(output.replace(/^/gm, '     '));
      }
    }
  } finally {
    rmSync(destination, { recursive: true, force: true });
  }
  console.log(failed === 0 ? 'All packages pass.' : `${failed} check(s) failed.`);
  process.exit(failed === 0 ? 0 : 1);
}
