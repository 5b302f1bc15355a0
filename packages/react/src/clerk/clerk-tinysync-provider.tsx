import { useAuth as useClerkReactAuth } from '@clerk/react';
import { type AnySchema, orgStoreId, userStoreId } from '@tinysync/store';
import { type ReactNode, useCallback, useEffect, useRef } from 'react';
import { deleteLocalData } from '../local-data.js';
import { TinySyncProvider, type TinySyncProviderProps } from '../tinysync-provider.js';

/**
 * The part of Clerk's `useAuth()` TinySync reads. `@clerk/react` and the deprecated
 * `@clerk/clerk-react` both return it.
 */
export interface ClerkAuth {
  readonly isLoaded: boolean;
  readonly userId: string | null | undefined;
  readonly orgId: string | null | undefined;
  /** With `{ skipCache: true }` Clerk issues a fresh token instead of answering its cached one. */
  readonly getToken: (options?: { skipCache?: boolean }) => Promise<string | null>;
}

export interface ClerkTinySyncProviderProps<S extends AnySchema>
  extends Omit<TinySyncProviderProps<S>, 'storeId' | 'getToken'> {
  /**
   * Clerk's `useAuth` hook. Defaults to `@clerk/react`'s; apps still on `@clerk/clerk-react`
   * pass theirs: `useAuth={useAuth}` with `import { useAuth } from '@clerk/clerk-react'`.
   */
  readonly useAuth?: () => ClerkAuth;
  /** Rendered while signed out (and while Clerk loads, unless `fallback` is given). */
  readonly signedOut?: ReactNode;
  /** On sign-out, delete the local copies of every store the user had open. */
  readonly clearOnSignOut?: boolean;
  /**
   * The store to open while signed in. Defaults to the active organization's (`org_<orgId>`),
   * else the user's own (`user_<userId>`). Pass another id (e.g. `project_42`) when the app's
   * worker grants such stores with its `authorizeStore`.
   */
  readonly storeId?: string;
}

/**
 * `<TinySyncProvider>` for apps inside `<ClerkProvider>`: opens the active organization's store
 * (`org_<orgId>`), else the user's own (`user_<userId>`), or the `storeId` given, with Clerk's
 * `getToken`, and switches stores when the organization (or `storeId`) changes. Before Clerk's
 * short-lived token (60 s) expires, a fresh one (`skipCache`) goes over the open socket, so the
 * connection stays up.
 */
export function ClerkTinySyncProvider<S extends AnySchema>({
  useAuth = useClerkReactAuth as () => ClerkAuth,
  signedOut = null,
  clearOnSignOut = false,
  storeId: chosenStoreId,
  ...providerProps
}: ClerkTinySyncProviderProps<S>) {
  const auth = useAuth();
  const storeId = !auth.userId
    ? null
    : (chosenStoreId ?? (auth.orgId ? orgStoreId(auth.orgId) : userStoreId(auth.userId)));
  useClearLocalDataOnSignOut(auth.isLoaded ? storeId : undefined, clearOnSignOut);
  const authRef = useRef(auth);
  authRef.current = auth;
  // A refresh before the token in use expires must get a new one: Clerk's cached token
  // would expire at the same moment.
  const getToken = useCallback(
    (request?: { readonly skipCache?: boolean }) =>
      authRef.current.getToken(request?.skipCache ? { skipCache: true } : undefined),
    [],
  );

  if (!auth.isLoaded) return providerProps.fallback ?? signedOut;
  if (storeId === null) return signedOut;
  // A new key per store: switching organizations closes one store and opens the other.
  return (
    <TinySyncProvider key={storeId} {...providerProps} storeId={storeId} getToken={getToken} />
  );
}

/** `storeId` undefined means "not known yet" (Clerk loading); null means signed out. */
function useClearLocalDataOnSignOut(storeId: string | null | undefined, enabled: boolean) {
  const openedStoreIds = useRef(new Set<string>());
  useEffect(() => {
    if (storeId === undefined) return;
    if (storeId !== null) {
      openedStoreIds.current.add(storeId);
      return;
    }
    const signedOutOf = [...openedStoreIds.current];
    openedStoreIds.current.clear();
    if (!enabled) return;
    for (const id of signedOutOf) {
      deleteLocalData(id).catch((error: unknown) =>
        console.warn(`TinySync: could not delete the local copy of ${id}`, error),
      );
    }
  }, [storeId, enabled]);
}
