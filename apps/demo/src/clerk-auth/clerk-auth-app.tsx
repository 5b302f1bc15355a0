import { ClerkProvider, OrganizationSwitcher, SignIn, UserButton } from '@clerk/react';
import { ClerkTinySyncProvider } from '@tinysync/react/clerk';
import { demoConfig } from '../config/demo-config.ts';
import { schema } from '../schema.ts';
import { LoadingScreen } from '../workspace/loading-screen.tsx';
import { Workspace } from '../workspace/workspace.tsx';
import { ClerkApiAccess } from './clerk-api-access.tsx';

/**
 * The demo with real Clerk: sign in, pick an organization, and its workspace opens. The worker
 * must trust the same Clerk instance (`CLERK_JWT_KEY`).
 */
export function ClerkAuthApp({ publishableKey }: { readonly publishableKey: string }) {
  return (
    <ClerkProvider publishableKey={publishableKey}>
      <ClerkTinySyncProvider
        schema={schema}
        url={demoConfig.syncUrl}
        signedOut={
          <main className="demo-sign-in">
            <SignIn routing="hash" />
          </main>
        }
        fallback={<LoadingScreen />}
        clearOnSignOut
      >
        <ClerkApiAccess>
          <Workspace
            title="Workspace"
            account={
              <div className="demo-account">
                <OrganizationSwitcher />
                <UserButton />
              </div>
            }
          />
        </ClerkApiAccess>
      </ClerkTinySyncProvider>
    </ClerkProvider>
  );
}
