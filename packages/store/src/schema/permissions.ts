/**
 * Roles come from the auth token: Clerk organization roles (`org:admin`, `org:member`,
 * `org:viewer`, or a custom `org:*` role). A personal store (`user_<id>`) has no organization,
 * so its owner is passed as the `owner` role and may do everything.
 */
export type Role = 'owner' | 'org:admin' | 'org:member' | 'org:viewer' | (string & {});

/** Who may read and who may write a table: a list of roles, or `'*'` for every role. */
export interface TablePermissions {
  readonly read: readonly Role[] | '*';
  readonly write: readonly Role[] | '*';
}

/** Everyone may read; viewers may not write. */
export const DEFAULT_PERMISSIONS: TablePermissions = {
  read: '*',
  write: ['owner', 'org:admin', 'org:member'],
};

export function isRoleAllowed(allowed: TablePermissions['read'], role: Role): boolean {
  return allowed === '*' || allowed.includes(role);
}
