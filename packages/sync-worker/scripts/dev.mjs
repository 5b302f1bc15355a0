// `npm run dev -w @tinysync/sync-worker`: wrangler dev on http://127.0.0.1:8787 with the dev
// configuration, fully offline (no Cloudflare account, no telemetry).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
};
delete env.CLOUDFLARE_API_TOKEN;
delete env.CLOUDFLARE_ACCOUNT_ID;

const wrangler = spawn(
  'npx',
  ['wrangler', 'dev', '--env', 'dev', '--ip', '127.0.0.1', ...process.argv.slice(2)],
  { cwd: packageDir, env, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => wrangler.kill(signal));
}
wrangler.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
