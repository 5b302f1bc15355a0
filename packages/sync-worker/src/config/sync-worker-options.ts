import type { AnySchema, Role } from '@tinysync/store';
import type { SessionClaims } from '../auth/session-claims.js';
import type { SyncLimits } from '../sync/sync-limits.js';

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
}

/**
 * Decides whether a verified session may open a store, replacing the default tenancy (an
 * organization's `org_<id>` store and the user's own `user_<id>` store). Answer a grant, or
 * `undefined` to refuse (403 `forbidden_store`). It runs for every connection and HTTP call,
 * after the token was verified and the store id checked for well-formedness.
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
  readonly limits?: Partial<SyncLimits>;
}

/** The options with their defaults filled in, as the Worker and the Durable Object read them. */
export interface SyncWorkerConfig {
  readonly schema: AnySchema;
  readonly binding: string;
  readonly authorizeStore: AuthorizeStore | undefined;
  readonly limits: Partial<SyncLimits>;
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
  return {
    schema,
    binding,
    authorizeStore: options.authorizeStore,
    limits: options.limits ?? {},
  };
}
