// Builds JWTs for the auth tests with WebCrypto directly, independently of the production
// signer, so that tests can also forge what no honest signer makes (alg none, HS256, bad keys).
import { env } from 'cloudflare:workers';

export const APP_ORIGIN = 'http://127.0.0.1:5173';
export const DEV_KID = 'tinysync-dev';

export type Signer =
  | { readonly alg: 'RS256'; readonly key: CryptoKey }
  | { readonly alg: 'HS256'; readonly secret: string }
  | { readonly alg: 'none' };

const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims of a valid v2 session token for `user_1`, one hour long. */
export function sessionClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    sub: 'user_1',
    sid: 'sess_1',
    azp: APP_ORIGIN,
    iat: now,
    nbf: now,
    exp: now + 3600,
    v: 2,
    ...overrides,
  };
}

export async function devSigner(): Promise<Signer> {
  const pem = env.TINYSYNC_DEV_SIGNING_KEY;
  if (!pem) throw new Error('The dev configuration must provide TINYSYNC_DEV_SIGNING_KEY');
  const key = await crypto.subtle.importKey('pkcs8', pemBody(pem), RSA, false, ['sign']);
  return { alg: 'RS256', key };
}

/** A freshly generated RSA key that nothing trusts. */
export async function strangerSigner(): Promise<Signer> {
  const pair = (await crypto.subtle.generateKey(
    { ...RSA, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    false,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  return { alg: 'RS256', key: pair.privateKey };
}

/** Signs `payload` as a session token signed by the dev key (the default). */
export async function devToken(payload: Record<string, unknown> = sessionClaims()) {
  return signJwt(payload, await devSigner());
}

export async function signJwt(
  payload: Record<string, unknown>,
  signer: Signer,
  headerOverrides: Record<string, unknown> = {},
): Promise<string> {
  const header = { alg: signer.alg, typ: 'JWT', kid: DEV_KID, ...headerOverrides };
  const input = `${base64UrlJson(header)}.${base64UrlJson(payload)}`;
  const data = new TextEncoder().encode(input);
  switch (signer.alg) {
    case 'none':
      return `${input}.`;
    case 'RS256':
      return `${input}.${base64Url(await crypto.subtle.sign(RSA.name, signer.key, data))}`;
    case 'HS256': {
      const key = await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode(signer.secret),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      );
      return `${input}.${base64Url(await crypto.subtle.sign('HMAC', key, data))}`;
    }
  }
}

/** The payload of a JWT, decoded without any check. */
export function decodePayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? '';
  const binary = atob(part.replaceAll('-', '+').replaceAll('_', '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  const base64 = pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

function base64UrlJson(value: unknown): string {
  return base64Url(new TextEncoder().encode(JSON.stringify(value)));
}

function base64Url(bytes: ArrayBuffer | Uint8Array): string {
  let binary = '';
  for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
