import {
  type AnySchema,
  DEFAULT_PERMISSIONS,
  isRoleAllowed,
  orgStoreId,
  type Role,
  type TableId,
  type TablePermissions,
  userStoreId,
} from '@tinysync/store';
import type { AuthorizeStore } from '../config/sync-worker-options.js';
import { ApiError } from '../http/api-error.js';
import { askAuthorizeStore } from './app-store-access.js';
import type { SessionClaims } from './session-claims.js';

/**
 * Store ids name their owner: `org_<id>` for an organization's shared store, `user_<id>` for a
 * person's own store. Clerk ids already carry exactly these prefixes (`org_2abc`, `user_2abc`),
 * so the store id IS the Clerk id — `org_2abc`, not `org_org_2abc`. An id without its prefix
 * (possible only in hand-made dev tokens) gets it added, so every store id still says whose it
 * is. The prefix is checked per kind: a user whose id happened to be `org_x` would own
 * `user_org_x`, never the organization's store.
 *
 * Letters, digits, `_` and `-` only: the id ends up in URLs, Durable Object names and Turso
 * rows, so no `/`, `.`, `%` or whitespace.
 */
export const STORE_ID_PATTERN = /^(?:org|user)_[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const MAX_STORE_ID_LENGTH = 128;
/**
 * What an app's own `authorizeStore` may name a store (`project_42`, `team-a`): the same safe
 * characters, any prefix.
 */
export const CUSTOM_STORE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** What a session may do with one store. */
export interface StoreAccess {
  readonly storeId: string;
  readonly userId: string;
  /** The organization role for an org store; `'owner'` for the user's own store. */
  readonly role: Role;
  /** True when the role may not write with the default table permissions (`org:viewer`). */
  readonly readOnly: boolean;
}

export { orgStoreId, userStoreId };

/** @throws ApiError `bad_request` unless `storeId` is a well-formed store id. */
export function assertValidStoreId(storeId: string, pattern = STORE_ID_PATTERN): void {
  if (storeId.length > MAX_STORE_ID_LENGTH || !pattern.test(storeId)) {
    const expected = pattern === STORE_ID_PATTERN ? 'org_<id> or user_<id>' : 'a store id';
    throw new ApiError(
      'bad_request',
      `Malformed store id: expected ${expected}, at most ${MAX_STORE_ID_LENGTH} characters of letters, digits, '_' and '-'`,
    );
  }
}

/**
 * The access a session has to `storeId`: the app's `authorizeStore` decides when it has one,
 * else the default tenancy (`resolveStoreAccess`).
 *
 * @throws ApiError `bad_request` for a malformed id, `forbidden_store` (403) when refused, and
 * what `askAuthorizeStore` throws for a hook that fails.
 */
export async function authorizeStoreAccess(
  storeId: string,
  session: SessionClaims,
  authorizeStore: AuthorizeStore | undefined,
  env: object = {},
): Promise<StoreAccess> {
  if (authorizeStore === undefined) return resolveStoreAccess(storeId, session);
  assertValidStoreId(storeId, CUSTOM_STORE_ID_PATTERN);
  const grant = await askAuthorizeStore(authorizeStore, { session, storeId, env });
  return accessAs(storeId, session.userId, grant.role, grant.readOnly);
}

/**
 * Decides whether a session may open `storeId`: its active organization's store, or its own
 * user store; nothing else.
 *
 * @throws ApiError `bad_request` for a malformed id, `forbidden_store` (403) for anyone else's.
 */
export function resolveStoreAccess(storeId: string, session: SessionClaims): StoreAccess {
  assertValidStoreId(storeId);
  if (storeId === userStoreId(session.userId)) {
    return accessAs(storeId, session.userId, 'owner');
  }
  if (session.orgId !== undefined && storeId === orgStoreId(session.orgId)) {
    // Clerk always sends the role with the organization; without one there is nothing to
    // base permissions on, so refuse rather than guess.
    if (session.orgRole === undefined) {
      throw new ApiError('forbidden_store', 'The session has no role in this organization');
    }
    return accessAs(storeId, session.userId, session.orgRole);
  }
  throw new ApiError('forbidden_store', 'This session may not open that store');
}

/**
 * Roles that administer a store: an organization's admins, and the owner of a user store. Only
 * they see what operators see, e.g. the database's raw error messages in the mirror status.
 */
export const STORE_ADMIN_ROLES: readonly Role[] = ['owner', 'org:admin'];

export function isStoreAdmin(access: Pick<StoreAccess, 'role'>): boolean {
  return STORE_ADMIN_ROLES.includes(access.role);
}

function accessAs(storeId: string, userId: string, role: Role, readOnly?: boolean): StoreAccess {
  return {
    storeId,
    userId,
    role,
    readOnly: readOnly ?? !isRoleAllowed(DEFAULT_PERMISSIONS.write, role),
  };
}

/**
 * Per-table write permission of `role` under a schema's table permissions, e.g.
 * `tableWritability(appSchema, 'org:viewer')` → `{ users: false, projects: false, tasks: false }`.
 * Store-level `readOnly` uses the defaults; a table may be stricter or looser than them.
 */
export function tableWritability<S extends AnySchema>(
  schema: S,
  role: Role,
): { readonly [T in TableId<S>]: boolean } {
  const writable = {} as Record<TableId<S>, boolean>;
  const permissions = Object.entries(schema.permissions) as [TableId<S>, TablePermissions][];
  for (const [tableId, { write }] of permissions) writable[tableId] = isRoleAllowed(write, role);
  return writable;
}

/** The tables `role` may write, in schema order: the list form of `tableWritability`. */
export function writableTableIds<S extends AnySchema>(schema: S, role: Role): TableId<S>[] {
  const writable = tableWritability(schema, role);
  return (schema.tableIds as readonly TableId<S>[]).filter((tableId) => writable[tableId]);
}
