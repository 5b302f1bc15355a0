import { useQuery } from '@tanstack/react-query';
import { useStoreId } from '@tinysync/react';
import { useApiAccess } from './api-access.ts';
import { fetchUsers } from './fetch-users.ts';

/** Before the migration: React Query over the HTTP API. */
export function useLegacyUsers(enabled: boolean) {
  const api = useApiAccess();
  const storeId = useStoreId();
  return useQuery({
    queryKey: ['users', storeId],
    queryFn: () => fetchUsers(api, storeId),
    enabled,
  });
}
