import { createContext, useContext } from 'react';

/** How legacy screens reach the worker's HTTP API, as an app's config would provide it. */
export interface ApiAccess {
  readonly baseUrl: string;
  readonly getToken: () => Promise<string | null>;
}

export const ApiAccessContext = createContext<ApiAccess | null>(null);

export function useApiAccess(): ApiAccess {
  const access = useContext(ApiAccessContext);
  if (access === null) throw new Error('useApiAccess needs an <ApiAccessContext.Provider>');
  return access;
}
