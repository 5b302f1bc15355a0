import { useContext } from 'react';
import { useUsers } from '../app-hooks.ts';
import { useLegacyUsers } from './use-legacy-users.ts';
import { UsersOnTinySync } from './users-on-tinysync.ts';

const byName = { sortBy: 'name' } as const;

/**
 * What the users screen calls: the flag picks the implementation. Both hooks always run (rules
 * of hooks); the inactive one is disabled, so it neither fetches nor subscribes. Both return
 * React Query's shape, so the screen does not care which one answered.
 */
export function useUsersScreenData() {
  const onTinySync = useContext(UsersOnTinySync);
  const legacy = useLegacyUsers(!onTinySync);
  const tinysync = useUsers(undefined, { ...byName, enabled: onTinySync });
  return {
    source: onTinySync ? ('tinysync' as const) : ('react-query' as const),
    ...(onTinySync ? tinysync : legacy),
  };
}
