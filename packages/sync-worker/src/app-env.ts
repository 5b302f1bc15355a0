import type { SessionClaims } from './auth/session-claims.js';
import type { StoreAccess } from './auth/store-access.js';
import type { SyncWorkerConfig } from './config/sync-worker-options.js';
import type { Env } from './env.js';

/** What every request has on its context, set by the app-wide middleware. */
export interface AppVariables {
  requestId: string;
  /** What `createSyncWorker` was given: the app's schema, tenancy and binding. */
  config: SyncWorkerConfig;
}

/** What `authenticate` adds for a `/…/:storeId` route once the session may open the store. */
export interface AuthVariables {
  session: SessionClaims;
  storeAccess: StoreAccess;
  /**
   * The WebSocket subprotocol to echo in the 101 response (`tinysync`), when the client
   * offered one; see `readSessionToken`.
   */
  webSocketProtocol: string | undefined;
}

/** Hono's typing of the Worker: bindings plus what middleware puts on the context. */
export interface AppEnv {
  Bindings: Env;
  Variables: AppVariables;
}

/**
 * The environment of a handler behind `authenticate`. Kept apart from `AppEnv` so that a route
 * without it cannot read `c.var.session` and get `undefined` typed as a session.
 */
export interface AuthenticatedAppEnv {
  Bindings: Env;
  Variables: AppVariables & AuthVariables;
}
