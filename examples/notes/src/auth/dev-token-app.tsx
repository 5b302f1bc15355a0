import { TinySyncProvider } from '@tinysync/react';
import { config } from '../config';
import { NotesScreen } from '../notes/notes-screen';
import { schema } from '../schema';
import { readDevSession } from './dev-session';

/**
 * DEV ONLY: without Clerk, the page takes a session token from its URL fragment
 * (`npm run token` prints such a URL, signed with a key only your local worker trusts).
 */
export function DevTokenApp() {
  const session = readDevSession(window.location.hash);
  if (session === null) {
    return (
      <main className="notes-signed-out">
        <h1>Notes</h1>
        <p>
          Development mode: open this page with <code>#token=&lt;session token&gt;</code> (
          <code>npm run token</code> prints the link), or set{' '}
          <code>VITE_CLERK_PUBLISHABLE_KEY</code> to sign in with Clerk.
        </p>
      </main>
    );
  }
  return (
    <TinySyncProvider
      schema={schema}
      storeId={session.storeId}
      url={config.syncUrl}
      getToken={() => session.token}
      fallback={<p>Loading…</p>}
    >
      <NotesScreen account={<span className="notes-dev-tag">dev token</span>} />
    </TinySyncProvider>
  );
}
