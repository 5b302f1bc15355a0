// DEV ONLY. Signs a session token in Clerk's format with a key pair made for this folder, so the
// app can sync with your local worker before you set up Clerk. The first run writes the key pair
// to .dev-keys/ and the public key to .dev.vars (CLERK_JWT_KEY for `wrangler dev`; both files are
// git-ignored). Never deploy with this key: production verifies Clerk's own tokens.
//
//   npm run token -- --sub user_1 [--org org_1 --role org:admin] [--ttl 86400]
import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sub: { type: 'string', default: 'user_dev' },
    org: { type: 'string' },
    role: { type: 'string', default: 'org:admin' },
    ttl: { type: 'string', default: '86400' },
    app: { type: 'string', default: 'http://127.0.0.1:5173' },
  },
});

const privateKeyPath = '.dev-keys/private.pem';
if (!existsSync(privateKeyPath)) {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  mkdirSync('.dev-keys', { recursive: true });
  writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' });
  writeFileSync(
    '.dev.vars',
    `CLERK_JWT_KEY="${String(publicPem).trim().replaceAll('\n', '\\n')}"\n`,
  );
  console.error('Wrote .dev-keys/ and .dev.vars: restart `npm run dev:worker` to trust the key.');
}

const now = Math.floor(Date.now() / 1000);
const claims = {
  sub: values.sub,
  // Every Clerk session token names its session; the worker refuses one without.
  sid: `sess_dev_${now}`,
  azp: values.app,
  iat: now,
  nbf: now,
  exp: now + Number(values.ttl),
  ...(values.org ? { org_id: values.org, org_role: values.role } : {}),
};
const encode = (part) => Buffer.from(JSON.stringify(part)).toString('base64url');
const signingInput = `${encode({ alg: 'RS256', typ: 'JWT' })}.${encode(claims)}`;
const signature = sign(
  'sha256',
  Buffer.from(signingInput),
  createPrivateKey(readFileSync(privateKeyPath)),
);
console.log(`${values.app}/#token=${signingInput}.${signature.toString('base64url')}`);
