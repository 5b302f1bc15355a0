/** The people the dev sign-in picker offers: two organizations, one viewer among them. */
export interface DevAccount {
  readonly userId: string;
  readonly name: string;
  readonly orgId: string;
  readonly orgName: string;
  readonly role: 'org:admin' | 'org:member' | 'org:viewer';
}

export const DEV_ACCOUNTS: readonly DevAccount[] = [
  {
    userId: 'user_ada',
    name: 'Ada Lovelace',
    orgId: 'org_acme',
    orgName: 'Acme',
    role: 'org:admin',
  },
  {
    userId: 'user_grace',
    name: 'Grace Hopper',
    orgId: 'org_acme',
    orgName: 'Acme',
    role: 'org:member',
  },
  {
    userId: 'user_katherine',
    name: 'Katherine Johnson',
    orgId: 'org_acme',
    orgName: 'Acme',
    role: 'org:viewer',
  },
  {
    userId: 'user_hedy',
    name: 'Hedy Lamarr',
    orgId: 'org_globex',
    orgName: 'Globex',
    role: 'org:admin',
  },
];

/** `org:viewer` → `viewer`, as people say it. */
export function roleName(account: DevAccount): string {
  return account.role.slice('org:'.length);
}
