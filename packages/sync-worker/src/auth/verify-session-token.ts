import { verifyToken } from '@clerk/backend';
import { TokenVerificationErrorReason } from '@clerk/backend/errors';
import type { Env } from '../env.js';
import { ApiError } from '../http/api-error.js';
import { listFromEnv } from '../http/middleware.js';

/** Clerk's own default; tolerates small clock differences between Clerk and Cloudflare. */
export const DEFAULT_CLOCK_SKEW_MS = 5_000;

/** The claims of a token whose signature and time window have been checked. */
export type VerifiedPayload = Awaited<ReturnType<typeof verifyToken>>;

export type VerificationEnv = Pick<Env, 'CLERK_JWT_KEY' | 'CLERK_AUTHORIZED_PARTIES'>;

export interface VerifyOptions {
  readonly clockSkewInMs?: number;
}

/**
 * Verifies a Clerk session token offline, as production does: the RS256 signature against the
 * PEM public key in `CLERK_JWT_KEY` (no call to Clerk), `exp`/`nbf`/`iat` with a clock skew,
 * and `azp` against `CLERK_AUTHORIZED_PARTIES` (empty list: not checked, which
 * `assertAuthConfigured` allows on loopback only).
 *
 * @throws ApiError `token_missing`, `token_expired`, `token_not_yet_valid`, `token_invalid`
 * (401), or `misconfigured` (500) when the worker has no key to verify with.
 */
export async function verifySessionToken(
  token: string | undefined,
  env: VerificationEnv,
  options: VerifyOptions = {},
): Promise<VerifiedPayload> {
  const jwtKey = normalisePem(env.CLERK_JWT_KEY);
  if (!jwtKey) {
    throw new ApiError('misconfigured', 'CLERK_JWT_KEY is not set; no session can be verified');
  }
  if (!token) throw new ApiError('token_missing', 'A session token is required');

  try {
    return await verifyToken(token, {
      jwtKey,
      authorizedParties: listFromEnv(env.CLERK_AUTHORIZED_PARTIES),
      clockSkewInMs: options.clockSkewInMs ?? DEFAULT_CLOCK_SKEW_MS,
    });
  } catch (error) {
    throw apiErrorFor(error);
  }
}

/**
 * Clerk reports every failure as a `TokenVerificationError` with a `reason` (see
 * `TokenVerificationErrorReason` in @clerk/backend). Only the time-window reasons get their own
 * codes, because a client can fix those by fetching a fresh token or its clock; every other
 * reason (bad signature, malformed token, `alg` other than RS256/384/512 — which rules out
 * `none` and HS256 key confusion —, wrong `azp`, missing `sub`/`exp`) is `token_invalid`.
 * Clerk's reason goes along in `details.reason`: it names no secret and saves a lot of guessing.
 */
function apiErrorFor(error: unknown): ApiError {
  const reason = reasonOf(error);
  const details = reason === undefined ? undefined : { reason };
  switch (reason) {
    case TokenVerificationErrorReason.TokenExpired:
      return new ApiError('token_expired', 'The session token has expired', details);
    case TokenVerificationErrorReason.TokenNotActiveYet:
    case TokenVerificationErrorReason.TokenIatInTheFuture:
      return new ApiError('token_not_yet_valid', 'The session token is not valid yet', details);
    // Only reachable without a key, which verifySessionToken rules out; kept so that a future
    // change there cannot turn a server fault into a client's 401.
    case TokenVerificationErrorReason.LocalJWKMissing:
    case TokenVerificationErrorReason.JWKFailedToResolve:
      return new ApiError('misconfigured', 'No key to verify session tokens with', details);
    default:
      return new ApiError('token_invalid', 'The session token is invalid', details);
  }
}

function reasonOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('reason' in error)) return undefined;
  return typeof error.reason === 'string' ? error.reason : undefined;
}

/**
 * Secrets pasted into a dashboard or `.dev.vars` often keep their newlines as a literal `\n`;
 * Clerk's PEM loader strips only real line breaks, so such a key would reject every token.
 */
function normalisePem(pem: string | undefined): string | undefined {
  return pem?.replaceAll('\\n', '\n').trim();
}
