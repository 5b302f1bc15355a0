// Completes package-lock.json with the platform-specific optional packages (turbo's and Biome's
// native binaries for macOS, Windows, musl…) that the registry mirror of our build machines
// does not serve. npm leaves them out of the lockfile when it cannot resolve them, and `npm ci`
// then refuses the lockfile as out of sync. Each added entry carries the os/cpu/libc that its
// name declares, so npm skips it on other platforms exactly as it would a resolved entry.
// Runs as the root `postinstall`, so every `npm install` leaves a lockfile `npm ci` accepts.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix'];
const CPU = { x64: 'x64', 64: 'x64', arm64: 'arm64', ia32: 'ia32', arm: 'arm' };
const WINDOWS = { windows: 'win32' };

let added = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (lock.packages[key] || lock.packages[`${path}/${key}`]) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    lock.packages[key] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...platform,
    };
    added++;
  }
}

if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(lock.packages).sort(([a], [b]) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
    ),
  );
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: ${added} platform packages added`);
}

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.map((part) => WINDOWS[part] ?? part).find((part) => OS.includes(part));
  const cpu = parts.map((part) => CPU[part]).find(Boolean);
  if (!os || !cpu) return undefined;
  return {
    os: [os],
    cpu: [cpu],
    ...(parts.includes('musl') ? { libc: ['musl'] } : os === 'linux' ? { libc: ['glibc'] } : {}),
  };
}
