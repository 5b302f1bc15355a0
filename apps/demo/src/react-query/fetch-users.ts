import type { ApiAccess } from './api-access.ts';

/** A user as the HTTP API returns it. */
export interface ApiUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
}

/** The legacy data layer: `GET /stores/:storeId/tables/users`, as the pre-TinySync app calls it. */
export async function fetchUsers(api: ApiAccess, storeId: string): Promise<ApiUser[]> {
  const token = await api.getToken();
  const response = await fetch(`${api.baseUrl}/stores/${storeId}/tables/users?sortBy=name`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  if (!response.ok) throw new Error(`Loading users failed (HTTP ${response.status})`);
  return ((await response.json()) as { rows: ApiUser[] }).rows;
}
