/**
 * DEV ONLY: mints session tokens in Clerk's format, signed with the committed dev key pair
 * (dev/), so that a fresh clone can sign in to the local worker without a Clerk account. Only the
 * dev configuration trusts the matching public key. WebCrypto only, so it runs unchanged in
 * workerd (POST /dev/token) and in Node 20 (`npm run token`).
 */
import { pemToDer } from './pem.js';
import { toOrgRole } from './session-claims.js';

/** Clerk's session-token claim formats: v1 flat `org_*` claims, v2 compact `o` object. */
export type ClaimsFormat = 'v1' | 'v2';

export interface DevTokenOptions {
  /** User id, e.g. `user_1`. */
  readonly sub: string;
  /** Active organization id, e.g. `org_1`. */
  readonly org?: string;
  /** Role in `org`, with or without the `org:` prefix; defaults to `org:member`. */
  readonly role?: string;
  readonly orgSlug?: string;
  /** Authorized party (the app's origin); must be in CLERK_AUTHORIZED_PARTIES when that is set. */
  readonly azp?: string;
  readonly sessionId?: string;
  /** Lifetime in seconds; defaults to one hour. */
  readonly ttlSeconds?: number;
  /** Claims format; defaults to `v2`, the one Clerk issues today. */
  readonly claims?: ClaimsFormat;
  /** Issue time in ms since the epoch; defaults to now. Lets tests mint past or future tokens. */
  readonly now?: number;
}

export interface DevToken {
  readonly token: string;
  /** `exp` in ms since the epoch. */
  readonly expiresAt: number;
}

export const DEFAULT_DEV_TOKEN_TTL_SECONDS = 3600;
export const DEFAULT_DEV_ROLE = 'org:member';
/** The demo app's origin, which the dev configuration lists in CLERK_AUTHORIZED_PARTIES. */
export const DEFAULT_DEV_AZP = 'http://127.0.0.1:5173';
const DEV_KEY_ID = 'tinysync-dev';

/** Signs an RS256 session token for the dev configuration with the PKCS#8 PEM private key. */
export async function signDevToken(
  privateKeyPem: string,
  options: DevTokenOptions,
): Promise<DevToken> {
  const ttl = options.ttlSeconds ?? DEFAULT_DEV_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${ttl}`);
  }
  if (options.role !== undefined && options.org === undefined) {
    throw new TypeError('A role needs an organization (org)');
  }
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const expiresAt = issuedAt + ttl;
  const payload = {
    sub: options.sub,
    sid: options.sessionId ?? `sess_dev_${crypto.randomUUID().replaceAll('-', '')}`,
    azp: options.azp ?? DEFAULT_DEV_AZP,
    iat: issuedAt,
    nbf: issuedAt,
    exp: expiresAt,
    ...organizationClaims(options),
  };
  const token = await signRs256(
    { alg: 'RS256', typ: 'JWT', kid: DEV_KEY_ID },
    payload,
    await importSigningKey(privateKeyPem),
  );
  return { token, expiresAt: expiresAt * 1000 };
}

function organizationClaims(options: DevTokenOptions): Record<string, unknown> {
  const { org } = options;
  if (org === undefined) return options.claims === 'v1' ? {} : { v: 2 };
  const role = toOrgRole(options.role ?? DEFAULT_DEV_ROLE);
  const slug = options.orgSlug ?? org.replace(/^org_/, '');
  return options.claims === 'v1'
    ? { org_id: org, org_role: role, org_slug: slug }
    : // v2 writes the role without its prefix: `o.rol: 'admin'` means `org:admin`.
      { v: 2, o: { id: org, rol: role.slice('org:'.length), slg: slug } };
}

async function importSigningKey(pem: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'pkcs8',
    pemToDer(pem),
    { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    false,
    ['sign'],
  );
}

async function signRs256(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: CryptoKey,
): Promise<string> {
  const signingInput = `${base64UrlJson(header)}.${base64UrlJson(payload)}`;
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    key,
    new TextEncoder().encode(signingInput),
  );
  return `${signingInput}.${base64Url(new Uint8Array(signature))}`;
}

function base64UrlJson(value: unknown): string {
  return base64Url(new TextEncoder().encode(JSON.stringify(value)));
}

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}
