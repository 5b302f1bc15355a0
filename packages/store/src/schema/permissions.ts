/**
 * Roles come from the auth token: Clerk organization roles (`org:admin`, `org:member`,
 * `org:viewer`, or a custom `org:*` role). A personal store (`user_<id>`) has no organization,
 * so its owner is passed as the `owner` role and may do everything.
 */
export type Role = 'owner' | 'org:admin' | 'org:member' | 'org:viewer' | (string & {});

/**
 * Who may write a table: a list of roles, or `'*'` for every role.
 *
 * There is no `read`: a store is the read boundary. Every session the app's store access lets
 * into a store receives all of it (over sync, `/snapshot`, `/export` and the table routes), since
 * TinyBase syncs whole stores by their hashes. Data only some may see goes in a store of its own:
 * a user's personal store, or a store per project (see the sync worker's `authorizeStore`).
 */
export interface TablePermissions {
  readonly write: readonly Role[] | '*';
}

/** Viewers may not write. */
export const DEFAULT_PERMISSIONS: TablePermissions = {
  write: ['owner', 'org:admin', 'org:member'],
};

export function isRoleAllowed(allowed: TablePermissions['write'], role: Role): boolean {
  return allowed === '*' || allowed.includes(role);
}
