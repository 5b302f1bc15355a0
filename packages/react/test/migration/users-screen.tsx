import { useQuery } from '@tanstack/react-query';
import { appSchema } from '@tinysync/store';
import { createContext, useContext } from 'react';
import { createHooks } from '../../src/create-hooks.ts';
import { type ApiUser, fetchUsers } from './users-api.ts';

const { useUsers } = createHooks(appSchema);

/** Where the legacy hook finds the API, as an app's config would provide it. */
export const ApiContext = createContext<{
  baseUrl: string;
  storeId: string;
  getToken: () => Promise<string>;
} | null>(null);

/** The feature flag that moves the users screen to TinySync. */
export const UseTinySyncForUsers = createContext(false);

/** Before: React Query against the HTTP API. */
export function useLegacyUsers(enabled: boolean) {
  const api = useContext(ApiContext);
  return useQuery({
    queryKey: ['users', api?.storeId],
    queryFn: async () => (api ? fetchUsers(api.baseUrl, api.storeId, await api.getToken()) : []),
    enabled: enabled && api !== null,
  });
}

/** After: the generated TinySync hook, same `data` / `isLoading` / `error` shape. */
export function useTinySyncUsers(enabled: boolean) {
  return useUsers(undefined, { sortBy: 'name', enabled });
}

/**
 * The adapter the screen calls: the flag picks the implementation. Both hooks are always called
 * (rules of hooks); the inactive one is disabled, so it neither fetches nor subscribes.
 */
export function useUsersScreenData() {
  const useTinySync = useContext(UseTinySyncForUsers);
  const legacy = useLegacyUsers(!useTinySync);
  const tinysync = useTinySyncUsers(useTinySync);
  return useTinySync ? tinysync : legacy;
}

/** The screen itself: its code does not change when the flag flips. */
export function UsersScreen({ testId }: { testId: string }) {
  const { data, isLoading, error } = useUsersScreenData();
  if (isLoading) return <p data-testid={testId}>loading</p>;
  if (error) return <p data-testid={testId}>error: {error.message}</p>;
  return (
    <p data-testid={testId}>
      {(data as ApiUser[] | undefined)?.map((user) => user.name).join(',')}
    </p>
  );
}
