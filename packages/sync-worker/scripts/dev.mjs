// `npm run dev -w @tinysync/sync-worker`: wrangler dev on http://127.0.0.1:8787 with the dev
// configuration, fully offline (no Cloudflare account, no telemetry). The mirror writes to the
// local libSQL server (`npm run libsql`) unless TURSO_DATABASE_URL / TURSO_AUTH_TOKEN are set
// in the shell, in which case they are passed on and a real Turso database is used.
//
// `--config <an app's wrangler.jsonc>` runs that app's worker instead (its `dev` environment),
// the way `npm start` runs the demo's. An app's config holds no key: this script passes the
// committed dev-only key pair, unless CLERK_JWT_KEY is exported (a real Clerk instance's
// public key), which is then passed instead and the dev token route stays off.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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

const devKey = (name) => readFileSync(new URL(`../dev/${name}`, import.meta.url), 'utf8');
const authVars = Object.entries(
  process.env.CLERK_JWT_KEY
    ? { CLERK_JWT_KEY: process.env.CLERK_JWT_KEY, TINYSYNC_DEV_AUTH: '' }
    : {
        CLERK_JWT_KEY: devKey('dev-jwt-public.pem'),
        TINYSYNC_DEV_SIGNING_KEY: devKey('dev-jwt-private.pem'),
      },
).flatMap(([name, value]) => ['--var', `${name}:${value}`]);

const wrangler = spawn(
  'npx',
  [
    'wrangler',
    'dev',
    '--env',
    'dev',
    '--ip',
    '127.0.0.1',
    ...authVars,
    ...tursoVars,
    ...process.argv.slice(2),
  ],
  { cwd: packageDir, env, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => wrangler.kill(signal));
}
wrangler.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
