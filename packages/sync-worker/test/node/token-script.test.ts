import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('../..', import.meta.url));
const publicKeyPem = readFileSync(new URL('../../dev/dev-jwt-public.pem', import.meta.url), 'utf8');

/** Runs `npx tsx scripts/token.ts …` in the package, as `npm run token` does. */
async function runTokenScript(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      'npx',
      ['tsx', 'scripts/token.ts', ...args],
      { cwd: packageDir },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function verifyWithDevKey(token: string) {
  const key = await importSPKI(publicKeyPem, 'RS256');
  return jwtVerify(token, key, { algorithms: ['RS256'] });
}

describe('npm run token (scripts/token.ts)', () => {
  it('prints only a token, in the v2 claim format, signed by the dev key', async () => {
    const before = Math.floor(Date.now() / 1000);
    const run = await runTokenScript('--sub', 'user_1', '--org', 'org_1', '--role', 'org:admin');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const token = run.stdout.trim();

    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'tinysync-dev' });
    const { payload } = await verifyWithDevKey(token);
    expect(payload).toEqual({
      sub: 'user_1',
      sid: expect.stringMatching(/^sess_/),
      azp: 'http://127.0.0.1:5173',
      iat: expect.any(Number),
      nbf: payload.iat,
      exp: (payload.iat ?? 0) + 3600,
      v: 2,
      o: { id: 'org_1', rol: 'admin', slg: '1' },
    });
    expect(payload.iat).toBeGreaterThanOrEqual(before);
  });

  it('honours --ttl and --azp, and --claims v1', async () => {
    const run = await runTokenScript(
      '--sub',
      'user_2',
      '--org',
      'org_2',
      '--role',
      'org:viewer',
      '--ttl',
      '60',
      '--azp',
      'http://localhost:5173',
      '--claims',
      'v1',
    );
    expect(run.code).toBe(0);
    const { payload } = await verifyWithDevKey(run.stdout.trim());
    expect(payload).toMatchObject({
      sub: 'user_2',
      azp: 'http://localhost:5173',
      org_id: 'org_2',
      org_role: 'org:viewer',
      org_slug: '2',
    });
    expect(payload.exp).toBe((payload.iat ?? 0) + 60);
    expect(payload).not.toHaveProperty('v');
    expect(payload).not.toHaveProperty('o');
  });

  it('issues a user-only token without --org', async () => {
    const run = await runTokenScript('--sub', 'user_3');
    const { payload } = await verifyWithDevKey(run.stdout.trim());
    expect(payload).toMatchObject({ sub: 'user_3', v: 2 });
    expect(payload).not.toHaveProperty('o');
  });

  it.each([
    ['no --sub', ['--org', 'org_1'], /--sub is required/],
    ['a bad --ttl', ['--sub', 'user_1', '--ttl', 'soon'], /ttlSeconds must be a positive integer/],
    ['a bad --claims', ['--sub', 'user_1', '--claims', 'v3'], /--claims must be v1 or v2/],
    [
      '--role without --org',
      ['--sub', 'user_1', '--role', 'org:admin'],
      /role needs an organization/,
    ],
    ['an unknown option', ['--sub', 'user_1', '--admin'], /Unknown option '--admin'/],
  ])('fails with a message on stderr and nothing on stdout for %s', async (_, args, message) => {
    const run = await runTokenScript(...args);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
