import type { AnySchema, Role } from '@tinysync/store';
import type { SessionClaims } from '../auth/session-claims.js';
import { checkChosenLimits, type TunableSyncLimits } from '../sync/sync-limits.js';

/** What a session may do with a store: its role there, and whether it may write at all. */
export interface StoreGrant {
  readonly role: Role;
  /**
   * True to make the connection read-only whatever the table permissions say. Defaults to
   * whether `role` is outside the schema's default write permission (`org:viewer` is).
   */
  readonly readOnly?: boolean;
}

/** What `authorizeStore` is asked about: a verified session and the store id it requested. */
export interface StoreAccessRequest {
  readonly session: SessionClaims;
  readonly storeId: string;
  /** The Worker's bindings and variables, e.g. a D1 or KV binding that holds memberships. */
  readonly env: Readonly<Record<string, unknown>>;
}

/**
 * Decides whether a verified session may open a store, replacing the default tenancy (an
 * organization's `org_<id>` store and the user's own `user_<id>` store). Answer a grant, or
 * `undefined` to refuse (403 `forbidden_store`). It runs for every connection and HTTP call,
 * after the token was verified and the store id checked for well-formedness.
 *
 * Any other answer fails closed: a grant without a string `role` (letters, digits, `:`, `_`,
 * `-`; at most 64) is 500 `misconfigured`, and a hook that throws is 503
 * `authorization_unavailable` (the error is logged, the client retries later).
 */
export type AuthorizeStore = (
  request: StoreAccessRequest,
) => StoreGrant | undefined | Promise<StoreGrant | undefined>;

/** Options of `createSyncWorker`; everything else (keys, origins, Turso) comes from env. */
export interface SyncWorkerOptions<S extends AnySchema = AnySchema> {
  /** The app's schema: the same `defineSchema` result its client imports. */
  readonly schema: S;
  /** Name of the Durable Object binding in the wrangler config. Default `STORES`. */
  readonly binding?: string;
  /** Replaces the default org/user tenancy; see `AuthorizeStore`. */
  readonly authorizeStore?: AuthorizeStore;
  /**
   * Limits on what one client may send (sizes, rates, connections). Environment variables
   * (`TINYSYNC_MAX_FRAME_BYTES`, …) still override these, so operators can tune without a deploy.
   */
  readonly limits?: Partial<TunableSyncLimits>;
}

/** The options with their defaults filled in, as the Worker and the Durable Object read them. */
export interface SyncWorkerConfig {
  readonly schema: AnySchema;
  readonly binding: string;
  readonly authorizeStore: AuthorizeStore | undefined;
  readonly limits: Partial<TunableSyncLimits>;
}

export const DEFAULT_BINDING = 'STORES';

const BINDING_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** @throws TypeError at start-up for options no Worker could run with. */
export function resolveSyncWorkerOptions(options: SyncWorkerOptions): SyncWorkerConfig {
  const schema = options?.schema as AnySchema | undefined;
  if (schema === undefined || !Array.isArray(schema.tableIds)) {
    throw new TypeError('createSyncWorker needs { schema }: the result of defineSchema()');
  }
  const binding = options.binding ?? DEFAULT_BINDING;
  if (!BINDING_NAME.test(binding)) {
    throw new TypeError(`createSyncWorker: '${binding}' is not a valid binding name`);
  }
  if (options.authorizeStore !== undefined && typeof options.authorizeStore !== 'function') {
    throw new TypeError('createSyncWorker: authorizeStore must be a function');
  }
  return {
    schema,
    binding,
    authorizeStore: options.authorizeStore,
    limits: checkChosenLimits(options.limits ?? {}),
  };
}
