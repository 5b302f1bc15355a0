import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unstable_readConfig } from 'wrangler';

const packageFile = (path: string) => new URL(`../../${path}`, import.meta.url).pathname;

describe('dev-only auth configuration', () => {
  const production = unstable_readConfig({ config: packageFile('wrangler.jsonc') });
  const dev = unstable_readConfig({ config: packageFile('wrangler.jsonc'), env: 'dev' });

  it('trusts the committed dev key pair in the dev configuration', () => {
    expect(dev.vars.CLERK_JWT_KEY).toBe(
      readFileSync(packageFile('dev/dev-jwt-public.pem'), 'utf8'),
    );
    expect(dev.vars.TINYSYNC_DEV_SIGNING_KEY).toBe(
      readFileSync(packageFile('dev/dev-jwt-private.pem'), 'utf8'),
    );
    expect(dev.vars.TINYSYNC_DEV_AUTH).toMatch(/dev-only/);
  });

  it('keeps every dev key and the dev token endpoint out of the production configuration', () => {
    expect(production.vars).not.toHaveProperty('CLERK_JWT_KEY');
    expect(production.vars).not.toHaveProperty('TINYSYNC_DEV_SIGNING_KEY');
    expect(production.vars).not.toHaveProperty('TINYSYNC_DEV_AUTH');
  });

  it('mirrors to the local libSQL server in dev, and to nothing until production sets a database', () => {
    expect(dev.vars.TURSO_DATABASE_URL).toBe('http://127.0.0.1:8080');
    expect(production.vars).not.toHaveProperty('TURSO_DATABASE_URL');
    expect(production.vars).not.toHaveProperty('TURSO_AUTH_TOKEN');
  });
});
