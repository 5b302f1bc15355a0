// `npm start`: the local services the demo runs on — the libSQL server (Turso's protocol, data in
// .data/) on http://127.0.0.1:8080 and the sync worker (wrangler dev, offline, dev auth) on
// http://127.0.0.1:8787, mirroring to it. With TURSO_DATABASE_URL set, the worker uses that
// database and no local libSQL server starts. Ctrl-C stops everything.
import { spawn } from 'node:child_process';

const services = [
  ...(process.env.TURSO_DATABASE_URL
    ? []
    : [{ name: 'libsql', args: ['run', 'start', '-w', '@tinysync/libsql-dev'] }]),
  { name: 'worker', args: ['run', 'dev', '-w', '@tinysync/sync-worker'] },
];

const children = services.map(({ name, args }) => {
  const child = spawn('npm', ['--silent', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (chunk) =>
    String(chunk)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => `[${name}] ${line}\n`)
      .join('');
  child.stdout.on('data', (chunk) => process.stdout.write(prefix(chunk)));
  child.stderr.on('data', (chunk) => process.stderr.write(prefix(chunk)));
  child.on('exit', (code) => {
    console.log(
      `[${name}] exited${code === null ? '' : ` with code ${code}`}; stopping the others`,
    );
    stopAll(code ?? 1);
  });
  return child;
});

console.log(`TinySync local services:
  libSQL server   ${process.env.TURSO_DATABASE_URL ? `(using ${process.env.TURSO_DATABASE_URL})` : 'http://127.0.0.1:8080'}
  sync worker     http://127.0.0.1:8787  (a dev token: npm run -s token -- --sub user_1 --org org_1 --role org:admin)
  Storybook       npm run storybook → http://127.0.0.1:6006
The demo app (http://127.0.0.1:5173) is the next piece of work.`);

let stopping = false;
function stopAll(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(0));
