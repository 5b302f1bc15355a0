// `npm run dev -w @tinysync/sync-worker`: wrangler dev on http://127.0.0.1:8787 with the dev
// configuration, fully offline (no Cloudflare account, no telemetry). The mirror writes to the
// local libSQL server (`npm run libsql`) unless TURSO_DATABASE_URL / TURSO_AUTH_TOKEN are set
// in the shell, in which case they are passed on and a real Turso database is used.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  // The workspace packages' source, before wrangler's own conditions (scripts/workspace-source.ts).
  WRANGLER_BUILD_CONDITIONS: '@tinysync/source,workerd,worker,browser',
};
delete env.CLOUDFLARE_API_TOKEN;
delete env.CLOUDFLARE_ACCOUNT_ID;

const tursoVars = ['TURSO_DATABASE_URL', 'TURSO_AUTH_TOKEN']
  .filter((name) => process.env[name])
  .flatMap((name) => ['--var', `${name}:${process.env[name]}`]);

const wrangler = spawn(
  'npx',
  ['wrangler', 'dev', '--env', 'dev', '--ip', '127.0.0.1', ...tursoVars, ...process.argv.slice(2)],
  { cwd: packageDir, env, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => wrangler.kill(signal));
}
wrangler.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
