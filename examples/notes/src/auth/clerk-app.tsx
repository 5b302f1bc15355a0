import { ClerkProvider, OrganizationSwitcher, SignIn, UserButton } from '@clerk/react';
import { ClerkTinySyncProvider } from '@tinysync/react/clerk';
import { config } from '../config';
import { NotesScreen } from '../notes/notes-screen';
import { schema } from '../schema';

/** Signed in with Clerk: the active organization's notes, else the user's own. */
export function ClerkApp({ publishableKey }: { readonly publishableKey: string }) {
  return (
    <ClerkProvider publishableKey={publishableKey}>
      <ClerkTinySyncProvider
        schema={schema}
        url={config.syncUrl}
        signedOut={<SignIn routing="hash" />}
        fallback={<p>Loading…</p>}
        clearOnSignOut
      >
        <NotesScreen
          account={
            <>
              <OrganizationSwitcher />
              <UserButton />
            </>
          }
        />
      </ClerkTinySyncProvider>
    </ClerkProvider>
  );
}
