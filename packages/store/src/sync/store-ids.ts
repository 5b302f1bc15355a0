/**
 * Store ids are the Clerk ids themselves: `org_2abc` for an organization's shared store,
 * `user_2abc` for a user's personal one. An id without its prefix gets it, checked per kind, so a
 * user id that happens to start with `org_` still names a user store. Client and server share
 * these, so both always agree on which store a session opens.
 */
export function orgStoreId(orgId: string): string {
  return orgId.startsWith('org_') ? orgId : `org_${orgId}`;
}

export function userStoreId(userId: string): string {
  return userId.startsWith('user_') ? userId : `user_${userId}`;
}
