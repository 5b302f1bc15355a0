// `npm start`: the whole system on this machine — the local libSQL server (Turso's protocol,
// data in .data/) on http://127.0.0.1:8080, the sync worker (wrangler dev, offline, dev auth) on
// http://127.0.0.1:8787 and the demo app (Vite) on http://127.0.0.1:5173. Starts them in order,
// waits until each answers, prints the URLs; Ctrl-C stops all of them (and what they spawned).
// With TURSO_DATABASE_URL set, the worker uses that database and no local libSQL server starts.
// Nothing needs building first: the packages resolve from their TypeScript sources.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isPortFree } from './start/check-port.mjs';
import { runService, stopService } from './start/run-service.mjs';
import { localServices } from './start/services.mjs';
import { waitHealthy } from './start/wait-healthy.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// Colours when a person watches; plain text when the output goes to a file or CI.
const env = {
  ...process.env,
  ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : { NO_COLOR: '1' }),
};
const services = localServices(root, process.env);

if (!existsSync(join(root, 'node_modules', '.bin', 'vite'))) {
  console.error('Dependencies are missing: run `npm install` first.');
  process.exit(1);
}

const taken = [];
for (const service of services) {
  if (!(await isPortFree(service.port))) taken.push(service);
}
if (taken.length > 0) {
  for (const service of taken) {
    console.error(
      `Port ${service.port} (${service.label}) is already in use. Is \`npm start\` already running in another terminal? ` +
        `Find the process with \`lsof -i :${service.port}\` or \`ss -ltnp 'sport = :${service.port}'\` and stop it.`,
    );
  }
  process.exit(1);
}

const running = [];
let stopping = false;

async function stopAll(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  // Last started, first stopped: the demo, then the worker (it flushes to libSQL), then libSQL.
  for (const { child } of [...running].reverse()) await stopService(child);
  console.log('Stopped everything.');
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void stopAll(0));
// If this script dies some other way, do not leave the services behind.
process.on('exit', () => {
  for (const { child } of running) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }
});

for (const [index, service] of services.entries()) {
  const child = runService(service, index, env);
  running.push({ service, child });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(
      `[${service.name}] exited unexpectedly (${signal ?? `code ${code}`}); stopping the others.`,
    );
    void stopAll(1);
  });
  try {
    await waitHealthy(service.health, { gaveUp: () => stopping });
  } catch (error) {
    if (stopping) break;
    console.error(`[${service.name}] did not become ready: ${error.message}`);
    await stopAll(1);
  }
}

if (!stopping) {
  const width = Math.max(...services.map((service) => service.label.length));
  const tursoUrl = process.env.TURSO_DATABASE_URL;
  console.log(`
TinySync is running:
${services.map((service) => `  ${service.label.padEnd(width)}  ${service.url}`).join('\n')}${
  tursoUrl ? `\n  ${'database'.padEnd(width)}  ${tursoUrl}` : ''
}

Open ${services.at(-1).url} in two browser windows and sign in as two people of the same
organization. Storybook: npm run storybook. Stop everything with Ctrl-C.
`);
}
