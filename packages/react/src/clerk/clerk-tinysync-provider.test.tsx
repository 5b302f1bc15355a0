import 'fake-indexeddb/auto';
import { act, render, screen, waitFor } from '@testing-library/react';
import { appSchema } from '@tinysync/store';
import { tokenRefreshFrame } from '@tinysync/store/protocol';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createHooks } from '../create-hooks.js';
import { useStoreId } from '../use-store-id.js';
import { type ClerkAuth, ClerkTinySyncProvider } from './clerk-tinysync-provider.js';

/** A JWT's shape with these claims: the sync client reads `exp`, the server would verify. */
function unsignedJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => btoa(JSON.stringify(value)).replaceAll('=', '');
  return `${part({ alg: 'RS256' })}.${part(claims)}.signature`;
}

const clerkReactAuth = vi.hoisted(() => ({ current: undefined as unknown }));
vi.mock('@clerk/react', () => ({ useAuth: () => clerkReactAuth.current }));

const { useUsers, useCreateUser } = createHooks(appSchema);

const signedIn = (userId: string, orgId: string | null): ClerkAuth => ({
  isLoaded: true,
  userId,
  orgId,
  getToken: async () => 'token',
});

let createUser: ReturnType<typeof useCreateUser> | undefined;
function Workspace() {
  const storeId = useStoreId();
  const { users } = useUsers();
  createUser = useCreateUser();
  return (
    <p>
      {storeId}: {users?.map((user) => user.name).join(',') || 'nobody'}
    </p>
  );
}

/** What the fake `useAuth` (an app's own, as with @clerk/clerk-react) returns right now. */
const fakeAuth = { current: signedIn('user_0', null) };
const useFakeAuth = () => fakeAuth.current;

interface ExtraProps {
  readonly clearOnSignOut?: boolean;
  readonly storeId?: string;
}

function renderWithAuth(initial: ClerkAuth, initialExtra: ExtraProps = {}) {
  fakeAuth.current = initial;
  let extra = initialExtra;
  const ui = () => (
    <ClerkTinySyncProvider
      schema={appSchema}
      useAuth={useFakeAuth}
      signedOut={<p>signed out</p>}
      {...extra}
    >
      <Workspace />
    </ClerkTinySyncProvider>
  );
  const rendered = render(ui());
  return {
    /** Clerk's auth state changes (sign-in, organization switch, sign-out). */
    setAuth(auth: ClerkAuth) {
      fakeAuth.current = auth;
      rendered.rerender(ui());
    },
    /** The app opens another store. */
    setStoreId(storeId: string) {
      extra = { ...extra, storeId };
      rendered.rerender(ui());
    },
  };
}

describe('ClerkTinySyncProvider', () => {
  it('opens the active organization’s store, switches with the organization, and falls back to the user store', async () => {
    const { setAuth } = renderWithAuth(signedIn('user_1', 'org_a'));
    expect(await screen.findByText('org_a: nobody')).toBeDefined();
    act(() => createUser?.mutate({ name: 'Ada', email: 'ada@example.com' }));
    expect(createUser?.error ?? null).toBeNull();
    expect(await screen.findByText('org_a: Ada')).toBeDefined();

    setAuth(signedIn('user_1', 'org_b'));
    expect(await screen.findByText('org_b: nobody')).toBeDefined();

    setAuth(signedIn('user_1', null));
    expect(await screen.findByText('user_1: nobody')).toBeDefined();

    setAuth(signedIn('user_1', 'org_a'));
    expect(await screen.findByText('org_a: Ada')).toBeDefined(); // kept locally
  });

  it('renders signedOut when signed out, and can delete the local copy on sign-out', async () => {
    const { setAuth } = renderWithAuth(signedIn('user_2', 'org_c'), { clearOnSignOut: true });
    await screen.findByText('org_c: nobody');
    act(() => createUser?.mutate({ name: 'Bo', email: 'bo@example.com' }));
    await screen.findByText('org_c: Bo');
    await waitFor(async () =>
      expect((await indexedDB.databases()).map((db) => db.name)).toContain('tinysync:org_c'),
    );

    setAuth({ isLoaded: true, userId: null, orgId: null, getToken: async () => null });
    expect(await screen.findByText('signed out')).toBeDefined();
    await waitFor(async () =>
      expect((await indexedDB.databases()).map((db) => db.name)).not.toContain('tinysync:org_c'),
    );
  });

  it('opens the storeId it is given, and on sign-out deletes every store the user had open', async () => {
    const databases = async () => (await indexedDB.databases()).map((db) => db.name);
    const { setAuth, setStoreId } = renderWithAuth(signedIn('user_4', 'org_d'), {
      clearOnSignOut: true,
      storeId: 'project_1',
    });
    await screen.findByText('project_1: nobody');
    act(() => createUser?.mutate({ name: 'Cy', email: 'cy@example.com' }));
    await screen.findByText('project_1: Cy');
    await waitFor(async () => expect(await databases()).toContain('tinysync:project_1'));

    setStoreId('project_2');
    await screen.findByText('project_2: nobody');

    setAuth({ isLoaded: true, userId: null, orgId: null, getToken: async () => null });
    await waitFor(() => expect(screen.queryByText('project_2: nobody')).toBeNull());
    // Not only the store open at sign-out: the one opened before it too.
    await waitFor(async () => expect(await databases()).not.toContain('tinysync:project_1'));
  });

  it('asks Clerk for a fresh token (skipCache) before the one in use expires, and sends it', async () => {
    const sent: string[] = [];
    /** A sync server that accepts the socket and keeps what the client sends. */
    class AcceptingSocket extends EventTarget {
      readyState = 0;
      bufferedAmount = 0;
      binaryType = 'blob';
      constructor() {
        super();
        setTimeout(() => {
          this.readyState = 1;
          this.dispatchEvent(new Event('open'));
        });
      }
      send(frame: string) {
        sent.push(frame);
      }
      close() {
        this.readyState = 3;
      }
    }
    // Clerk's session tokens: short-lived; a fresh one only when asked with skipCache.
    const issued = Date.now();
    const clerkGetToken = vi.fn(async (options?: { skipCache?: boolean }) =>
      unsignedJwt({
        sub: 'user_5',
        iat: Math.floor(issued / 1000),
        exp: Math.floor(issued / 1000) + (options?.skipCache ? 60 : 2),
      }),
    );
    fakeAuth.current = { ...signedIn('user_5', 'org_e'), getToken: clerkGetToken };
    // No server behind the socket: the first sync's snapshot is simply not there.
    vi.stubGlobal('fetch', async () => new Response(null, { status: 404 }));
    onTestFinished(() => {
      vi.unstubAllGlobals();
    });
    render(
      <ClerkTinySyncProvider
        schema={appSchema}
        useAuth={useFakeAuth}
        persist="memory"
        url="ws://127.0.0.1:1"
        WebSocket={AcceptingSocket}
      >
        <Workspace />
      </ClerkTinySyncProvider>,
    );
    await screen.findByText('org_e: nobody');
    await waitFor(() => expect(clerkGetToken).toHaveBeenCalledWith({ skipCache: true }));
    const fresh = await clerkGetToken.mock.results.at(-1)?.value;
    await waitFor(() => expect(sent).toContain(tokenRefreshFrame(fresh)));
  });

  it('uses @clerk/react’s useAuth by default', async () => {
    clerkReactAuth.current = signedIn('user_3', 'org_default');
    render(
      <ClerkTinySyncProvider schema={appSchema} persist="memory">
        <Workspace />
      </ClerkTinySyncProvider>,
    );
    expect(await screen.findByText('org_default: nobody')).toBeDefined();
  });
});
