import { MIN_TOKEN_REFRESH_INTERVAL_MS } from '../protocol/wire-protocol.js';

/** The times a session token states about itself (ms since epoch), read without verifying. */
export interface TokenTimes {
  readonly expiresAt: number;
  readonly issuedAt?: number;
}

/**
 * How long before a token expires its refresh is sent, at most: Clerk's 60 s tokens are
 * refreshed 15 s before they expire, which leaves time for a slow `getToken` and a retry.
 */
export const MAX_REFRESH_LEAD_MS = 15_000;

/**
 * `exp` (and `iat`) of a JWT, decoded without any check: the client only schedules with them,
 * the server verifies. Undefined for anything that is not a JWT with a numeric `exp` (opaque
 * tokens, tokens that never expire): such a token is never refreshed in band.
 */
export function tokenTimes(token: string | null | undefined): TokenTimes | undefined {
  const payload = token?.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const claims = JSON.parse(decodeBase64Url(payload)) as { exp?: unknown; iat?: unknown };
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return undefined;
    const issuedAt = typeof claims.iat === 'number' ? { issuedAt: claims.iat * 1000 } : {};
    return { expiresAt: claims.exp * 1000, ...issuedAt };
  } catch {
    return undefined;
  }
}

/**
 * How long from `now` to wait before refreshing a token just received: a third of its
 * remaining life before it expires, at most `MAX_REFRESH_LEAD_MS` (a 60 s token: after 45 s;
 * a 6 s one: after 4 s).
 *
 * The remaining life is read on this device's clock. When that clock disagrees with the
 * issuer's so much that the token seems expired, or to outlive its own lifetime (`exp - iat`),
 * the lifetime is used instead: a fresh token's remaining life is its lifetime, whatever the
 * clocks say. Never less than `MIN_TOKEN_REFRESH_INTERVAL_MS`, the server's pace.
 */
export function refreshDelayMs(times: TokenTimes, now: number): number {
  const lifetime =
    times.issuedAt === undefined ? undefined : Math.max(0, times.expiresAt - times.issuedAt);
  let remaining = times.expiresAt - now;
  if (lifetime !== undefined && (remaining <= 0 || remaining > lifetime)) remaining = lifetime;
  const lead = Math.min(MAX_REFRESH_LEAD_MS, remaining / 3);
  return Math.max(MIN_TOKEN_REFRESH_INTERVAL_MS, remaining - lead);
}

function decodeBase64Url(part: string): string {
  const base64 = part.replaceAll('-', '+').replaceAll('_', '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}
