import { createHooks, TinySyncProvider, useSyncStatus, useUndo } from '@tinysync/react';
import { appSchema } from '@tinysync/store';

// Generate typed hooks once, from the schema.
export const { useUsers, useCreateUser } = createHooks(appSchema);

export function App({ getToken }: { getToken?: () => Promise<string | null> }) {
  return (
    <TinySyncProvider
      schema={appSchema}
      storeId="org_1"
      // url="wss://sync.example.com" syncs through the worker; leave it out to stay local.
      {...(getToken ? { getToken } : {})}
      persist="memory" // the default, 'indexeddb', keeps data across reloads
      fallback={<p>Loading…</p>}
    >
      <Team />
    </TinySyncProvider>
  );
}

function Team() {
  // React Query's shape: data, isLoading, error… plus the short form `users`.
  const { users, isLoading } = useUsers(undefined, { sortBy: 'name' });
  const createUser = useCreateUser();
  const { status } = useSyncStatus();
  const { undo, canUndo } = useUndo();
  if (isLoading) return null;
  return (
    <section>
      <p>Sync: {status}</p>
      <ul>
        {users?.map((user) => (
          <li key={user.id}>{user.name}</li>
        ))}
      </ul>
      <button
        type="button"
        onClick={() => createUser.mutate({ name: 'Ada', email: 'ada@example.com' })}
      >
        Add Ada
      </button>
      {createUser.error && <p role="alert">{createUser.error.message}</p>}
      <button type="button" disabled={!canUndo} onClick={undo}>
        Undo
      </button>
    </section>
  );
}
