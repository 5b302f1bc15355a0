// DEV ONLY. `npm run token -- --sub user_1 [--org org_1 --role org:admin] [--ttl 3600]
// [--azp http://127.0.0.1:5173] [--claims v1|v2]` (from the repo root) prints a session token
// signed with the committed dev key (dev/dev-jwt-private.pem), which only the dev configuration
// trusts. Only the token goes to stdout, so `TOKEN=$(npm run token -- --sub user_1)` works.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type ClaimsFormat, signDevToken } from '../src/auth/sign-dev-token.ts';

const USAGE =
  'usage: npm run token -- --sub <userId> [--org <orgId>] [--role org:<role>] [--ttl <seconds>] [--azp <origin>] [--claims v1|v2]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      org: { type: 'string' },
      role: { type: 'string' },
      ttl: { type: 'string' },
      azp: { type: 'string' },
      claims: { type: 'string' },
    },
    strict: true,
  });
  if (!values.sub) throw new Error(`--sub is required\n${USAGE}`);
  const claims = parseClaimsFormat(values.claims);
  const ttl = values.ttl === undefined ? undefined : Number(values.ttl);

  const privateKey = readFileSync(new URL('../dev/dev-jwt-private.pem', import.meta.url), 'utf8');
  const { token } = await signDevToken(privateKey, {
    sub: values.sub,
    ...(values.org === undefined ? {} : { org: values.org }),
    ...(values.role === undefined ? {} : { role: values.role }),
    ...(ttl === undefined ? {} : { ttlSeconds: ttl }),
    ...(values.azp === undefined ? {} : { azp: values.azp }),
    ...(claims === undefined ? {} : { claims }),
  });
  process.stdout.write(`${token}\n`);
}

function parseClaimsFormat(value: string | undefined): ClaimsFormat | undefined {
  if (value === undefined || value === 'v1' || value === 'v2') return value;
  throw new Error(`--claims must be v1 or v2, got ${value}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
