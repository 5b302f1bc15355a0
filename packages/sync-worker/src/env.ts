import type { SyncLimitVariables } from './sync/sync-limits.js';
import type { MirrorVariables } from './turso/mirror-settings.js';

/** The Worker's bindings and configuration (wrangler.jsonc `vars`, secrets). */
/**
 * Besides these, the TINYSYNC_* limit variables of `SyncLimitVariables` (sync/sync-limits.ts)
 * and the Turso settings of `MirrorVariables` (turso/mirror-settings.ts).
 */
export interface Env extends SyncLimitVariables, MirrorVariables {
  // The Durable Object binding (`STORES` unless `createSyncWorker` names another) is read by
  // name: see `storesNamespace`.
  /** PEM public key of the Clerk instance; tokens are verified with it, offline. */
  readonly CLERK_JWT_KEY?: string;
  /**
   * Comma-separated origins allowed as a token's `azp`. Required outside local development
   * (authenticated routes answer 500 `misconfigured` without it); on loopback, empty accepts any.
   */
  readonly CLERK_AUTHORIZED_PARTIES?: string;
  /** Comma-separated origins allowed by CORS; empty allows none cross-origin. */
  readonly CORS_ORIGINS?: string;
  /**
   * Set only by the dev configuration: enables POST /dev/token. Served on loopback only: a
   * request from anywhere else to a worker with any dev setting answers 500 `misconfigured`.
   */
  readonly TINYSYNC_DEV_AUTH?: string;
  /** Dev configuration only: the committed dev private key that POST /dev/token signs with. */
  readonly TINYSYNC_DEV_SIGNING_KEY?: string;
}
