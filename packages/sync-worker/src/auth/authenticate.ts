import type { MiddlewareHandler } from 'hono';
import type { AuthenticatedAppEnv } from '../app-env.js';
import type { AuthorizeStore } from '../config/sync-worker-options.js';
import { takeUserRequest } from '../http/rate-limit-per-user.js';
import { type AuthConfigurationEnv, assertAuthConfigured } from './configuration-guard.js';
import { readSessionToken } from './read-session-token.js';
import { type SessionClaims, sessionClaimsFrom } from './session-claims.js';
import { authorizeStoreAccess, type StoreAccess } from './store-access.js';
import { type VerifyOptions, verifySessionToken } from './verify-session-token.js';

export interface AuthenticatedStore {
  readonly session: SessionClaims;
  readonly storeAccess: StoreAccess;
  /** Subprotocol to echo when upgrading to a WebSocket (see `readSessionToken`). */
  readonly webSocketProtocol?: string;
}

/**
 * Authenticates a request for one store. A worker configured unsafely for where it runs answers
 * every request 500 before looking at the token (see `assertAuthConfigured`). The token is
 * checked before the store id, so a caller without a valid session learns nothing about store
 * ids (401 first, then 400/403).
 *
 * @throws ApiError 401 (`token_*`), 429 `rate_limited`, 400 `bad_request`, 403 `forbidden_store`,
 * 500 `misconfigured`.
 */
export async function authenticateStoreRequest(
  request: Request,
  storeId: string,
  env: AuthConfigurationEnv,
  options: VerifyOptions & { readonly authorizeStore?: AuthorizeStore | undefined } = {},
): Promise<AuthenticatedStore> {
  await assertAuthConfigured(request, env);
  const found = readSessionToken(request);
  const payload = await verifySessionToken(found?.token, env, options);
  const session = sessionClaimsFrom(payload);
  takeUserRequest(session.userId);
  const storeAccess = await authorizeStoreAccess(storeId, session, options.authorizeStore, env);
  return {
    session,
    storeAccess,
    ...(found?.protocol === undefined ? {} : { webSocketProtocol: found.protocol }),
  };
}

/**
 * Hono middleware for routes with a `:storeId` parameter (`/sync/:storeId`,
 * `/stores/:storeId/…`): sets `c.var.session`, `c.var.storeAccess` and
 * `c.var.webSocketProtocol`, or throws the ApiError that the app turns into a JSON response.
 */
export const authenticate: MiddlewareHandler<AuthenticatedAppEnv> = async (c, next) => {
  const storeId = c.req.param('storeId');
  // A programming error, not a client's: the middleware was mounted on the wrong route.
  if (storeId === undefined) throw new Error('authenticate needs a route with a :storeId');
  const { session, storeAccess, webSocketProtocol } = await authenticateStoreRequest(
    c.req.raw,
    storeId,
    c.env,
    { authorizeStore: c.var.config.authorizeStore },
  );
  c.set('session', session);
  c.set('storeAccess', storeAccess);
  c.set('webSocketProtocol', webSocketProtocol);
  await next();
};
