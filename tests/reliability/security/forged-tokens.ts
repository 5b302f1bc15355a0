/**
 * Session tokens as an attacker could present them: signed with the dev key the dev worker
 * trusts but with one claim wrong, signed with a key nobody trusts, unsigned (`alg: none`), or
 * HMAC-signed with the public key as the secret (RS256/HS256 key confusion). Built with `jose`,
 * independently of the worker's own signer, so that nothing here can share its bugs.
 */
import { readFileSync } from 'node:fs';
import { generateKeyPair, importPKCS8, type JWTPayload, SignJWT, UnsecuredJWT } from 'jose';

const devKeyDir = new URL('../../../packages/sync-worker/dev/', import.meta.url);
/** The committed dev key pair; the worker's dev configuration trusts the public half. */
const DEV_PRIVATE_PEM = readFileSync(new URL('dev-jwt-private.pem', devKeyDir), 'utf8');
export const DEV_PUBLIC_PEM = readFileSync(new URL('dev-jwt-public.pem', devKeyDir), 'utf8');
const DEV_KEY_ID = 'tinysync-dev';
/** Listed in the dev configuration's CLERK_AUTHORIZED_PARTIES. */
const APP_ORIGIN = 'http://127.0.0.1:5173';

export type Claims = JWTPayload & Record<string, unknown>;

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * The claims of a valid Clerk v2 session token for `sub` in organization `org` (the store
 * `org_<org>`), one hour long; `overrides` replace or add claims, `undefined` removes one.
 */
export function sessionClaims(
  { sub, org, role = 'admin' }: { sub: string; org?: string; role?: string },
  overrides: Record<string, unknown> = {},
): Claims {
  const now = nowSeconds();
  const claims: Claims = {
    sub,
    sid: `sess_${sub}`,
    azp: APP_ORIGIN,
    iat: now,
    nbf: now,
    exp: now + 3600,
    v: 2,
    ...(org === undefined ? {} : { o: { id: org, rol: role, slg: org } }),
    ...overrides,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return claims;
}

/** Signed with the dev private key: valid unless the claims say otherwise. */
export async function signedWithDevKey(claims: Claims): Promise<string> {
  const key = await importPKCS8(DEV_PRIVATE_PEM, 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: DEV_KEY_ID }).sign(key);
}

/** Signed with a fresh RSA key that nothing trusts, under the dev key's id. */
export async function signedWithStrangerKey(claims: Claims): Promise<string> {
  const { privateKey } = await generateKeyPair('RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: DEV_KEY_ID }).sign(privateKey);
}

/** `alg: none` and an empty signature. */
export function unsigned(claims: Claims): string {
  return new UnsecuredJWT(claims).encode();
}

/**
 * HS256 with the worker's public key PEM as the HMAC secret: a verifier that lets the token
 * pick its algorithm would check this "signature" with the public key and accept it.
 */
export async function hmacWithPublicKey(claims: Claims): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: DEV_KEY_ID })
    .sign(new TextEncoder().encode(DEV_PUBLIC_PEM));
}

/**
 * A dev-key token whose payload was swapped after signing (here: for the same claims with
 * another role), keeping the original header and signature.
 */
export async function withPayloadSwapped(signedClaims: Claims, swapped: Claims): Promise<string> {
  const [header, , signature] = (await signedWithDevKey(signedClaims)).split('.');
  const payload = Buffer.from(JSON.stringify(swapped)).toString('base64url');
  return `${header}.${payload}.${signature}`;
}
