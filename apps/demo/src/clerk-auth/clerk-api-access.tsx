import { useAuth } from '@clerk/react';
import type { ReactNode } from 'react';
import { demoConfig } from '../config/demo-config.ts';
import { ApiAccessContext } from '../react-query/api-access.ts';

/** Gives the React Query screen Clerk's session token for the worker's HTTP API. */
export function ClerkApiAccess({ children }: { readonly children: ReactNode }) {
  const { getToken } = useAuth();
  return (
    <ApiAccessContext.Provider
      value={{ baseUrl: demoConfig.workerUrl, getToken: () => getToken() }}
    >
      {children}
    </ApiAccessContext.Provider>
  );
}
