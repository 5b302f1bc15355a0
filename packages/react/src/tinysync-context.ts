import type { AnySchema, SyncClient, TinySyncStore } from '@tinysync/store';
import { createContext, useContext } from 'react';

/** What the provider shares: the loaded store, and its sync client when a server is set. */
export interface TinySyncSession {
  readonly storeId: string;
  readonly app: TinySyncStore<AnySchema>;
  readonly client: SyncClient | undefined;
}

export const TinySyncContext = createContext<TinySyncSession | null>(null);

/** The provider's session; a clear error when a hook is used outside `<TinySyncProvider>`. */
export function useTinySyncSession(hookName: string): TinySyncSession {
  const session = useContext(TinySyncContext);
  if (session === null) {
    throw new Error(`${hookName} must be used inside <TinySyncProvider>`);
  }
  return session;
}
