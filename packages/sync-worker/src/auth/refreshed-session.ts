import type { SyncWorkerConfig } from '../config/sync-worker-options.js';
import { ApiError } from '../http/api-error.js';
import { type ConnectionInfo, connectionInfoFrom } from '../sync/connection-info.js';
import { sessionClaimsFrom } from './session-claims.js';
import { authorizeStoreAccess } from './store-access.js';
import { type VerificationEnv, verifySessionToken } from './verify-session-token.js';

/** What a fresh session token decides about a connection: everything but its transport. */
export type RefreshedSession = Omit<ConnectionInfo, 'protocol'>;

export interface RefreshContext {
  /** The store the connection is open on: the Durable Object's. */
  readonly storeId: string;
  /** The Worker's bindings and variables, which a Durable Object shares. */
  readonly env: VerificationEnv & object;
  readonly config: Pick<SyncWorkerConfig, 'schema' | 'authorizeStore'>;
}

/**
 * What an open connection becomes with a fresh session token its client sent over it. The token
 * gets the checks the upgrade's got in the Worker — signature, `exp`/`nbf`, `azp`, `sid`, `sts`
 * (`verifySessionToken`, `sessionClaimsFrom`) — it must be the same user's, and that user must
 * still be allowed the store now, by the default tenancy (the token's organization) or the
 * app's `authorizeStore`. The role it carries now is the connection's: a viewer's token makes it
 * read-only, a member's writable again.
 *
 * The Worker's configuration checks (`assertAuthConfigured`) are not repeated: they read the
 * upgrade request's host, which the Durable Object never sees, and passed for this connection
 * with the same env.
 *
 * @throws ApiError as an upgrade would be refused: 401 `token_*`; 400 `bad_request` or 403
 * `forbidden_store` for a store the session may not open (403 also for another user's token);
 * 500/503 when the worker cannot decide.
 */
export async function refreshedSession(
  token: string,
  userId: string,
  { storeId, env, config }: RefreshContext,
): Promise<RefreshedSession> {
  const session = sessionClaimsFrom(await verifySessionToken(token, env));
  if (session.userId !== userId) {
    throw new ApiError('forbidden_store', "A connection's token may only be refreshed by its user");
  }
  const access = await authorizeStoreAccess(storeId, session, config.authorizeStore, env);
  return connectionInfoFrom(config.schema, access, session);
}
