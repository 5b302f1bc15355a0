import type { AppSchema, Row } from '@tinysync/store';

export type UserRole = Row<AppSchema, 'users'>['role'];

/** What the user form and the table's inline editor hold while a user is being edited. */
export interface UserDraft {
  readonly name: string;
  readonly email: string;
  readonly role: UserRole;
}

export type UserField = keyof UserDraft;

export const USER_FIELDS: readonly UserField[] = ['name', 'email', 'role'];

export const USER_ROLES: readonly UserRole[] = ['admin', 'member', 'viewer'];

export const EMPTY_USER_DRAFT: UserDraft = { name: '', email: '', role: 'member' };

export const USER_FIELD_LABELS: Record<UserField, string> = {
  name: 'Name',
  email: 'Email',
  role: 'Role',
};

export function draftOf(user: UserDraft): UserDraft {
  return { name: user.name, email: user.email, role: user.role };
}
