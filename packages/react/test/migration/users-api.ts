/** The legacy data layer: the worker's HTTP API, as an existing React Query app calls it. */
export interface ApiUser {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
}

export async function fetchUsers(
  baseUrl: string,
  storeId: string,
  token: string,
): Promise<ApiUser[]> {
  const response = await fetch(`${baseUrl}/stores/${storeId}/tables/users?sortBy=name`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  if (!response.ok) throw new Error(`GET users failed: ${response.status}`);
  return ((await response.json()) as { rows: ApiUser[] }).rows;
}
